// Test helper: a node:http server on 127.0.0.1 that records each request byte for byte and answers a canned reply.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { ReceivedRequest } from "../../provider/sandbox/auth/verify-result";

export interface CannedReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface CaptureServer {
  port: number;
  /** Every request so far, oldest first. */
  captured: ReceivedRequest[];
  /** The most recent request; throws when none arrived. */
  last(): ReceivedRequest;
  close(): Promise<void>;
}

/** Starts the server on an ephemeral port; `reply` decides the answer from the captured request. */
export async function startCaptureServer(reply: (req: ReceivedRequest) => CannedReply): Promise<CaptureServer> {
  const captured: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const received = toReceived(req, Buffer.concat(chunks).toString("utf8"));
      captured.push(received);
      const answer = reply(received);
      res.writeHead(answer.status, { "x-request-id": "capture-0001", ...answer.headers });
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    captured,
    last() {
      const r = captured[captured.length - 1];
      if (r === undefined) throw new Error("no request captured");
      return r;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function toReceived(req: IncomingMessage, body: string): ReceivedRequest {
  const target = req.url ?? "/";
  const q = target.indexOf("?");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return {
    method: req.method ?? "GET",
    path: q < 0 ? target : target.slice(0, q),
    rawQuery: q < 0 ? "" : target.slice(q + 1),
    headers,
    body,
  };
}

const PROXY_VARIABLES = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"];

/** Removes proxy variables so SDKs talk to loopback directly; returns a function that restores them. */
export function clearProxyEnv(): () => void {
  const saved = PROXY_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of PROXY_VARIABLES) delete process.env[name];
  return () => {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  };
}
