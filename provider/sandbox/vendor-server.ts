// One loopback HTTP server per vendor: the shared pipeline latency → route → fault → authenticate → throttle → handle → record.
import { createServer, STATUS_CODES, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CallRecorder } from "./call-recorder";
import type { FaultInjector } from "./fault-injector";
import { BodyTooLargeError, readRequest, sendReply, textReply, type ReceivedRequest, type Reply, listenOn } from "./http-util";
import type { Throttle } from "./throttle";
import type { EmulatorContext, VendorEmulator } from "./vendor-emulator";

/** huawei.md §5.8: AK/SK bodies are limited to 12 MB; the same cap serves the other two. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

/** What the pipeline needs besides the emulator. */
export interface VendorServerDeps {
  context: EmulatorContext;
  faults: FaultInjector;
  throttle: Throttle;
  recorder: CallRecorder;
  /** Waits out the configured latency; default: a timer that close() cancels. */
  delay?: (ms: number) => Promise<void>;
}

/** A running vendor server. */
export interface RunningVendorServer {
  readonly port: number;
  /** Stops listening, ends stalled and open connections, cancels delayed replies. */
  close(): Promise<void>;
  /** A vendor restart, first half: as close(), and connections to the port are now refused. */
  stop(): Promise<void>;
  /** A vendor restart, second half: listens on the same port again. */
  restart(): Promise<void>;
}

/**
 * Starts `emulator` on host:port (port 0 picks a free one).
 * @param emulator the vendor's emulator
 * @param deps shared sandbox parts
 * @param host interface to bind (loopback)
 * @param port port, 0 for any free one
 */
export async function startVendorServer(
  emulator: VendorEmulator,
  deps: VendorServerDeps,
  host: string,
  port: number,
): Promise<RunningVendorServer> {
  const timers = new Set<NodeJS.Timeout>();
  const vendor = emulator.vendor;
  const delay =
    deps.delay ??
    ((ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, ms);
        timers.add(t);
      }));

  const record = (action: string, account: string | undefined, status: number, code: string): void => {
    deps.recorder.record({
      at: deps.context.clock.now().toISOString(),
      vendor,
      action,
      ...(account === undefined ? {} : { account }),
      status,
      code,
    });
  };

  const respond = (req: ReceivedRequest, action: string): { reply: Reply; account?: string } => {
    const auth = emulator.authenticate(req, action, deps.context.settings.verifySignatures);
    if ("reply" in auth) return { reply: auth.reply };
    const decision = deps.throttle.take(vendor, auth.account, action);
    if (!decision.allowed) {
      return { reply: emulator.throttledReply(req, action, decision.retryAfterMs, decision.limit), account: auth.account };
    }
    try {
      return { reply: emulator.handle(req, action, auth.account), account: auth.account };
    } catch (e) {
      return { reply: emulator.errorReply(req, "InternalError", 500, `sandbox bug: ${(e as Error).message}`), account: auth.account };
    }
  };

  const server: Server = createServer((incoming, res) => {
    void (async () => {
      let req: ReceivedRequest;
      try {
        req = await readRequest(incoming, MAX_BODY_BYTES);
      } catch (e) {
        const status = e instanceof BodyTooLargeError ? 413 : 400;
        sendReply(res, textReply(status, `${status} ${STATUS_CODES[status]}`));
        record("(unknown)", undefined, status, `HTTP_${status}`);
        return;
      }
      // The round trip a real vendor adds, before anything (faults, auth, throttle) is decided.
      const latencyMs = deps.context.settings.latencyMs;
      if (latencyMs > 0) await delay(latencyMs);
      const routed = emulator.route(req);
      if (routed.reply) {
        sendReply(res, routed.reply);
        record(routed.action, undefined, routed.reply.status, routed.reply.code);
        return;
      }
      const action = routed.action;
      const fault = deps.faults.take(vendor, action);
      if (fault?.kind === "drop") {
        res.socket?.destroy();
        record(action, undefined, 0, "DROPPED");
        return;
      }
      if (fault?.kind === "stall" && fault.delayMs === undefined) {
        record(action, undefined, 0, "STALLED");
        return; // never answered; close() ends the connection
      }
      if (fault?.kind === "error") {
        const reply = emulator.errorReply(req, fault.code ?? "InternalError", fault.status, fault.message);
        sendReply(res, reply);
        record(action, undefined, reply.status, reply.code);
        return;
      }
      if (fault?.kind === "http") {
        const status = fault.status ?? 503;
        const reply = textReply(status, `${status} ${STATUS_CODES[status] ?? "Error"}`);
        sendReply(res, reply);
        record(action, undefined, reply.status, reply.code);
        return;
      }
      if (fault?.kind === "hold") {
        const ticket = deps.faults.hold(vendor, action, deps.context.clock.now());
        res.once("close", ticket.release);
        await ticket.released;
        // Executed even if the client hung up, like a stall with a delay: the vendor had the request.
        const { reply, account } = respond(req, action);
        sendReply(res, reply);
        record(action, account, reply.status, reply.code);
        ticket.executed();
        return;
      }
      if (fault?.kind === "stall") {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, fault.delayMs);
          timers.add(t);
        });
        // A client that gave up (its timeout) does not undo the call: a real vendor that received the
        // request still executes it. Only the answer is lost, which is what makes a timeout ambiguous.
      }
      const { reply, account } = respond(req, action);
      sendReply(res, reply);
      record(action, account, reply.status, reply.code);
    })();
  });

  await listenOn(server, port, host);
  const boundPort = (server.address() as AddressInfo).port;
  const stop = async (): Promise<void> => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };

  return {
    port: boundPort,
    close: stop,
    stop,
    restart: async () => {
      if (!server.listening) await listenOn(server, boundPort, host);
    },
  };
}
