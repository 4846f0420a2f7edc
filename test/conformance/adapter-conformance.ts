// The one conformance suite every vendor adapter passes against the sandbox, per behaviour variant and under faults.
import { strict as assert } from "node:assert";
import type { VendorAdapter, Ban, StreamKey } from "../../provider/vendors/adapter";
import type { AdapterOptions } from "../../provider/vendors/adapter-runtime";
import type { VendorId } from "../../provider/vendors/vendor-id";
import { VendorError } from "../../provider/vendors/vendor-error";
import { VENDOR_LIMITS } from "../../provider/vendors/vendor-limits";
import { HttpClient } from "../../provider/transport/http-client";
import { RateLimiter } from "../../provider/transport/rate-limiter";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import type { VariantOverrides } from "../../provider/sandbox/behaviour-variants";

export interface ConformanceTarget {
  vendor: VendorId;
  /** Label of the adapter configuration (e.g. "v3 signature"). */
  label: string;
  make(sb: Sandbox, opts: AdapterOptions): VendorAdapter;
  /** Behaviour variants to run the whole suite under ({} = the defaults). */
  variants: VariantOverrides[];
  /** Listing that is expected to be missing under a variant: list() must say so. */
  listUnavailable?: (v: VariantOverrides) => boolean;
  isListUnavailable?: (e: unknown) => boolean;
  /** Tolerance when comparing an expiry the vendor lists with the one sent (Tencent's zone ambiguity). */
  expiryToleranceMs?: (v: VariantOverrides) => number;
}

const DOMAIN = "push.conformance.example.com";
const OTHER_DOMAIN = "push.other.example.com";

function variantLabel(v: VariantOverrides): string {
  const parts = Object.values(v).flatMap((o) => Object.entries(o ?? {}).map(([k, val]) => `${k}=${val}`));
  return parts.length ? parts.join(", ") : "default variants";
}

export function describeAdapterConformance(t: ConformanceTarget): void {
  for (const variants of t.variants) {
    describe(`conformance: ${t.vendor} adapter (${t.label}; ${variantLabel(variants)})`, function () {
      this.timeout(60_000);
      let sb: Sandbox;
      let http: HttpClient;
      let adapter: VendorAdapter;
      let n = 0;
      // The most awkward name the vendor accepts (NAMING.md): the symbols that stress each signer's encoding.
      const tricky = t.vendor === "huawei" ? "a_b/c-d" : "a~b!$&'()+,;=:@";
      const key = (): StreamKey => ({ domain: DOMAIN, app: "live", stream: `conf-${++n}-${tricky}` });
      const inDays = (d: number): Date => new Date(Math.floor(sb.clock.now().getTime() / 1000) * 1000 + d * 86_400_000);
      const sandboxBan = (k: StreamKey) =>
        sb.bans({ vendor: t.vendor, domain: k.domain, app: k.app, stream: k.stream })[0];
      const tolerance = t.expiryToleranceMs?.(variants) ?? 0;
      const assertNear = (a: Date | undefined, b: Date, tol = 1000): void => {
        assert.ok(a, "expected an expiry");
        assert.ok(Math.abs(a.getTime() - b.getTime()) <= tol, `${a.toISOString()} is not within ${tol} ms of ${b.toISOString()}`);
      };

      before(async () => {
        sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false, variants });
        // Short timeouts so stalls are cheap; a private limiter at the documented QPS.
        http = new HttpClient({ headersTimeoutMs: 400, bodyTimeoutMs: 400, connectTimeoutMs: 1000 });
        adapter = t.make(sb, {
          http,
          limiter: new RateLimiter(),
          now: () => sb.clock.now(),
          retry: { baseDelayMs: 20, maxDelayMs: 200, deadlineMs: 15_000 },
        });
      });
      after(async () => {
        await http.close();
        await sb.close();
      });
      afterEach(() => sb.clearFaults());

      it("forbids until a resume time and looks the ban up", async () => {
        const k = key();
        const until = inDays(10);
        const r = await adapter.forbid({ ...k, resumeTime: until, reason: "conformance" });
        assert.ok(r.requestId, "a request id");
        assert.equal(r.expiresAt?.getTime(), until.getTime());
        assertNear(new Date(sandboxBan(k)!.expiresAt), until);
        const found = await adapter.lookup(k);
        assert.ok(found, "lookup finds the ban");
        if (adapter.capabilities.listHasExpiry && found.expiresAt) assertNear(found.expiresAt, until, 1000 + tolerance);
      });

      it("forbids for the vendor's default duration when no resume time is given", async () => {
        const k = key();
        const r = await adapter.forbid(k);
        const expected = new Date(sb.clock.now().getTime() + VENDOR_LIMITS[t.vendor].defaultBanSeconds * 1000);
        assertNear(r.expiresAt, expected, 5000);
        assertNear(new Date(sandboxBan(k)!.expiresAt), expected, 5000);
      });

      it("converges to the asked resume time when the stream is already banned", async () => {
        const k = key();
        await adapter.forbid({ ...k, resumeTime: inDays(3) });
        const r = await adapter.forbid({ ...k, resumeTime: inDays(20) });
        assertNear(new Date(sandboxBan(k)!.expiresAt), inDays(20));
        assert.ok(Array.isArray(r.notes));
      });

      it("changes the resume time of an existing ban, again and again", async () => {
        const k = key();
        await adapter.forbid({ ...k, resumeTime: inDays(3) });
        await adapter.updateResumeTime({ ...k, resumeTime: inDays(30) });
        assertNear(new Date(sandboxBan(k)!.expiresAt), inDays(30));
        await adapter.updateResumeTime({ ...k, resumeTime: inDays(31) });
        assertNear(new Date(sandboxBan(k)!.expiresAt), inDays(31));
      });

      it("bans again when asked to update a ban the vendor lost", async () => {
        const k = key();
        await adapter.updateResumeTime({ ...k, resumeTime: inDays(5) });
        assertNear(new Date(sandboxBan(k)!.expiresAt), inDays(5));
      });

      it("resumes a banned stream, and resuming again succeeds", async () => {
        const k = key();
        await adapter.forbid({ ...k, resumeTime: inDays(2) });
        await adapter.resume(k);
        assert.equal(sandboxBan(k), undefined);
        assert.equal(await adapter.lookup(k), undefined);
        await adapter.resume(k);
      });

      it("resuming a stream that was never banned succeeds", async () => {
        await adapter.resume(key());
      });

      it("lists every ban of a domain across pages, and only that domain's", async function () {
        if (t.listUnavailable?.(variants)) {
          await assert.rejects(
            (async () => {
              for await (const _ of adapter.list(DOMAIN)) void _;
            })(),
            (e: unknown) => t.isListUnavailable!(e),
          );
          return;
        }
        const count = adapter.capabilities.pageSize + 17;
        const account = sb.primaryAccount(t.vendor);
        const until = inDays(40);
        for (let i = 0; i < count; i++) sb.putBan({ vendor: t.vendor, account, domain: "list.example.com", app: "live", stream: `l${i}` }, until);
        sb.putBan({ vendor: t.vendor, account, domain: OTHER_DOMAIN, app: "live", stream: "elsewhere" }, until);
        const seen: Ban[] = [];
        for await (const b of adapter.list("list.example.com")) seen.push(b);
        const names = new Set(seen.map((b) => b.stream));
        assert.equal(names.size, count);
        assert.ok(!names.has("elsewhere"));
        if (adapter.capabilities.listHasExpiry) for (const b of seen) assertNear(b.expiresAt, until, 1000 + tolerance);
      });

      it("does not report a ban once its resume time has passed", async () => {
        const k = key();
        await adapter.forbid({ ...k, resumeTime: inDays(1) });
        sb.advanceClock(2 * 86_400_000);
        try {
          const found = await adapter.lookup(k);
          // aliyun.md §7: with expired entries still listed and no resume time in the list, Aliyun cannot tell.
          const aliyunShown = t.vendor === "aliyun" && variants.aliyun?.expiredInList === "shown";
          if (!aliyunShown) assert.equal(found, undefined);
        } finally {
          sb.advanceClock(-2 * 86_400_000);
        }
      });

      it("kicks the current push once without banning", async () => {
        const k = key();
        const before = sb.kicks({ vendor: t.vendor, stream: k.stream }).length;
        const r = await adapter.kick(k);
        assert.ok(r.requestId !== undefined);
        assert.equal(sb.kicks({ vendor: t.vendor, stream: k.stream }).length, before + 1);
        assert.equal(sandboxBan(k), undefined);
      });

      it("surfaces a vendor refusal as one VendorError naming vendor, operation, stream, code and request id", async () => {
        const k = { ...key(), stream: "*" };
        const e = await adapter.forbid(k).then(
          () => assert.fail("forbid of * must fail"),
          (err: unknown) => err,
        );
        assert.ok(VendorError.isInstance(e), String(e));
        assert.equal(e.vendor, t.vendor);
        assert.equal(e.operation, "forbid");
        assert.ok(e.stream?.endsWith("/*"));
        assert.equal(e.retryable, false);
        assert.ok(e.code.length > 0);
        assert.ok(e.requestId, "request id");
        assert.ok(e.message.includes(e.code));
      });

      describe("under injected faults", () => {
        const forbidAction = { huawei: "CreateStreamForbidden", tencent: "ForbidLiveStream", aliyun: "ForbidLiveStream" }[t.vendor];
        const kickAction = { huawei: "CreateStreamForbiddenOnce", tencent: "DropLiveStream", aliyun: "ForbidLiveStream" }[t.vendor];
        const throttleCode = { huawei: "APIGW.0308", tencent: "RequestLimitExceeded", aliyun: "Throttling.User" }[t.vendor];

        it("retries through throttling", async () => {
          const k = key();
          sb.injectFault({ vendor: t.vendor, action: forbidAction, kind: "error", code: throttleCode, count: 2 });
          await adapter.forbid({ ...k, resumeTime: inDays(4) });
          assert.ok(sandboxBan(k));
        });

        it("retries through a 5xx burst", async () => {
          const k = key();
          sb.injectFault({ vendor: t.vendor, action: forbidAction, kind: "http", status: 503, count: 2 });
          await adapter.forbid({ ...k, resumeTime: inDays(4) });
          assert.ok(sandboxBan(k));
        });

        it("retries through a dropped connection", async () => {
          const k = key();
          sb.injectFault({ vendor: t.vendor, action: forbidAction, kind: "drop", count: 1 });
          await adapter.forbid({ ...k, resumeTime: inDays(4) });
          assert.ok(sandboxBan(k));
        });

        it("retries through a stalled response", async () => {
          const k = key();
          sb.injectFault({ vendor: t.vendor, action: forbidAction, kind: "stall", count: 1 });
          await adapter.forbid({ ...k, resumeTime: inDays(4) });
          assert.ok(sandboxBan(k));
        });

        it("gives up on a vendor that stays down, with a clear error", async () => {
          const k = key();
          sb.injectFault({ vendor: t.vendor, action: forbidAction, kind: "http", status: 503, count: 50 });
          const e = await adapter.forbid({ ...k, resumeTime: inDays(4) }).then(
            () => assert.fail("must fail"),
            (err: unknown) => err,
          );
          assert.ok(VendorError.isInstance(e));
          assert.equal(e.vendor, t.vendor);
          assert.equal(e.httpStatus, 503);
          assert.equal(sandboxBan(k), undefined);
        });

        it("never repeats a kick after a dropped connection", async () => {
          const k = key();
          sb.injectFault({ vendor: t.vendor, action: kickAction, kind: "drop", count: 1 });
          await assert.rejects(adapter.kick(k), (e: unknown) => VendorError.isInstance(e) && e.operation === "kick");
          assert.equal(sb.kicks({ vendor: t.vendor, stream: k.stream }).length, 0);
        });

        it("repeats a kick after throttling (the vendor did not run it)", async () => {
          const k = key();
          sb.injectFault({ vendor: t.vendor, action: kickAction, kind: "error", code: throttleCode, count: 1 });
          await adapter.kick(k);
          assert.equal(sb.kicks({ vendor: t.vendor, stream: k.stream }).length, 1);
        });
      });
    });
  }
}
