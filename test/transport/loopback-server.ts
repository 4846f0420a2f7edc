// Test helper: a scripted node:http server on 127.0.0.1:0 that records requests and counts sockets.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** Which socket (1-based, in accept order) carried it. */
  socketNo: number;
}

/** Decides what to do with the n-th request (0-based). */
export type Script = (n: number, req: IncomingMessage, res: ServerResponse) => void;

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  url(path?: string): URL;
  requests: RecordedRequest[];
  /** Server 'connection' events so far. */
  connections(): number;
  /** Sockets that have closed so far. */
  closedSockets(): number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1:0 that records every request, then lets `script` answer it (or not). */
export async function startServer(script: Script): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const socketNumbers = new WeakMap<Socket, number>();
  let connections = 0;
  let closed = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const n = requests.length;
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        socketNo: socketNumbers.get(req.socket) ?? 0,
      });
      script(n, req, res);
    });
  });
  server.on("connection", (s: Socket) => {
    connections++;
    socketNumbers.set(s, connections);
    sockets.add(s);
    s.on("close", () => {
      closed++;
      sockets.delete(s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (path = "/") => new URL(path, origin),
    requests,
    connections: () => connections,
    closedSockets: () => closed,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port with nothing listening (bound, then released). */
export async function refusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const address = s.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return address.port;
}

/** Answers with a JSON body and the given status and headers. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Resolves when `predicate` holds, polling the event loop (for server-side effects that lag the client).
 * The bound (30 s of polls) only turns a hang into a failure; it is never what a test waits for.
 */
export async function eventually(predicate: () => boolean, what: string, tries = 3000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for: ${what}`);
}
