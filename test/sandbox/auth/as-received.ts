// Test helper: what an emulator would receive for a request our signer produced (Host added as HTTP clients do).
import type { HttpRequest } from "../../../provider/transport/http-types";
import type { ReceivedRequest } from "../../../provider/sandbox/auth/verify-result";

/** The received form of `req`; the Host header carries the port, as undici and node:http send it. */
export function asReceived(req: HttpRequest): ReceivedRequest {
  return {
    method: req.method,
    path: req.url.pathname,
    rawQuery: req.url.search.slice(1),
    headers: { host: req.url.host, ...req.headers },
    body: req.body ?? "",
  };
}

/** A deep copy to mutate in one test case without touching the others. */
export function copyReceived(req: ReceivedRequest): ReceivedRequest {
  return { ...req, headers: { ...req.headers } };
}
