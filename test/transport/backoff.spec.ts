// Full-jitter backoff and Retry-After parsing, with fixed random values and a fixed clock.
import { strict as assert } from "node:assert";
import { backoffDelayMs, retryDelayMs } from "../../provider/transport/backoff";
import { parseRetryAfter } from "../../provider/transport/retry-after";

describe("transport/backoff", () => {
  const s = { baseDelayMs: 200, maxDelayMs: 10_000 };
  const almostOne = () => 0.999999;

  it("doubles the ceiling per failure until the cap", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelayMs(n, s, almostOne)),
      [199, 399, 799, 1599, 3199, 6399, 9999, 9999],
    );
  });

  it("draws uniformly below the ceiling (full jitter)", () => {
    assert.equal(backoffDelayMs(3, s, () => 0), 0);
    assert.equal(backoffDelayMs(3, s, () => 0.5), 400);
  });

  it("survives huge attempt numbers", () => {
    assert.equal(backoffDelayMs(10_000, s, () => 0.5), 5000);
  });

  it("waits at least as long as a retry-after hint, even beyond the cap", () => {
    assert.equal(retryDelayMs(1, s, () => 0.5, 2500), 2500);
    assert.equal(retryDelayMs(1, s, () => 0.5, 50), 100);
    assert.equal(retryDelayMs(1, s, () => 0.5, 30_000), 30_000);
    assert.equal(retryDelayMs(1, s, () => 0.5, undefined), 100);
  });
});

describe("transport/retry-after", () => {
  const now = Date.parse("2015-10-21T07:28:00Z");

  it("reads delay-seconds", () => {
    assert.equal(parseRetryAfter("3", now), 3000);
    assert.equal(parseRetryAfter(" 0 ", now), 0);
  });

  it("reads an HTTP-date relative to now, never negative", () => {
    assert.equal(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now), 5000);
    assert.equal(parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now), 0);
  });

  it("ignores absent or malformed values", () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter("-1", now), undefined);
    assert.equal(parseRetryAfter("1.5", now), undefined);
    assert.equal(parseRetryAfter("soon", now), undefined);
    assert.equal(parseRetryAfter("Wed, not a date", now), undefined);
  });
});
