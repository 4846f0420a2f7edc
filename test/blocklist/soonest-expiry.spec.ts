// SoonestExpiryTracker: the summary's soonest expiry, gathered ban by ban without pulumi.all over every ban.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { soonest, SoonestExpiryTracker } from "../../provider/blocklist/soonest-expiry";

type Internals<T> = { promise(): Promise<T>; isKnown: Promise<boolean> };
const internals = <T>(o: pulumi.Output<T>) => o as unknown as Internals<T>;

describe("soonest expiry", () => {
  it("soonest() picks the earliest parseable expiry and names its ban", () => {
    assert.deepEqual(soonest(["2030-01-02T00:00:00Z", undefined, "2030-01-01T00:00:00Z"], ["a", "b", "c"]), { at: "2030-01-01T00:00:00Z", ban: "c" });
    assert.equal(soonest([undefined], ["a"]), undefined);
  });

  it("the tracker reports the earliest expiry of the bans it followed, skipping failed bans and bans without one", async () => {
    const t = new SoonestExpiryTracker();
    t.track(pulumi.output("2030-03-01T00:00:00Z"), "huawei/d/live/a");
    t.track(pulumi.output(Promise.reject(new Error("create failed")) as Promise<string>), "huawei/d/live/failed");
    t.track(pulumi.output(undefined), "aliyun/d/live/adopted");
    t.track(pulumi.output("2030-02-01T00:00:00Z"), "tencent/d/live/b");
    const r = internals(t.result());
    assert.equal(await r.isKnown, true);
    assert.deepEqual(await r.promise(), { at: "2030-02-01T00:00:00Z", ban: "tencent/d/live/b" });
  });

  it("waits for bans that settle later, and is unknown when any expiry is unknown (a preview of a create)", async () => {
    const t = new SoonestExpiryTracker();
    let settle!: (v: string) => void;
    t.track(pulumi.output(new Promise<string>((r) => (settle = r))), "late");
    const r = internals(t.result());
    settle("2029-01-01T00:00:00Z");
    assert.deepEqual(await r.promise(), { at: "2029-01-01T00:00:00Z", ban: "late" });

    const u = new SoonestExpiryTracker();
    u.track(pulumi.output("2030-01-01T00:00:00Z"), "known");
    u.track(pulumi.output(pulumi.unknown) as pulumi.Output<string>, "planned");
    assert.equal(await internals(u.result()).isKnown, false);
  });

  it("with nothing tracked there is no soonest expiry", async () => {
    assert.equal(await internals(new SoonestExpiryTracker().result()).promise(), undefined);
  });
});
