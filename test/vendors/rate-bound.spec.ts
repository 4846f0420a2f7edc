// The bench's bound: the least time N calls of an action take under the documented limits, per account and per API.
import { strict as assert } from "node:assert";
import { rateBoundOfRunSeconds, rateBoundSeconds } from "../../provider/vendors/rate-bound";

describe("vendors/rate-bound", () => {
  it("Huawei's per-minute windows: 4,000 creates at once, each further 4,000 one minute later (huawei.md §1)", () => {
    assert.equal(rateBoundSeconds("huawei", "CreateStreamForbidden", 0), 0);
    assert.equal(rateBoundSeconds("huawei", "CreateStreamForbidden", 1), 0);
    assert.equal(rateBoundSeconds("huawei", "CreateStreamForbidden", 4000), 0);
    assert.equal(rateBoundSeconds("huawei", "CreateStreamForbidden", 4001), 60);
    assert.equal(rateBoundSeconds("huawei", "CreateStreamForbidden", 10_000), 120);
    assert.equal(rateBoundSeconds("huawei", "DeleteStreamForbidden", 3001), 60);
    assert.equal(rateBoundSeconds("huawei", "ListStreamForbidden", 9001), 180);
  });

  it("spreads calls over accounts, and the per-API limit caps them together", () => {
    // Three accounts of 4,000 creates fit one minute; a fourth account's calls wait for the 12,000/min API cap.
    assert.equal(rateBoundSeconds("huawei", "CreateStreamForbidden", 12_000, 3), 0);
    assert.equal(rateBoundSeconds("huawei", "CreateStreamForbidden", 12_001, 4), 60);
    assert.equal(rateBoundSeconds("huawei", "CreateStreamForbidden", 16_000, 2), 60);
    // Lists: 3,000 per user, 6,000 per API: two accounts are as fast as ten.
    assert.equal(rateBoundSeconds("huawei", "ListStreamForbidden", 30_000, 2), 4 * 60);
    assert.equal(rateBoundSeconds("huawei", "ListStreamForbidden", 30_000, 10), 4 * 60);
  });

  it("QPS figures as the client limiter paces them: (calls - burst) / qps, burst a tenth of a second's worth", () => {
    assert.equal(rateBoundSeconds("tencent", "ForbidLiveStream", 1000), (1000 - 20) / 200);
    assert.equal(rateBoundSeconds("tencent", "ForbidLiveStream", 10), 0);
    assert.equal(rateBoundSeconds("aliyun", "ForbidLiveStream", 334), (334 - 2) / 20);
    assert.equal(rateBoundSeconds("tencent", "DescribeLiveForbidStreamList", 5), 2);
    // No per-API cap documented for QPS figures: accounts divide the time.
    assert.equal(rateBoundSeconds("aliyun", "ForbidLiveStream", 1000, 2), (500 - 2) / 20);
  });

  it("an action without a documented limit is bounded by nothing, and bad counts are refused", () => {
    assert.equal(rateBoundSeconds("huawei", "NotAnAction", 1_000_000), 0);
    assert.throws(() => rateBoundSeconds("huawei", "CreateStreamForbidden", -1), /calls must be an integer >= 0/);
    assert.throws(() => rateBoundSeconds("huawei", "CreateStreamForbidden", 1.5), RangeError);
    assert.throws(() => rateBoundSeconds("huawei", "CreateStreamForbidden", 1, 0), /accounts must be an integer >= 1/);
  });

  it("a run's bound is its slowest action", () => {
    const calls = { "huawei.CreateStreamForbidden": 3334, "tencent.ForbidLiveStream": 3333, "aliyun.ForbidLiveStream": 3333 };
    assert.equal(rateBoundOfRunSeconds(calls), (3333 - 2) / 20);
    assert.equal(rateBoundOfRunSeconds({}), 0);
  });
});
