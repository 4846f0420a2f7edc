// The admin API: JSON over HTTP on its own loopback port, mirroring the Sandbox object's control methods.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isVendorId, type VendorId } from "../vendors/vendor-id";
import type { BanFilter, StreamRef } from "./ban-store";
import { VARIANT_CATALOGUE } from "./behaviour-variants";
import { checkFaultSpec, checkHeldFilter } from "./fault-injector";
import { BodyTooLargeError, jsonReply, readRequest, sendReply, type ReceivedRequest, type Reply, listenOn } from "./http-util";
import type { Sandbox } from "./sandbox";

/** The routes, as `GET /` lists them. */
export const ADMIN_ROUTES: readonly string[] = [
  "GET /                       this list and the endpoints",
  "GET /state                  bans (with expired), kicks, publishing, calls, variants, faults, throttle, settings",
  "GET /bans?vendor=&account=&domain=&app=&stream=&includeExpired=true",
  "POST /bans                  {vendor, account?, domain, app, stream, expiresAt, reason?}: put a ban directly",
  "GET /kicks?vendor=&account=&domain=&app=&stream=",
  "GET /calls                  per vendor, per action: {calls, ok, errors: {code: n}}",
  "GET /calls/log?limit=       recent calls, oldest first",
  "POST /reset                 {state?, calls?, faults?, clock?, variants?, throttle?} (empty body: everything)",
  "GET /clock                  {now, offsetMs}",
  "POST /clock                 {advanceMs} | {advanceSeconds} | {set: ISO time} | {reset: true}",
  "GET /variants               {variants, catalogue}",
  "PATCH /variants             {tencent?: {...}, aliyun?: {...}, huawei?: {...}}",
  "GET /faults                 pending faults",
  "POST /faults                {vendor, action?, count?, kind: error|http|drop|stall|hold, code?, status?, message?, delayMs?}",
  "DELETE /faults?vendor=      drop pending faults",
  "GET /held?vendor=&action=   calls a hold fault keeps unanswered",
  "POST /held/release          {vendor?, action?}: execute and answer them; {released: n} once executed",
  "GET /throttle · PATCH /throttle {enabled?, scale?, qps?: {vendor: {action: n per second | null}}}",
  "GET /settings · PATCH /settings {verifySignatures?, aliyunBlacklistCap?, knownDomains?, latencyMs?}",
  "POST /publishing            {vendor, account?, domain, app, stream, publishing: boolean}",
];

/** A running admin server. */
export interface RunningAdminServer {
  readonly port: number;
  close(): Promise<void>;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Starts the admin API.
 * @param sandbox the sandbox to control (read lazily: the server starts before the Sandbox object exists)
 * @param host interface to bind
 * @param port port, 0 for any free one
 */
export async function startAdminServer(sandbox: () => Sandbox, host: string, port: number): Promise<RunningAdminServer> {
  const server: Server = createServer((incoming, res) => {
    void (async () => {
      let reply: Reply;
      try {
        const req = await readRequest(incoming, 1024 * 1024);
        reply = jsonReply(200, await route(sandbox(), req));
      } catch (e) {
        if (e instanceof AdminError) reply = jsonReply(e.status, { error: e.message }, "ADMIN_ERROR");
        else if (e instanceof RangeError || e instanceof BodyTooLargeError) reply = jsonReply(400, { error: e.message }, "ADMIN_ERROR");
        else reply = jsonReply(500, { error: (e as Error).message }, "ADMIN_ERROR");
      }
      sendReply(res, reply);
    })();
  });
  await listenOn(server, port, host);
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function route(sb: Sandbox, req: ReceivedRequest): Promise<unknown> {
  const query = new URLSearchParams(req.rawQuery);
  const key = `${req.method} ${req.path.replace(/\/+$/, "") || "/"}`;
  switch (key) {
    case "GET /":
      return { endpoints: sb.endpoints, routes: ADMIN_ROUTES };
    case "GET /state":
      return sb.state();
    case "GET /bans":
      return sb.bans({ ...filterOf(query), includeExpired: query.get("includeExpired") === "true" });
    case "POST /bans": {
      const body = bodyObject(req);
      const expiresAt = new Date(String(body.expiresAt));
      if (typeof body.expiresAt !== "string" || Number.isNaN(expiresAt.getTime())) {
        throw new AdminError(400, "expiresAt must be an ISO-8601 time");
      }
      const reason = body.reason === undefined ? undefined : String(body.reason);
      return sb.putBan(streamRef(sb, body), expiresAt, reason);
    }
    case "GET /kicks":
      return sb.kicks(filterOf(query));
    case "GET /calls":
      return sb.calls();
    case "GET /calls/log": {
      const limit = query.get("limit");
      return sb.callLog(limit === null ? undefined : Math.max(1, Number(limit) || 1));
    }
    case "POST /reset":
      sb.reset(req.body.trim() === "" ? {} : (bodyObject(req) as Parameters<Sandbox["reset"]>[0]));
      return sb.state();
    case "GET /clock":
      return { now: sb.clock.now().toISOString(), offsetMs: sb.clock.offsetMs };
    case "POST /clock": {
      const body = bodyObject(req);
      if (typeof body.advanceMs === "number") sb.advanceClock(body.advanceMs);
      else if (typeof body.advanceSeconds === "number") sb.advanceClock(body.advanceSeconds * 1000);
      else if (typeof body.set === "string" && !Number.isNaN(Date.parse(body.set))) sb.setClock(new Date(body.set));
      else if (body.reset === true) sb.clock.reset();
      else throw new AdminError(400, "give advanceMs, advanceSeconds, set (ISO time) or reset: true");
      return { now: sb.clock.now().toISOString(), offsetMs: sb.clock.offsetMs };
    }
    case "GET /variants":
      return { variants: sb.variants(), catalogue: VARIANT_CATALOGUE };
    case "PATCH /variants":
    case "POST /variants":
      return sb.setVariants(bodyObject(req));
    case "GET /faults":
      return sb.faults();
    case "POST /faults":
      return sb.injectFault(checkFaultSpec(bodyObject(req)));
    case "DELETE /faults": {
      const vendor = query.get("vendor");
      if (vendor !== null && !isVendorId(vendor)) throw new AdminError(400, "vendor must be huawei, tencent or aliyun");
      sb.clearFaults(vendor ?? undefined);
      return sb.faults();
    }
    case "GET /held":
      return sb.heldCalls(checkHeldFilter(Object.fromEntries(query)));
    case "POST /held/release":
      return { released: await sb.releaseHeld(checkHeldFilter(bodyObject(req))) };
    case "GET /throttle":
      return sb.state().throttle;
    case "PATCH /throttle":
      return sb.configureThrottle(bodyObject(req));
    case "GET /settings":
      return sb.state().settings;
    case "PATCH /settings":
      return sb.configure(bodyObject(req));
    case "POST /publishing": {
      const body = bodyObject(req);
      if (typeof body.publishing !== "boolean") throw new AdminError(400, "publishing must be true or false");
      sb.setPublishing(streamRef(sb, body), body.publishing);
      return { publishing: sb.state().publishing };
    }
    default:
      throw new AdminError(404, `no admin route ${key}; GET / lists them`);
  }
}

function bodyObject(req: ReceivedRequest): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body === "" ? "{}" : req.body);
  } catch {
    throw new AdminError(400, "body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new AdminError(400, "body must be a JSON object");
  return parsed as Record<string, unknown>;
}

function filterOf(query: URLSearchParams): BanFilter {
  const filter: BanFilter = {};
  const vendor = query.get("vendor");
  if (vendor !== null) {
    if (!isVendorId(vendor)) throw new AdminError(400, "vendor must be huawei, tencent or aliyun");
    filter.vendor = vendor;
  }
  for (const k of ["account", "domain", "app", "stream"] as const) {
    const v = query.get(k);
    if (v !== null) filter[k] = v;
  }
  return filter;
}

function streamRef(sb: Sandbox, body: Record<string, unknown>): StreamRef {
  if (!isVendorId(body.vendor)) throw new AdminError(400, "vendor must be huawei, tencent or aliyun");
  const vendor: VendorId = body.vendor;
  for (const k of ["domain", "app", "stream"] as const) {
    if (typeof body[k] !== "string" || body[k] === "") throw new AdminError(400, `${k} must be a non-empty string`);
  }
  const account = typeof body.account === "string" && body.account !== "" ? body.account : sb.primaryAccount(vendor);
  return { vendor, account, domain: body.domain as string, app: body.app as string, stream: body.stream as string };
}
