// Prints the requests/s each vendor adapter sustains against the loopback sandbox with both rate limits off.
import { startSandbox } from "../provider/sandbox/sandbox";
import { RateLimiter } from "../provider/transport/rate-limiter";
import { HttpClient } from "../provider/transport/http-client";
import { TencentAdapter } from "../provider/vendors/tencent/tencent-adapter";
import { AliyunAdapter } from "../provider/vendors/aliyun/aliyun-adapter";
import { HuaweiAdapter } from "../provider/vendors/huawei/huawei-adapter";
import type { VendorAdapter } from "../provider/vendors/adapter";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

async function main(): Promise<void> {
  // Signatures are verified (the sandbox's default), throttling is off; client and server share this process.
  const sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false, throttle: { enabled: false } });
  const opts = { http: new HttpClient(), limiter: new RateLimiter({ enabled: false }) };
  const adapters: [string, VendorAdapter][] = [
    ["huawei", new HuaweiAdapter({ ...opts, endpoint: sb.endpoints.huawei, credentials: { kind: "aksk", ...sb.credentials.huawei } })],
    ["tencent", new TencentAdapter({ ...opts, endpoint: sb.endpoints.tencent, credentials: sb.credentials.tencent })],
    ["aliyun (v3)", new AliyunAdapter({ ...opts, endpoint: sb.endpoints.aliyun, credentials: sb.credentials.aliyun })],
    ["aliyun (rpc)", new AliyunAdapter({ ...opts, signature: "rpc", endpoint: sb.endpoints.aliyun, credentials: sb.credentials.aliyun })],
  ];
  sb.configure({ aliyunBlacklistCap: 10_000_000 });
  console.log(`adapter forbid throughput, limiter off, concurrency ${CONCURRENCY}, ${SECONDS} s each, node ${process.version}`);
  console.log("| adapter | requests | requests/s |\n|---|---:|---:|");
  for (const [name, adapter] of adapters) {
    let done = 0;
    const until = Date.now() + SECONDS * 1000;
    const resumeTime = new Date(Math.floor(Date.now() / 1000) * 1000 + 86_400_000);
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        for (let i = 0; Date.now() < until; i++) {
          await adapter.forbid({ domain: "bench.example.com", app: "live", stream: `w${w}-${i}`, resumeTime });
          done++;
        }
      }),
    );
    const rate = done / ((Date.now() - started) / 1000);
    console.log(`| ${name} | ${done} | ${rate.toFixed(0)} |`);
    sb.reset({ state: true });
  }
  await opts.http.close();
  await sb.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
