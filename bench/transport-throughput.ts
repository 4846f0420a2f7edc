// Benchmark: requests/s through HttpClient + callWithRetries (limiter off) against an instant loopback server.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { HttpClient } from "../provider/transport/http-client";
import { callWithRetries } from "../provider/transport/call-with-retries";
import { RateLimiter } from "../provider/transport/rate-limiter";
import { vendorErrorFromStatus } from "../provider/transport/http-status-error";
import type { RetryContext } from "../provider/transport/call-with-retries";

const DURATION_MS = 3_000;
const CONCURRENCY = 32;

async function main(): Promise<void> {
  const body = JSON.stringify({ RequestId: "bench" });
  let connections = 0;
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);

  const http = new HttpClient();
  const limiter = new RateLimiter({ enabled: false });
  const ctx: RetryContext = { vendor: "tencent", operation: "lookup", idempotent: true };
  const attempt = async (_n: number, signal: AbortSignal): Promise<void> => {
    await limiter.acquire({ vendor: "tencent", account: "bench", action: "DescribeLiveStreamState" }, signal);
    const res = await http.send({ method: "POST", url, headers: { "content-type": "application/json" }, body: "{}" }, { signal });
    if (res.status !== 200) throw vendorErrorFromStatus(ctx, res);
  };

  // Warm-up so pools and JIT are in steady state.
  await Promise.all(Array.from({ length: CONCURRENCY }, () => callWithRetries(ctx, {}, attempt)));

  let done = 0;
  const start = performance.now();
  const stopAt = start + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < stopAt) {
        await callWithRetries(ctx, {}, attempt);
        done++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `transport-throughput: ${Math.round(done / seconds)} req/s (${done} requests in ${seconds.toFixed(2)} s, ` +
      `concurrency ${CONCURRENCY}, ${connections} server connections, node ${process.version})`,
  );
  await http.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
