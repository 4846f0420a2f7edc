// Aliyun has no update call: concurrent resume-time updates probe the duplicate-forbid behaviour once, then cost 2 calls each.
import { strict as assert } from "node:assert";
import { AliyunAdapter } from "../../../provider/vendors/aliyun/aliyun-adapter";
import { HttpClient } from "../../../provider/transport/http-client";
import { RateLimiter } from "../../../provider/transport/rate-limiter";
import { startSandbox, type Sandbox } from "../../../provider/sandbox/sandbox";
import type { VariantOverrides } from "../../../provider/sandbox/behaviour-variants";

const DOMAIN = "push.update-calls.example.com";

async function updateConcurrently(variants: VariantOverrides, n: number): Promise<{ forbids: number; resumes: number; expiries: string[] }> {
  const sb: Sandbox = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false, variants });
  const http = new HttpClient();
  try {
    const adapter = new AliyunAdapter({ http, limiter: new RateLimiter(), now: () => sb.clock.now(), endpoint: sb.endpoints.aliyun, credentials: sb.credentials.aliyun });
    const keys = Array.from({ length: n }, (_, i) => ({ domain: DOMAIN, app: "live", stream: `u${i}` }));
    const day = (d: number) => new Date(Math.floor(sb.clock.now().getTime() / 1000) * 1000 + d * 86_400_000);
    for (const k of keys) await adapter.forbid({ ...k, resumeTime: day(3) });
    const before = sb.calls().aliyun;
    await Promise.all(keys.map((k) => adapter.updateResumeTime({ ...k, resumeTime: day(20) })));
    const after = sb.calls().aliyun;
    const delta = (action: string) => (after[action]?.calls ?? 0) - (before[action]?.calls ?? 0);
    return {
      forbids: delta("ForbidLiveStream"),
      resumes: delta("ResumeLiveStream"),
      expiries: [...new Set(keys.map((k) => sb.bans({ vendor: "aliyun", domain: DOMAIN, stream: k.stream })[0]!.expiresAt))],
    };
  } finally {
    await http.close();
    await sb.close();
  }
}

describe("Aliyun resume-time updates: calls per update", function () {
  this.timeout(30_000);

  it("an account that refuses duplicate forbids: one refused probe, then resume + forbid for each (3 + 2 x (n - 1) calls)", async () => {
    const r = await updateConcurrently({}, 8);
    assert.deepEqual({ forbids: r.forbids, resumes: r.resumes }, { forbids: 1 + 8, resumes: 8 });
    assert.equal(r.expiries.length, 1, "every ban got the new resume time");
  });

  it("an account that lets a duplicate forbid overwrite: one forbid each, no resume", async () => {
    const r = await updateConcurrently({ aliyun: { duplicateForbid: "upsert" } }, 8);
    assert.deepEqual({ forbids: r.forbids, resumes: r.resumes }, { forbids: 8, resumes: 0 });
    assert.equal(r.expiries.length, 1);
  });
});
