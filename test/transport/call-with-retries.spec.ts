// The retry loop end to end over loopback sockets: throttling, 5xx, resets, timeouts, deadline, re-signing.
import { strict as assert } from "node:assert";
import { HttpClient } from "../../provider/transport/http-client";
import { callWithRetries, type RetryContext, type RetryDeps, type RetryPolicy } from "../../provider/transport/call-with-retries";
import { vendorErrorFromStatus } from "../../provider/transport/http-status-error";
import type { HttpResponse } from "../../provider/transport/http-types";
import { VendorError } from "../../provider/vendors/vendor-error";
import { TransportError } from "../../provider/transport/transport-error";
import { startServer, refusedPort, json, eventually, type LoopbackServer } from "./loopback-server";

const SECRET = "FAKE-SECRET-0a7c33d1";
const ctx: RetryContext = { vendor: "aliyun", operation: "forbid", stream: "push.example.com/live/s1", idempotent: true };
const kick: RetryContext = { ...ctx, operation: "kick", idempotent: false };

/** Injected sleep that only records; random fixed at 0.5, so backoff n waits 100 * 2^(n-1) ms. */
function recorder(): { sleeps: number[]; deps: RetryDeps } {
  const sleeps: number[] = [];
  return { sleeps, deps: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 } };
}

async function failure(p: Promise<unknown>): Promise<VendorError> {
  try {
    await p;
  } catch (e) {
    assert.ok(VendorError.isInstance(e), `expected VendorError, got ${String(e)}`);
    return e;
  }
  throw new Error("call succeeded");
}

function assertNoSecret(e: Error): void {
  assert.ok(!e.message.includes(SECRET), e.message);
  assert.ok(!String(e.stack).includes(SECRET));
}

describe("transport/call-with-retries", () => {
  const servers: LoopbackServer[] = [];
  const clients: HttpClient[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  const server = async (script: Parameters<typeof startServer>[0]): Promise<LoopbackServer> => {
    const s = await startServer(script);
    servers.push(s);
    return s;
  };
  const client = (opts?: ConstructorParameters<typeof HttpClient>[0]): HttpClient => {
    const c = new HttpClient(opts);
    clients.push(c);
    return c;
  };

  /** What an adapter's attempt does: sign anew (attempt-specific signature), send, map non-2xx to VendorError. */
  function adapterAttempt(http: HttpClient, c: RetryContext, url: (n: number) => URL) {
    return async (n: number, signal: AbortSignal): Promise<HttpResponse> => {
      const u = url(n);
      u.searchParams.set("Signature", SECRET);
      const res = await http.send(
        { method: "POST", url: u, headers: { authorization: `ACS3 ${SECRET}`, "x-signature": `sig-${n}` }, body: "{}" },
        { signal },
      );
      if (res.status >= 300) throw vendorErrorFromStatus(c, res);
      return res;
    };
  }

  it("retries throttling and waits as long as Retry-After says", async () => {
    const s = await server((n, _req, res) => (n < 2 ? json(res, 429, {}, { "retry-after": "2" }) : json(res, 200, { ok: true })));
    const r = recorder();
    const res = await callWithRetries(ctx, {}, adapterAttempt(client(), ctx, () => s.url()), r.deps);
    assert.equal(res.body, '{"ok":true}');
    assert.equal(s.requests.length, 3);
    assert.deepEqual(r.sleeps, [2000, 2000]);
  });

  it("honours a vendor retry-after hint carried on VendorError (e.g. x-acs-retry-after)", async () => {
    const r = recorder();
    let calls = 0;
    const value = await callWithRetries(
      ctx,
      {},
      async () => {
        if (++calls === 1) {
          throw new VendorError({ vendor: "aliyun", operation: "forbid", code: "Throttling.User", vendorMessage: "flow control", httpStatus: 400, retryable: true, retryAfterMs: 1500 });
        }
        return "done";
      },
      r.deps,
    );
    assert.equal(value, "done");
    assert.deepEqual(r.sleeps, [1500]);
  });

  it("retries a burst of 5xx with exponential backoff", async () => {
    const s = await server((n, _req, res) => json(res, [503, 502, 500][n] ?? 200, {}));
    const r = recorder();
    const res = await callWithRetries(ctx, {}, adapterAttempt(client(), ctx, () => s.url()), r.deps);
    assert.equal(res.status, 200);
    assert.equal(s.requests.length, 4);
    assert.deepEqual(r.sleeps, [100, 200, 400]);
  });

  it("retries connection resets", async () => {
    const s = await server((n, req, res) => (n < 2 ? req.socket.destroy() : json(res, 200, {})));
    const r = recorder();
    const res = await callWithRetries(ctx, {}, adapterAttempt(client(), ctx, () => s.url()), r.deps);
    assert.equal(res.status, 200);
    assert.equal(s.requests.length, 3);
    assert.equal(r.sleeps.length, 2);
  });

  it("retries a stall past the headers timeout, then surfaces HEADERS_TIMEOUT", async () => {
    const s = await server(() => undefined);
    const r = recorder();
    const e = await failure(callWithRetries(ctx, { maxAttempts: 2 }, adapterAttempt(client({ headersTimeoutMs: 100 }), ctx, () => s.url()), r.deps));
    assert.deepEqual([e.code, e.retryable, e.notExecuted], ["HEADERS_TIMEOUT", true, false]);
    assert.equal(s.requests.length, 2);
    assert.equal(r.sleeps.length, 1);
    assertNoSecret(e);
  });

  it("aborts a stalled attempt at the overall deadline with DEADLINE_EXCEEDED naming the last error", async () => {
    const s = await server((n, req) => (n === 0 ? req.socket.destroy() : undefined));
    const r = recorder();
    const e = await failure(callWithRetries(ctx, { deadlineMs: 400 }, adapterAttempt(client({ headersTimeoutMs: 10_000 }), ctx, () => s.url()), r.deps));
    assert.equal(e.code, "DEADLINE_EXCEEDED");
    assert.match(e.vendorMessage, /deadline of 400 ms passed, attempt 2 was still running; last error: ECONNRESET/);
    assert.equal(e.notExecuted, false);
    assert.equal(s.requests.length, 2);
    // The stalled request's socket is closed by the abort, not left hanging.
    await eventually(() => s.closedSockets() === 2, "both sockets closed");
    assertNoSecret(e);
  });

  it("gives up at once when the next wait would cross the deadline", async () => {
    let t = 0;
    const sleeps: number[] = [];
    const e = await failure(
      callWithRetries(
        ctx,
        { deadlineMs: 3000 },
        async () => {
          t += 10;
          throw new VendorError({ vendor: "aliyun", operation: "forbid", code: "Throttling.User", vendorMessage: "slow down", retryable: true, retryAfterMs: 5000 });
        },
        { now: () => t, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
      ),
    );
    assert.equal(e.code, "DEADLINE_EXCEEDED");
    assert.match(e.vendorMessage, /1 attempt\(s\) made; last error: Throttling.User: slow down/);
    assert.equal(e.notExecuted, true, "a throttled call did not run");
    assert.deepEqual(sleeps, []);
  });

  it("stops at the deadline even when the attempt ignores its signal", async () => {
    const e = await failure(callWithRetries(ctx, { deadlineMs: 50 }, () => new Promise<never>(() => undefined)));
    assert.equal(e.code, "DEADLINE_EXCEEDED");
  });

  describe("a non-idempotent operation (kick)", () => {
    it("is not repeated after a reset", async () => {
      const s = await server((n, req, res) => (n === 0 ? req.socket.destroy() : json(res, 200, {})));
      const e = await failure(callWithRetries(kick, {}, adapterAttempt(client(), kick, () => s.url()), recorder().deps));
      assert.deepEqual([e.code, e.operation], ["ECONNRESET", "kick"]);
      assert.equal(s.requests.length, 1);
    });

    it("is not repeated after a headers timeout", async () => {
      const s = await server(() => undefined);
      const e = await failure(callWithRetries(kick, {}, adapterAttempt(client({ headersTimeoutMs: 100 }), kick, () => s.url()), recorder().deps));
      assert.equal(e.code, "HEADERS_TIMEOUT");
      assert.equal(s.requests.length, 1);
    });

    it("is not repeated after a 503 (it may have run)", async () => {
      const s = await server((n, _req, res) => json(res, n === 0 ? 503 : 200, {}));
      const e = await failure(callWithRetries(kick, {}, adapterAttempt(client(), kick, () => s.url()), recorder().deps));
      assert.equal(e.code, "HTTP_503");
      assert.equal(s.requests.length, 1);
    });

    it("is repeated after a refused connection", async () => {
      const s = await server((_n, _req, res) => json(res, 200, { kicked: true }));
      const dead = await refusedPort();
      const urls = (n: number): URL => (n === 1 ? new URL(`http://127.0.0.1:${dead}/`) : s.url());
      const r = recorder();
      const res = await callWithRetries(kick, {}, adapterAttempt(client(), kick, urls), r.deps);
      assert.equal(res.body, '{"kicked":true}');
      assert.equal(s.requests.length, 1);
      assert.equal(r.sleeps.length, 1);
    });

    it("is repeated after a throttling rejection", async () => {
      const s = await server((n, _req, res) => json(res, n === 0 ? 429 : 200, {}));
      const res = await callWithRetries(kick, {}, adapterAttempt(client(), kick, () => s.url()), recorder().deps);
      assert.equal(res.status, 200);
      assert.equal(s.requests.length, 2);
    });
  });

  it("calls the attempt function anew for every attempt, so each is signed afresh", async () => {
    const s = await server((n, _req, res) => json(res, n < 2 ? 503 : 200, {}));
    const numbers: number[] = [];
    const base = adapterAttempt(client(), ctx, () => s.url());
    await callWithRetries(ctx, {}, (n, signal) => (numbers.push(n), base(n, signal)), recorder().deps);
    assert.deepEqual(numbers, [1, 2, 3]);
    assert.deepEqual(s.requests.map((q) => q.headers["x-signature"]), ["sig-1", "sig-2", "sig-3"]);
  });

  it("throws the last VendorError once maxAttempts are used up", async () => {
    const s = await server((_n, _req, res) => json(res, 503, {}, { "x-acs-request-id": "RID-1" }));
    const retries: number[] = [];
    const r = recorder();
    const e = await failure(
      callWithRetries(ctx, { maxAttempts: 3 }, adapterAttempt(client(), ctx, () => s.url()), { ...r.deps, onRetry: (i) => retries.push(i.attemptNo) }),
    );
    assert.deepEqual([e.code, e.httpStatus, e.requestId], ["HTTP_503", 503, "RID-1"]);
    assert.equal(s.requests.length, 3);
    assert.deepEqual(retries, [1, 2]);
    assertNoSecret(e);
  });

  it("does not retry what is not retryable", async () => {
    const s = await server((_n, _req, res) => json(res, 400, {}));
    const e = await failure(callWithRetries(ctx, {}, adapterAttempt(client(), ctx, () => s.url()), recorder().deps));
    assert.deepEqual([e.code, e.retryable], ["HTTP_400", false]);
    assert.equal(s.requests.length, 1);
  });

  it("refuses plain http to a non-loopback host without retrying, as a VendorError", async () => {
    let calls = 0;
    const http = client();
    const e = await failure(
      callWithRetries(ctx, {}, (_n, signal) => (calls++, http.send({ method: "GET", url: new URL(`http://example.com/?Signature=${SECRET}`), headers: { authorization: SECRET } }, { signal })), recorder().deps),
    );
    assert.deepEqual([e.code, e.retryable, e.notExecuted, calls], ["INSECURE_ENDPOINT", false, true, 1]);
    assertNoSecret(e);
  });

  it("rethrows programming errors untouched", async () => {
    let calls = 0;
    await assert.rejects(
      callWithRetries(ctx, {}, async () => {
        calls++;
        throw new TypeError("bug");
      }),
      TypeError,
    );
    assert.equal(calls, 1);
  });

  it("ends with ABORTED when the caller cancels", async () => {
    const s = await server(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const e = await failure(callWithRetries({ ...ctx, signal: controller.signal }, {}, adapterAttempt(client(), ctx, () => s.url())));
    assert.deepEqual([e.code, e.retryable], ["ABORTED", false]);
  });

  it("validates the policy", async () => {
    const bad: Partial<RetryPolicy>[] = [{ maxAttempts: 0 }, { maxAttempts: 1.5 }, { deadlineMs: -1 }, { baseDelayMs: NaN }];
    for (const p of bad) await assert.rejects(callWithRetries(ctx, p, async () => 1), RangeError);
  });
});

describe("transport/call-with-retries: an unreachable vendor, by elapsed time (fake clock)", () => {
  /** A clock that moves only when the retry loop waits (or an attempt says it took time); random fixed at 0.5. */
  function fakeClock(): { deps: RetryDeps; sleeps: number[]; now: () => number; spend: (ms: number) => void } {
    let t = 0;
    const sleeps: number[] = [];
    return {
      sleeps,
      now: () => t,
      spend: (ms) => void (t += ms),
      deps: { now: () => t, sleep: async (ms) => void (sleeps.push(ms), (t += ms)), random: () => 0.5 },
    };
  }
  const refused = (): TransportError =>
    new TransportError({ code: "ECONNREFUSED", detail: "connection refused", target: "POST http://127.0.0.1:9/", requestSent: false, retryable: true });
  const denied = (): VendorError =>
    new VendorError({ vendor: "aliyun", operation: "forbid", code: "InvalidAccessKeyId.NotFound", vendorMessage: "no such key", httpStatus: 404, retryable: false });
  const unavailable = (): VendorError =>
    new VendorError({ vendor: "aliyun", operation: "forbid", code: "HTTP_503", vendorMessage: "bare 503", httpStatus: 503, retryable: true });

  /** An attempt refused while the clock is before `downUntilMs`, then answering "ok". */
  function restartingVendor(clock: ReturnType<typeof fakeClock>, downUntilMs: number, attempts: number[]) {
    return async (n: number): Promise<string> => {
      attempts.push(n);
      if (clock.now() < downUntilMs) throw refused();
      return "ok";
    };
  }

  for (const seconds of [10, 30]) {
    it(`a vendor refusing connections for ${seconds} s (a restart) fails nothing: the default policy retries past 5 attempts`, async () => {
      const clock = fakeClock();
      const attempts: number[] = [];
      const value = await callWithRetries(ctx, {}, restartingVendor(clock, seconds * 1000, attempts), clock.deps);
      assert.equal(value, "ok");
      assert.ok(attempts.length > 5, `${attempts.length} attempts`);
      assert.ok(clock.now() >= seconds * 1000 && clock.now() < 60_000, `succeeded at ${clock.now()} ms`);
    });
  }

  it("waits with capped exponential backoff: 100, 200, 400 ... up to half the 10 s cap (random 0.5)", async () => {
    const clock = fakeClock();
    await callWithRetries(ctx, {}, restartingVendor(clock, 25_000, []), clock.deps);
    assert.deepEqual(clock.sleeps.slice(0, 8), [100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    assert.ok(clock.sleeps.every((ms) => ms <= 10_000));
  });

  it("a vendor that never comes back fails with DEADLINE_EXCEEDED after the deadline, naming the refusal, not after 1-3 s", async () => {
    const clock = fakeClock();
    const attempts: number[] = [];
    const e = await failure(callWithRetries(ctx, {}, restartingVendor(clock, Infinity, attempts), clock.deps));
    assert.equal(e.code, "DEADLINE_EXCEEDED");
    assert.match(e.vendorMessage, /last error: ECONNREFUSED: connection refused/);
    assert.equal(e.notExecuted, true, "nothing was ever sent");
    assert.ok(clock.now() > 45_000 && clock.now() <= 60_000, `gave up at ${clock.now()} ms`);
    assert.ok(attempts.length > 5);
  });

  it("a shorter deadline and cap (what the engine test configures) bound it the same way", async () => {
    const clock = fakeClock();
    const e = await failure(callWithRetries(ctx, { deadlineMs: 5_000, maxDelayMs: 500 }, restartingVendor(clock, Infinity, []), clock.deps));
    assert.equal(e.code, "DEADLINE_EXCEEDED");
    assert.ok(clock.sleeps.every((ms) => ms <= 500));
    assert.ok(clock.now() <= 5_000);
  });

  it("counts only attempts that reached the vendor: after a refusal streak, five 503s still end it", async () => {
    const clock = fakeClock();
    const attempts: number[] = [];
    const e = await failure(
      callWithRetries(
        ctx,
        {},
        async (n) => {
          attempts.push(n);
          throw n <= 7 ? refused() : unavailable();
        },
        clock.deps,
      ),
    );
    assert.equal(e.code, "HTTP_503");
    assert.equal(attempts.length, 7 + 5);
  });

  it("keeps permanent errors immediate, also after refusals", async () => {
    for (const before of [0, 3]) {
      const clock = fakeClock();
      const attempts: number[] = [];
      const e = await failure(
        callWithRetries(
          ctx,
          {},
          async (n) => {
            attempts.push(n);
            throw n <= before ? refused() : denied();
          },
          clock.deps,
        ),
      );
      assert.equal(e.code, "InvalidAccessKeyId.NotFound");
      assert.equal(attempts.length, before + 1, "no retry after the permanent error");
      assert.equal(clock.sleeps.length, before);
    }
  });

  it("retries a one-shot kick through a refusal streak (nothing was sent)", async () => {
    const clock = fakeClock();
    const attempts: number[] = [];
    assert.equal(await callWithRetries(kick, {}, restartingVendor(clock, 12_000, attempts), clock.deps), "ok");
    assert.ok(attempts.length > 5);
  });

  it("tells onRetry which waits are for an unreachable vendor and how long is left", async () => {
    const clock = fakeClock();
    const infos: { attemptNo: number; unreachable: boolean; delayMs: number; remainingMs: number }[] = [];
    let n = 0;
    await callWithRetries(
      ctx,
      {},
      async () => {
        n++;
        if (n === 1) throw refused();
        if (n === 2) throw unavailable();
        return "ok";
      },
      { ...clock.deps, onRetry: (i) => infos.push({ attemptNo: i.attemptNo, unreachable: i.unreachable, delayMs: i.delayMs, remainingMs: i.remainingMs }) },
    );
    assert.deepEqual(infos, [
      { attemptNo: 1, unreachable: true, delayMs: 100, remainingMs: 60_000 - 100 },
      { attemptNo: 2, unreachable: false, delayMs: 200, remainingMs: 60_000 - 300 },
    ]);
  });
});
