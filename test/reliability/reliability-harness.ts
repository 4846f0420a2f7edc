// Shared helpers of the reliability tests: programs of many StreamBlocks, failing runs, and state-versus-vendor comparison.
import { strict as assert } from "node:assert";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import type { EngineStack } from "../e2e/engine-harness";

export const STREAM_BLOCK_TYPE = "pulumi-nodejs:dynamic/streamblock:StreamBlock";

/** The vendor action of each operation, as the sandbox names it (fault injection, call log). */
export const FORBID_ACTION: Record<VendorId, string> = { tencent: "ForbidLiveStream", aliyun: "ForbidLiveStream", huawei: "CreateStreamForbidden" };
export const RESUME_ACTION: Record<VendorId, string> = { tencent: "ResumeLiveStream", aliyun: "ResumeLiveStream", huawei: "DeleteStreamForbidden" };
/** What a refresh reads: each vendor's list, but Tencent's per-stream state (its list is gone, tencent.md §3.5). */
export const READ_ACTION: Record<VendorId, string> = { tencent: "DescribeLiveStreamState", aliyun: "DescribeLiveStreamsBlockList", huawei: "ListStreamForbidden" };

/** A StreamBlock as the stack's state records it. */
export interface RecordedBan {
  urn: string;
  vendor: VendorId;
  domain: string;
  app: string;
  stream: string;
  resumeTime?: string;
  expiresAt?: string;
  requestId?: string;
}

/** A sandbox on free ports, no admin server, the vendors' real throttling on. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false, ...options });
}

/** Resource name and stream name of the i-th stream of a vendor in a test: `<prefix>-<vendor>-<i>`. */
export function streamName(prefix: string, vendor: VendorId, i: number): string {
  return `${prefix}-${vendor}-${i}`;
}

/**
 * A program declaring `perVendor[vendor]` indefinite StreamBlocks per vendor on `domain`, vendors in the
 * order given (the engine registers them in that order).
 */
export function streamsProgram(domain: string, prefix: string, perVendor: Partial<Record<VendorId, number>>): PulumiFn {
  return async () => {
    for (const [vendor, n] of Object.entries(perVendor) as [VendorId, number][]) {
      for (let i = 0; i < n; i++) {
        const name = streamName(prefix, vendor, i);
        new StreamBlock(name, { vendor, domain, stream: name });
      }
    }
  };
}

/** The same number of streams on every vendor. */
export function everyVendor(n: number): Record<VendorId, number> {
  return Object.fromEntries(VENDOR_IDS.map((v) => [v, n])) as Record<VendorId, number>;
}

/** Every StreamBlock in the stack's state (outputs), by URN order. */
export async function recordedBans(es: EngineStack): Promise<RecordedBan[]> {
  const deployment = (await es.stack.exportStack()).deployment as { resources?: { urn: string; type: string; outputs?: Record<string, string> }[] };
  return (deployment.resources ?? [])
    .filter((r) => r.type === STREAM_BLOCK_TYPE)
    .map((r) => ({ urn: r.urn, ...(r.outputs as unknown as Omit<RecordedBan, "urn">) }));
}

/** `vendor/domain/app/stream`. */
export function banKey(b: { vendor: string; domain: string; app: string; stream: string }): string {
  return `${b.vendor}/${b.domain}/${b.app}/${b.stream}`;
}

/** The sandbox's active bans on `domain` in the primary accounts: key → expiresAt (`...Z`, whole seconds). */
export function heldBans(sb: Sandbox, domain: string): Map<string, string> {
  const held = new Map<string, string>();
  for (const vendor of VENDOR_IDS) {
    for (const b of sb.bans({ vendor, account: sb.primaryAccount(vendor), domain })) {
      held.set(banKey(b), b.expiresAt.replace(/\.\d{3}Z$/, "Z"));
    }
  }
  return held;
}

/**
 * The state holds exactly the bans the vendors hold on `domain`: the same streams, and for each the expiry
 * the vendor holds. `unknownExpiry` lists keys whose expiry the state may leave unknown (an Aliyun ban that
 * was already there when StreamBlock created it: Aliyun does not reveal resume times). `keptExpiry` maps keys
 * whose state must still hold the expiry it recorded, where the vendor changed it and cannot tell a refresh
 * (Tencent with its forbid list gone, tencent.md §3.5: the per-stream state has no expiry).
 */
export async function assertStateMatchesVendors(
  es: EngineStack,
  sb: Sandbox,
  domain: string,
  unknownExpiry: string[] = [],
  keptExpiry: Record<string, string> = {},
): Promise<RecordedBan[]> {
  const recorded = (await recordedBans(es)).filter((r) => r.domain === domain);
  const held = heldBans(sb, domain);
  assert.deepEqual(recorded.map(banKey).sort(), [...held.keys()].sort(), "the state and the vendors hold the same streams");
  for (const r of recorded) {
    const key = banKey(r);
    if (r.expiresAt === undefined && unknownExpiry.includes(key)) continue;
    if (key in keptExpiry) {
      assert.equal(r.expiresAt, keptExpiry[key], `${key}: the state keeps the expiry it recorded`);
      continue;
    }
    assert.equal(r.expiresAt, held.get(key), `${key}: the state's expiresAt is what the vendor holds`);
  }
  return recorded;
}

/** What a failed engine run showed: the thrown error's message and everything printed while it ran. */
export interface Failure {
  /** The Automation API error's message (the CLI's stderr and stdout). */
  message: string;
  /** The engine output streamed during the run. */
  output: string;
  /** Both, for greps. */
  all: string;
}

/** Runs `op`, which must fail; returns what the user saw. Output is taken from `es.output` after `mark`. */
export async function expectFailure(es: EngineStack, op: () => Promise<unknown>): Promise<Failure> {
  const mark = es.output.length;
  let message: string | undefined;
  try {
    await op();
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  assert.ok(message !== undefined, "the engine run was expected to fail");
  const output = es.output.slice(mark).join("");
  return { message, output, all: `${message}\n${output}` };
}

/** An `up` that keeps going past failed resources, as `pulumi up --continue-on-error` does. */
export function upContinuingOnError(es: EngineStack): Promise<unknown> {
  return es.stack.up({ continueOnError: true, onOutput: (s) => es.output.push(s) });
}

/** Escapes a literal for a RegExp. */
export function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * The line a failed vendor call shows the user: `<vendor> <operation> stream <domain/app/stream> failed:
 * <code>: <message> (HTTP <status>, request id <id>, retryable)`. `status: "none"` for failures without
 * an answer (dropped connection, timeout); `requestId` says whether the vendor's request id must be there.
 */
export function vendorErrorLine(vendor: VendorId, operation: string, stream: string, code: string, opts: { requestId: boolean; status?: number | "none" }): RegExp {
  const status = opts.status === "none" ? "" : `HTTP ${opts.status ?? "\\d{3}"}, `;
  const rid = opts.requestId ? "request id [0-9A-Za-z-]{16,}, " : "";
  return new RegExp(`${vendor} ${operation} stream ${literal(stream)} failed: ${literal(code)}: [^\\n]*\\(${status}${rid}(not )?retryable\\)`);
}

/** Counts the vendor calls the sandbox received for `domain`-independent actions since the last reset. */
export function totalCalls(sb: Sandbox): number {
  return sb.callLog().length;
}
