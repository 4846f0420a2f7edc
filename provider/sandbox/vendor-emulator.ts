// The contract each vendor emulator implements (parse → model → vendor-shaped reply) and the context it runs in.
import type { VendorId } from "../vendors/vendor-id";
import type { BanStore } from "./ban-store";
import type { BehaviourVariants } from "./behaviour-variants";
import type { ReceivedRequest, Reply } from "./http-util";
import type { CredentialRegistry } from "./sandbox-credentials";
import type { SandboxClock } from "./sandbox-clock";
import type { RefusedLimit } from "./throttle";

/** Settings the admin API may change while the sandbox runs. */
export interface EmulatorSettings {
  /** Check request signatures; off only for debugging a hand-made client. @default true */
  verifySignatures: boolean;
  /** Aliyun bans per account (aliyun.md §2.1: 10,000). */
  aliyunBlacklistCap: number;
  /** Push domains each vendor knows; undefined accepts every domain. */
  knownDomains: Partial<Record<VendorId, string[]>>;
  /**
   * The time signatures are checked against: the sandbox clock (moving it past the skew window makes
   * signed calls expire, as a skewed client clock would) or real time (fast-forward demos). @default "sandbox"
   */
  signatureClock: "sandbox" | "real";
  /** Milliseconds every vendor request waits before it is handled: a network round trip. @default 0 */
  latencyMs: number;
}

/** What an emulator may read and change. */
export interface EmulatorContext {
  readonly store: BanStore;
  readonly clock: SandboxClock;
  readonly credentials: CredentialRegistry;
  readonly settings: EmulatorSettings;
  /** The time to check signature timestamps against (see EmulatorSettings.signatureClock). */
  signatureNow(): Date;
  /** The variants in force for this call. */
  variants(): BehaviourVariants;
  /** Remembers an Aliyun signature nonce; false when it was seen within the retention window. */
  useNonce(nonce: string): boolean;
}

/** The action a request names (for counting, faults and throttling), or a reply when it cannot go further. */
export interface Routed {
  action: string;
  reply?: Reply;
}

/** The account a request acts on, or the vendor's authentication error. */
export type Authenticated = { account: string } | { reply: Reply };

/** One vendor's emulator. */
export interface VendorEmulator {
  readonly vendor: VendorId;
  /** Names the action; unknown paths, methods or actions get their vendor reply here. */
  route(req: ReceivedRequest): Routed;
  /**
   * Finds the account. With `verify` the signature (or token) is checked and failures get the vendor's
   * auth error; without it the key id is read as sent, falling back to the primary account.
   */
  authenticate(req: ReceivedRequest, action: string, verify: boolean): Authenticated;
  /** Runs the action against the model and shapes the vendor's reply. */
  handle(req: ReceivedRequest, action: string, account: string): Reply;
  /** The vendor's error reply for `code` (status and message from its table unless given). */
  errorReply(req: ReceivedRequest, code: string, status?: number, message?: string): Reply;
  /** The vendor's throttling reply: `limit` is the (scaled) limit the call went over. */
  throttledReply(req: ReceivedRequest, action: string, retryAfterMs: number, limit: RefusedLimit): Reply;
}
