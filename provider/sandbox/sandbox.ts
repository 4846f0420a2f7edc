// startSandbox: the three vendor emulators on loopback, their shared state and clock, and the control surface tests use.
import { isVendorId, type VendorId } from "../vendors/vendor-id";
import { VENDOR_LIMITS } from "../vendors/vendor-limits";
import { startAdminServer, type RunningAdminServer } from "./admin-server";
import { AliyunEmulator } from "./aliyun/aliyun-emulator";
import { BanStore, type BanFilter, type BanRecord, type KickRecord, type StreamRef } from "./ban-store";
import { applyVariants, defaultVariants, type BehaviourVariants, type VariantOverrides } from "./behaviour-variants";
import { CallRecorder, type CallCounts, type CallLogEntry } from "./call-recorder";
import { FaultInjector, type ActiveFault, type FaultSpec, type HeldCall, type HeldFilter } from "./fault-injector";
import { HuaweiEmulator } from "./huawei/huawei-emulator";
import { NonceCache } from "./nonce-cache";
import { SandboxClock } from "./sandbox-clock";
import {
  CredentialRegistry,
  resolveCredentials,
  type CredentialOverrides,
  type ExtraCredentials,
  type SandboxCredentials,
} from "./sandbox-credentials";
import { loadStateFile, StateFileWriter } from "./state-file";
import { TencentEmulator } from "./tencent/tencent-emulator";
import { Throttle, type ThrottleOptions, type ThrottleSettings } from "./throttle";
import type { EmulatorContext, EmulatorSettings, VendorEmulator } from "./vendor-emulator";
import { startVendorServer, type RunningVendorServer } from "./vendor-server";

/** Fixed default ports (override each, or pass 0 for a free one). */
export const DEFAULT_SANDBOX_PORTS: Readonly<Record<VendorId | "admin", number>> = Object.freeze({
  admin: 47800,
  huawei: 47801,
  tencent: 47802,
  aliyun: 47803,
});

export interface SandboxOptions {
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
  /** Ports per vendor and for the admin API; 0 picks a free port. @default DEFAULT_SANDBOX_PORTS */
  ports?: Partial<Record<VendorId | "admin", number>>;
  /** Serve the admin API over HTTP (the same operations stay callable on the Sandbox object). @default true */
  adminServer?: boolean;
  /** Overrides of the default (obviously fake) credentials. */
  credentials?: CredentialOverrides;
  /** More keys, each its own account. */
  extraCredentials?: ExtraCredentials;
  /** Choices for behaviour the vendor docs leave unverified (see behaviour-variants.ts). */
  variants?: VariantOverrides;
  /** Call limits at the documented figures (QPS, Huawei's per-minute limits). @default { enabled: true, scale: 1 } */
  throttle?: ThrottleOptions;
  /** Monotonic milliseconds the throttle's buckets and windows run on (tests freeze it). @default performance.now */
  throttleNowMs?: () => number;
  /** Check signatures and tokens. @default true */
  verifySignatures?: boolean;
  /** Aliyun bans per account. @default VENDOR_LIMITS.aliyun.maxBansPerAccount (10,000) */
  aliyunBlacklistCap?: number;
  /** Push domains each vendor knows (Aliyun and Huawei refuse others); omitted: any domain. */
  knownDomains?: Partial<Record<VendorId, string[]>>;
  /**
   * What signature timestamps are checked against: the sandbox clock, so moving it beyond the skew window
   * expires signed calls as a skewed client clock would, or real time for fast-forward demos. @default "sandbox"
   */
  signatureClock?: "sandbox" | "real";
  /** Milliseconds every vendor request waits before it is handled (a network round trip). @default 0 */
  latencyMs?: number;
  /** How a request waits out latencyMs, for tests. @default a timer that close() cancels */
  delay?: (ms: number) => Promise<void>;
  /** JSON file keeping bans and kicks across restarts (never credentials). */
  stateFile?: string;
  /** Real-time source in epoch ms, for tests. @default Date.now */
  now?: () => number;
  /** Told about non-fatal problems, such as a failed state-file write. */
  onWarning?: (message: string) => void;
}

/** A ban as the control surface shows it: with whether it still blocks. */
export interface BanView extends BanRecord {
  active: boolean;
}

/** Everything the sandbox holds, for tests and the admin API. */
export interface SandboxState {
  now: string;
  clockOffsetMs: number;
  bans: BanView[];
  kicks: KickRecord[];
  publishing: StreamRef[];
  calls: CallCounts;
  variants: BehaviourVariants;
  faults: ActiveFault[];
  throttle: ThrottleSettings;
  settings: EmulatorSettings;
}

/** What `reset` clears; omitted: everything (bans, kicks, publishing, calls, faults, nonces, clock, variants, throttle). */
export interface ResetOptions {
  state?: boolean;
  calls?: boolean;
  faults?: boolean;
  clock?: boolean;
  variants?: boolean;
  throttle?: boolean;
}

/** Base URLs of the running servers. */
export interface SandboxEndpoints {
  huawei: string;
  tencent: string;
  aliyun: string;
  /** Absent when the admin server is off. */
  admin?: string;
}

/** A running sandbox. */
export class Sandbox {
  /** Moves the sandbox's time (bans expire by it; signatures are checked against it). */
  readonly clock: SandboxClock;
  readonly credentials: SandboxCredentials;
  readonly endpoints: SandboxEndpoints;
  readonly ports: Record<VendorId, number> & { admin?: number };

  private closed: Promise<void> | undefined;

  /** @internal use startSandbox */
  constructor(
    private readonly parts: {
      clock: SandboxClock;
      credentials: SandboxCredentials;
      store: BanStore;
      recorder: CallRecorder;
      faults: FaultInjector;
      throttle: Throttle;
      nonces: NonceCache;
      settings: EmulatorSettings;
      variantsRef: { current: BehaviourVariants; initial: BehaviourVariants };
      throttleInitial: ThrottleOptions;
      servers: Record<VendorId, RunningVendorServer>;
      admin: RunningAdminServer | undefined;
      writer: StateFileWriter | undefined;
      host: string;
    },
  ) {
    this.clock = parts.clock;
    this.credentials = parts.credentials;
    const url = (port: number): string => `http://${parts.host.includes(":") ? `[${parts.host}]` : parts.host}:${port}`;
    this.ports = {
      huawei: parts.servers.huawei.port,
      tencent: parts.servers.tencent.port,
      aliyun: parts.servers.aliyun.port,
      ...(parts.admin ? { admin: parts.admin.port } : {}),
    };
    this.endpoints = {
      huawei: url(this.ports.huawei),
      tencent: url(this.ports.tencent),
      aliyun: url(this.ports.aliyun),
      ...(parts.admin ? { admin: url(parts.admin.port) } : {}),
    };
  }

  /** The account the primary credentials act on: the key id (Tencent, Aliyun) or the project id (Huawei). */
  primaryAccount(vendor: VendorId): string {
    if (vendor === "tencent") return this.credentials.tencent.secretId;
    if (vendor === "aliyun") return this.credentials.aliyun.accessKeyId;
    return this.credentials.huawei.projectId;
  }

  /** Everything the sandbox holds right now. */
  state(): SandboxState {
    return {
      now: this.clock.now().toISOString(),
      clockOffsetMs: this.clock.offsetMs,
      bans: this.bans({ includeExpired: true }),
      kicks: this.kicks(),
      publishing: this.parts.store.listPublishing(),
      calls: this.calls(),
      variants: this.variants(),
      faults: this.faults(),
      throttle: this.parts.throttle.settings(),
      settings: structuredClone(this.parts.settings),
    };
  }

  /** Bans the filter selects (active only unless `includeExpired`), oldest first. */
  bans(filter: BanFilter = {}): BanView[] {
    return this.parts.store.listBans(filter).map((b) => ({ ...b, active: this.parts.store.isActive(b) }));
  }

  /** One-shot disconnects, oldest first. */
  kicks(filter: Omit<BanFilter, "includeExpired"> = {}): KickRecord[] {
    return this.parts.store.listKicks(filter);
  }

  /** Calls received per vendor and action, with outcomes. */
  calls(): CallCounts {
    return this.parts.recorder.snapshot();
  }

  /** The most recent calls (up to 1,000), oldest first. */
  callLog(limit?: number): CallLogEntry[] {
    return this.parts.recorder.recent(limit);
  }

  /** Puts a ban straight into the state (demos, test setup), as if the vendor had it. */
  putBan(ref: StreamRef, expiresAt: Date, reason?: string): BanView {
    const ban = this.parts.store.putBan(ref, expiresAt, reason);
    return { ...ban, active: this.parts.store.isActive(ban) };
  }

  /** Marks a stream as pushing or not (what Tencent's DescribeLiveStreamState reports as active). */
  setPublishing(ref: StreamRef, publishing: boolean): void {
    this.parts.store.setPublishing(ref, publishing);
  }

  /** Moves the clock by `ms` (negative: back). Returns the new time. */
  advanceClock(ms: number): Date {
    this.clock.advance(ms);
    return this.clock.now();
  }

  /** Sets the clock to `at`; it keeps running from there. */
  setClock(at: Date): Date {
    this.clock.set(at);
    return this.clock.now();
  }

  /** The variants in force. */
  variants(): BehaviourVariants {
    return structuredClone(this.parts.variantsRef.current);
  }

  /** Switches variants (validated; nothing changes on a mistake). Returns the variants now in force. */
  setVariants(overrides: VariantOverrides): BehaviourVariants {
    this.parts.variantsRef.current = applyVariants(this.parts.variantsRef.current, overrides);
    return this.variants();
  }

  /** Scripts a fault for the next calls of an action. */
  injectFault(spec: FaultSpec): ActiveFault {
    return this.parts.faults.add(spec);
  }

  /** Faults still pending. */
  faults(): ActiveFault[] {
    return this.parts.faults.list();
  }

  /** Drops pending faults (of one vendor, or all). */
  clearFaults(vendor?: VendorId): void {
    this.parts.faults.clear(vendor);
  }

  /** Calls a `hold` fault keeps unanswered, oldest first. */
  heldCalls(filter?: HeldFilter): HeldCall[] {
    return this.parts.faults.heldCalls(filter);
  }

  /** Resolves once at least `count` calls matching `filter` are held. */
  whenHeld(count: number, filter?: HeldFilter): Promise<HeldCall[]> {
    return this.parts.faults.whenHeld(count, filter);
  }

  /** Executes and answers the held calls `filter` selects; resolves to how many, once all are executed. */
  releaseHeld(filter?: HeldFilter): Promise<number> {
    return this.parts.faults.release(filter);
  }

  /** Changes throttling at run time (buckets refill). */
  configureThrottle(options: ThrottleOptions): ThrottleSettings {
    this.parts.throttle.configure(options);
    return this.parts.throttle.settings();
  }

  /** Changes emulator settings at run time. */
  configure(settings: Partial<EmulatorSettings>): EmulatorSettings {
    Object.assign(this.parts.settings, checkSettings(settings));
    return structuredClone(this.parts.settings);
  }

  /** Clears what `what` selects (everything by default) back to how startSandbox began, minus the state file's bans. */
  reset(what: ResetOptions = {}): void {
    const all = Object.keys(what).length === 0;
    if (all || what.state) {
      this.parts.store.clear();
      this.parts.nonces.clear();
    }
    if (all || what.calls) this.parts.recorder.reset();
    if (all || what.faults) this.parts.faults.clear();
    if (all || what.clock) this.clock.reset();
    if (all || what.variants) this.parts.variantsRef.current = structuredClone(this.parts.variantsRef.initial);
    if (all || what.throttle) {
      this.parts.throttle.restoreDefaults();
      this.parts.throttle.configure(this.parts.throttleInitial);
    }
  }

  /** Stops one vendor's server (a vendor restarting): connections to its port are refused until restartVendor. */
  stopVendor(vendor: VendorId): Promise<void> {
    return this.parts.servers[vendor].stop();
  }

  /** Brings a stopped vendor back on the same port, with the bans it held. */
  restartVendor(vendor: VendorId): Promise<void> {
    return this.parts.servers[vendor].restart();
  }

  /** Resolves once the state file holds every change so far (no-op without a state file). */
  async flush(): Promise<void> {
    await this.parts.writer?.flush();
  }

  /** Stops every server, ends open and stalled connections, and writes the state file. Idempotent. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await Promise.all([
        ...Object.values(this.parts.servers).map((s) => s.close()),
        this.parts.admin?.close(),
      ]);
      await this.flush();
    })();
    return this.closed;
  }
}

/**
 * Starts the Huawei, Tencent and Aliyun emulators (and the admin API) on loopback.
 * A corrupt state file rejects with StateFileError before anything listens.
 * @param options ports, credentials, variants, throttling, persistence
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? "127.0.0.1";
  const realNow = options.now ?? Date.now;
  const clock = new SandboxClock(realNow);
  const credentials = resolveCredentials(options.credentials);
  const registry = new CredentialRegistry(credentials, options.extraCredentials);
  const warn = options.onWarning ?? (() => {});
  let writer: StateFileWriter | undefined;
  const store = new BanStore(clock, () => writer?.schedule());
  if (options.stateFile !== undefined) {
    store.restore(loadStateFile(options.stateFile));
    writer = new StateFileWriter(options.stateFile, () => store.snapshot(), () => clock.now(), (e) =>
      warn(`could not write the state file ${options.stateFile}: ${e.message}`),
    );
  }
  const initialVariants = applyVariants(defaultVariants(), options.variants ?? {});
  const variantsRef = { current: structuredClone(initialVariants), initial: initialVariants };
  const settings: EmulatorSettings = {
    verifySignatures: options.verifySignatures ?? true,
    aliyunBlacklistCap: checkCap(options.aliyunBlacklistCap ?? VENDOR_LIMITS.aliyun.maxBansPerAccount ?? 10_000),
    knownDomains: structuredClone(options.knownDomains ?? {}),
    signatureClock: options.signatureClock ?? "sandbox",
    latencyMs: checkLatency(options.latencyMs ?? 0),
  };
  const nonces = new NonceCache(clock, 2 * VENDOR_LIMITS.aliyun.signatureSkewSeconds * 1000);
  const context: EmulatorContext = {
    store,
    clock,
    credentials: registry,
    settings,
    signatureNow: () => (settings.signatureClock === "real" ? new Date(realNow()) : clock.now()),
    variants: () => variantsRef.current,
    useNonce: (nonce) => nonces.use(nonce),
  };
  const throttleInitial = options.throttle ?? {};
  const deps = {
    context,
    faults: new FaultInjector(),
    throttle: new Throttle(throttleInitial, options.throttleNowMs),
    recorder: new CallRecorder(),
    ...(options.delay ? { delay: options.delay } : {}),
  };
  const ports = { ...DEFAULT_SANDBOX_PORTS, ...options.ports };
  const emulators: Record<VendorId, VendorEmulator> = {
    huawei: new HuaweiEmulator(context),
    tencent: new TencentEmulator(context),
    aliyun: new AliyunEmulator(context),
  };
  const started: RunningVendorServer[] = [];
  try {
    const servers = {} as Record<VendorId, RunningVendorServer>;
    for (const vendor of ["huawei", "tencent", "aliyun"] as const) {
      servers[vendor] = await startVendorServer(emulators[vendor], deps, host, ports[vendor]);
      started.push(servers[vendor]);
    }
    const sandboxParts = {
      clock,
      credentials,
      store,
      recorder: deps.recorder,
      faults: deps.faults,
      throttle: deps.throttle,
      nonces,
      settings,
      variantsRef,
      throttleInitial,
      servers,
      writer,
      host,
    };
    if (options.adminServer === false) return new Sandbox({ ...sandboxParts, admin: undefined });
    let sandbox: Sandbox | undefined;
    const admin = await startAdminServer(() => sandbox!, host, ports.admin);
    sandbox = new Sandbox({ ...sandboxParts, admin });
    return sandbox;
  } catch (e) {
    await Promise.all(started.map((s) => s.close()));
    throw e;
  }
}

/** Validates settings from untrusted input (the admin API); throws RangeError naming the problem. */
function checkSettings(input: unknown): Partial<EmulatorSettings> {
  if (typeof input !== "object" || input === null) throw new RangeError("settings must be an object");
  const out: Partial<EmulatorSettings> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === "verifySignatures") {
      if (typeof value !== "boolean") throw new RangeError("verifySignatures must be true or false");
      out.verifySignatures = value;
    } else if (key === "aliyunBlacklistCap") {
      out.aliyunBlacklistCap = checkCap(value as number);
    } else if (key === "signatureClock") {
      if (value !== "sandbox" && value !== "real") throw new RangeError('signatureClock must be "sandbox" or "real"');
      out.signatureClock = value;
    } else if (key === "latencyMs") {
      out.latencyMs = checkLatency(value as number);
    } else if (key === "knownDomains") {
      if (typeof value !== "object" || value === null) throw new RangeError("knownDomains must be an object");
      const domains: Partial<Record<VendorId, string[]>> = {};
      for (const [vendor, list] of Object.entries(value)) {
        if (!isVendorId(vendor)) throw new RangeError(`knownDomains: unknown vendor "${vendor}"`);
        if (list === null) continue;
        if (!Array.isArray(list) || !list.every((d) => typeof d === "string")) {
          throw new RangeError(`knownDomains.${vendor} must be an array of domain names or null`);
        }
        domains[vendor] = [...list];
      }
      out.knownDomains = domains;
    } else {
      throw new RangeError(`unknown setting "${key}"`);
    }
  }
  return out;
}

function checkLatency(ms: number): number {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) throw new RangeError("latencyMs must be a non-negative number of milliseconds");
  return ms;
}

function checkCap(cap: number): number {
  if (!Number.isInteger(cap) || cap < 0) throw new RangeError("aliyunBlacklistCap must be a non-negative integer");
  return cap;
}
