// StreamedListing: reads of listed streams are answered page by page; unlisted ones once the last page is in.
import { strict as assert } from "node:assert";
import type { Ban } from "../../provider/vendors/adapter";
import { StreamedListing } from "../../provider/resource/streamed-listing";

const ban = (stream: string): Ban => ({ domain: "d.example.com", app: "live", stream, expiresAt: new Date("2030-01-01T00:00:00Z") });
const keyOf = (b: Ban) => `${b.app}/${b.stream}`;
const tick = () => new Promise((r) => setImmediate(r));

/** A paged source the test releases page by page, optionally failing at the end. */
function pagedSource(pages: Ban[][], end: "ok" | Error = "ok") {
  let release!: () => void;
  let gate = new Promise<void>((r) => (release = r));
  async function* source(): AsyncIterable<Ban> {
    for (const page of pages) {
      await gate;
      gate = new Promise<void>((r) => (release = r));
      yield* page;
    }
    await gate;
    if (end !== "ok") throw end;
  }
  return { source: source(), next: async () => (release(), tick()) };
}

describe("StreamedListing", () => {
  it("answers a stream on the first page before the second page arrives", async () => {
    const src = pagedSource([[ban("a")], [ban("b")]]);
    const l = new StreamedListing(src.source, keyOf, () => false);
    let a: Ban | undefined | "pending" = "pending";
    void l.whenListed("live/a").then((b) => (a = b));
    await src.next();
    assert.equal((a as unknown as Ban).stream, "a");
    let missing: Ban | undefined | "pending" = "pending";
    void l.whenListed("live/zz").then((b) => (missing = b));
    await src.next();
    assert.equal(missing, "pending", "an unlisted stream is not known before the last page");
    await src.next();
    assert.equal(missing, undefined);
    assert.deepEqual([...(await l.complete)!.keys()], ["live/a", "live/b"]);
  });

  it("a vendor without a listing: every read is undefined and complete is undefined (the caller looks up)", async () => {
    async function* unavailable(): AsyncIterable<Ban> {
      throw new Error("UnsupportedOperation");
    }
    const l = new StreamedListing(unavailable(), keyOf, (e) => (e as Error).message === "UnsupportedOperation");
    assert.equal(await l.whenListed("live/a"), undefined);
    assert.equal(await l.complete, undefined);
  });

  it("a page failing: streams listed before it are still answered, others and complete reject with the error", async () => {
    const src = pagedSource([[ban("a")]], new Error("InternalError"));
    const l = new StreamedListing(src.source, keyOf, () => false);
    const waiting = assert.rejects(l.whenListed("live/b"), /InternalError/);
    await src.next();
    await src.next();
    await waiting;
    await assert.rejects(l.complete, /InternalError/);
    assert.equal((await l.whenListed("live/a"))?.stream, "a");
    await assert.rejects(l.whenListed("live/c"), /InternalError/);
  });
});
