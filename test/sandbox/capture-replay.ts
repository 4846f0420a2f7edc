// Test helper: capture the exact request an SDK sends, then replay it (optionally altered) against the sandbox.
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import type { ReceivedRequest } from "../../provider/sandbox/auth/verify-result";
import { readRequest } from "../../provider/sandbox/http-util";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../provider/sandbox/sandbox";

/** A sandbox on free ports with throttling off unless the test turns it on. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({
    ports: { huawei: 0, tencent: 0, aliyun: 0, admin: 0 },
    ...options,
    throttle: { enabled: false, ...options.throttle },
  });
}

/**
 * Runs `send` against a throwaway server that records the request and answers `reply` (200 JSON), so a
 * test can replay the SDK's exact bytes.
 * @param send makes one SDK call to the given base URL
 * @param reply the body the throwaway server answers
 */
export async function captureRequest(send: (baseUrl: string) => Promise<unknown>, reply: unknown): Promise<ReceivedRequest> {
  let captured: ReceivedRequest | undefined;
  const server = createServer((req, res) => {
    void readRequest(req, 1 << 20).then((r) => {
      captured = r;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await send(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  if (!captured) throw new Error("the SDK sent nothing");
  return captured;
}

/** A raw reply. */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends `req` byte for byte (its own Host header included) to `baseUrl`. */
export function replay(baseUrl: string, req: ReceivedRequest): Promise<RawReply> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const out = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path + (req.rawQuery === "" ? "" : `?${req.rawQuery}`),
        headers: { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    out.on("error", reject);
    out.end(req.body);
  });
}

/** A plain JSON request (admin API, hand-made vendor calls). */
export async function httpJson(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: unknown; text: string }> {
  const u = new URL(url);
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  const r = await replay(`${u.protocol}//${u.host}`, {
    method,
    path: u.pathname,
    rawQuery: u.search.slice(1),
    headers: { host: u.host, ...(text === "" ? {} : { "content-type": "application/json" }), ...headers },
    body: text,
  });
  let json: unknown;
  try {
    json = r.body === "" ? undefined : JSON.parse(r.body);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, json, text: r.body };
}
