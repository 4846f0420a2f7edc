// Small node:http helpers shared by the emulators and the admin server: raw request capture and replies.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { parseRawQuery } from "../vendors/raw-query";
import type { ReceivedRequest } from "./auth/verify-result";

export type { ReceivedRequest };

/** A reply to send; `code` names the outcome for the call log ("OK" or the vendor error code). */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  code: string;
}

/** The body was larger than the server accepts. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * Reads the whole request into a ReceivedRequest.
 * @param maxBodyBytes a larger body rejects with BodyTooLargeError
 */
export async function readRequest(req: IncomingMessage, maxBodyBytes: number): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBodyBytes) throw new BodyTooLargeError(maxBodyBytes);
    chunks.push(buf);
  }
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? "" : url.slice(q + 1),
    headers,
    body: Buffer.concat(chunks).toString("utf8"),
  };
}

/** Sends a reply unless the client is gone. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

/** A JSON reply. */
export function jsonReply(status: number, value: unknown, code = "OK", headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { "content-type": "application/json;charset=utf-8", ...headers },
    body: status === 204 ? "" : JSON.stringify(value),
    code,
  };
}

/** A plain-text reply, as a load balancer sends for a bare 5xx. */
export function textReply(status: number, text: string, code = `HTTP_${status}`): Reply {
  return { status, headers: { "content-type": "text/plain;charset=utf-8" }, body: text, code };
}

/**
 * Parses an x-www-form-urlencoded string (a query or a form body) into ordered name/value pairs; a
 * malformed escape leaves that text undecoded rather than failing (the verifiers report it).
 */
export function parseUrlEncoded(text: string): Array<[string, string]> {
  try {
    return parseRawQuery(text);
  } catch {
    return text
      .split("&")
      .filter((p) => p !== "")
      .map((p) => {
        const eq = p.indexOf("=");
        return eq < 0 ? [p, ""] : [p.slice(0, eq), p.slice(eq + 1)];
      });
  }
}

/** Whether a header value names the x-www-form-urlencoded media type. */
export function isFormContentType(contentType: string | undefined): boolean {
  return (contentType ?? "").toLowerCase().split(";")[0]?.trim() === "application/x-www-form-urlencoded";
}

/** Listens on host:port (0 picks a free port); rejects with the bind error (EADDRINUSE, say). */
export function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
