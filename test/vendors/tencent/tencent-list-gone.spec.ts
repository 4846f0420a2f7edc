// The Tencent adapter against the sandbox's default (forbid list gone): it asks the gone list once per account, then never again.
import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../../provider/sandbox/sandbox";
import { HttpClient } from "../../../provider/transport/http-client";
import { RateLimiter } from "../../../provider/transport/rate-limiter";
import { TencentAdapter, isListUnavailable } from "../../../provider/vendors/tencent/tencent-adapter";

describe("vendors/tencent: the forbid list gone (tencent.md §3.5)", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let http: HttpClient;
  // One limiter for the whole file, as one process has: the list's 2/s is shared by every adapter here.
  let limiter: RateLimiter;
  const adapter = () =>
    new TencentAdapter({
      http,
      limiter,
      now: () => sb.clock.now(),
      retry: { baseDelayMs: 10, maxDelayMs: 50, deadlineMs: 5_000 },
      endpoint: sb.endpoints.tencent,
      credentials: sb.credentials.tencent,
    });
  const drain = async (it: AsyncIterable<unknown>) => {
    for await (const _ of it) void _;
  };
  /** List calls the sandbox answered (its own 2/s throttle refusing one is not a call the adapter chose). */
  const listCalls = () => {
    const c = sb.calls().tencent.DescribeLiveForbidStreamList;
    return c ? c.calls - (c.errors.RequestLimitExceeded ?? 0) : 0;
  };

  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
    http = new HttpClient();
    limiter = new RateLimiter();
  });
  after(async () => {
    await http.close();
    await sb.close();
  });
  beforeEach(() => sb.reset({ calls: true }));
  afterEach(() => {
    sb.clearFaults();
    sb.setVariants({ tencent: { forbidList: "action-offline" } });
  });

  it("is gone by default, and an adapter that heard so lists no more (every domain, every later listing) without a call", async () => {
    const a = adapter();
    for (const domain of ["a.example.com", "b.example.com", "a.example.com"]) {
      await assert.rejects(drain(a.list(domain)), (e: unknown) => isListUnavailable(e) && /ActionOffline/.test(String(e)));
    }
    await assert.rejects(drain(a.listAccount()), isListUnavailable);
    assert.equal(listCalls(), 1);
    // A new adapter (a new process) asks for itself.
    await assert.rejects(drain(adapter().listAccount()), isListUnavailable);
    assert.equal(listCalls(), 2);
  });

  it("InvalidAction counts as gone too", async () => {
    sb.setVariants({ tencent: { forbidList: "invalid-action" } });
    const a = adapter();
    await assert.rejects(drain(a.listAccount()), isListUnavailable);
    await assert.rejects(drain(a.listAccount()), isListUnavailable);
    assert.equal(listCalls(), 1);
  });

  it("a refusal that is not the API's removal is not remembered: the next listing asks again", async () => {
    sb.setVariants({ tencent: { forbidList: "available" } });
    sb.injectFault({ vendor: "tencent", action: "DescribeLiveForbidStreamList", kind: "error", code: "UnauthorizedOperation", count: 1 });
    const a = adapter();
    await assert.rejects(drain(a.listAccount()), (e: unknown) => !isListUnavailable(e) && /UnauthorizedOperation/.test(String(e)));
    await drain(a.listAccount());
    assert.equal(listCalls(), 2);
  });

  it("where the account still has the list, every listing reads it", async () => {
    sb.setVariants({ tencent: { forbidList: "available" } });
    const a = adapter();
    await drain(a.listAccount());
    await drain(a.listAccount());
    assert.equal(listCalls(), 2);
  });
});
