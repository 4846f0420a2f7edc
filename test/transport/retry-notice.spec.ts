// The notice for a wait on an unreachable vendor, and the retry settings that shape those waits.
import { strict as assert } from "node:assert";
import { unreachableRetryNotice } from "../../provider/transport/retry-notice";
import { VendorError } from "../../provider/vendors/vendor-error";
import { ProviderSettings, SettingsError } from "../../provider/resource/provider-settings";

const refused = new VendorError({
  vendor: "huawei",
  operation: "forbid",
  stream: "push.example.com/live/s1",
  code: "ECONNREFUSED",
  vendorMessage: "connection refused (POST http://127.0.0.1:47801/v1/p/stream/blocks)",
  retryable: true,
  notExecuted: true,
});

describe("transport/retry-notice", () => {
  it("names vendor, operation, stream, cause, attempt, the wait and the time left", () => {
    assert.equal(
      unreachableRetryNotice({ attemptNo: 3, error: refused, delayMs: 400, unreachable: true, remainingMs: 57_250 }),
      "huawei forbid stream push.example.com/live/s1: vendor not reachable (ECONNREFUSED: connection refused (POST http://127.0.0.1:47801/v1/p/stream/blocks)), attempt 3 failed; retrying in 0.4 s, for up to 57.3 s more",
    );
  });

  it("says nothing about counted retries (throttling, 5xx)", () => {
    assert.equal(unreachableRetryNotice({ attemptNo: 1, error: refused, delayMs: 100, unreachable: false, remainingMs: 1 }), undefined);
  });
});

describe("resource/provider-settings: retry policy", () => {
  const settings = (env: Record<string, string>) => new ProviderSettings(() => undefined, env);

  it("keeps the defaults when nothing is set", () => {
    assert.deepEqual(settings({}).retryPolicy(), {});
  });

  it("reads the deadline and the backoff cap in seconds, from config or environment", () => {
    assert.deepEqual(settings({ STREAMBLOCK_RETRY_DEADLINE_SECONDS: "90", STREAMBLOCK_RETRY_MAX_DELAY_SECONDS: "0.25" }).retryPolicy(), {
      deadlineMs: 90_000,
      maxDelayMs: 250,
    });
    const fromConfig = new ProviderSettings((k) => (k === "streamblock:retryDeadlineSeconds" ? "30" : undefined), {});
    assert.deepEqual(fromConfig.retryPolicy(), { deadlineMs: 30_000 });
  });

  it("refuses nonsense, naming the setting", () => {
    for (const [k, v] of [["STREAMBLOCK_RETRY_DEADLINE_SECONDS", "0"], ["STREAMBLOCK_RETRY_DEADLINE_SECONDS", "soon"], ["STREAMBLOCK_RETRY_MAX_DELAY_SECONDS", "-1"]] as const) {
      assert.throws(() => settings({ [k]: v }).retryPolicy(), (e: Error) => e instanceof SettingsError && /retry(Deadline|MaxDelay)Seconds must be a number of seconds/.test(e.message), `${k}=${v}`);
    }
  });
});
