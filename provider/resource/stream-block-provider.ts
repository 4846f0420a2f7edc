// The StreamBlock provider's logic: check, diff, create, read, update, delete against the vendor adapters.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { VendorAdapter, StreamKey } from "../vendors/adapter";
import type { AdapterOptions } from "../vendors/adapter-runtime";
import type { VendorId } from "../vendors/vendor-id";
import { formatUtcSeconds } from "../vendors/utc-time";
import { checkInputs, type StreamBlockInputs, type StreamBlockOutputs } from "./stream-block-inputs";
import { diffStreamBlock } from "./diff-rules";
import { indefiniteResumeTime } from "./renewal-plan";
import { streamBlockId } from "./stream-block-id";
import { ProviderSettings, type ConfigLookup } from "./provider-settings";
import { createAdapter } from "./adapter-factory";
import { BanReader } from "./ban-reader";
import { CLAIMANT_INPUT, getStreamClaims, type StreamClaims } from "./stream-claims";
import { wireSafe } from "./wire-safe";
import { UNKNOWN_VALUE } from "./stream-block-inputs";
import { RateLimiter } from "../transport/rate-limiter";
import { unreachableRetryNotice } from "../transport/retry-notice";
import { accountScope, isDefaultAccount, parseAccountScope } from "./vendor-account";
import { shardDelete } from "./shard-handover";

export interface ProviderDeps {
  env?: NodeJS.ProcessEnv;
  /** The real clock; the settings' clock offset is added to it. */
  now?: () => Date;
  adapterOptions?: AdapterOptions;
  claims?: StreamClaims;
  /** Where notes for the user go: stderr, which the engine shows as diagnostics. */
  report?: (line: string) => void;
}

export class StreamBlockProvider implements dynamic.ResourceProvider {
  private readonly settings: ProviderSettings;
  /** One adapter per vendor account (`tencent`, `tencent/brand-b`): each has its own credentials, rate budget and learnt quirks. */
  private readonly adapters = new Map<string, VendorAdapter>();
  private readonly reader: BanReader;
  private readonly claims: StreamClaims;
  private readonly report: (line: string) => void;
  private readonly clock: () => Date;
  /** Bans (by claim key) this operation found unbanned and forbade: its own, even where another resource meets them. */
  private readonly madeHere = new Set<string>();

  constructor(
    private readonly config: ConfigLookup,
    private readonly deps: ProviderDeps = {},
  ) {
    this.settings = new ProviderSettings(config, deps.env ?? process.env);
    // The reader is keyed by account scope, so each account's listings are its own.
    this.reader = new BanReader((scope) => this.adapter(scope), (scope) => this.matchesStreamNameOnly(scope));
    this.claims = deps.claims ?? getStreamClaims();
    this.report = deps.report ?? ((line) => process.stderr.write(`streamblock: ${line}\n`));
    const offset = this.settings.clockOffsetMs();
    const real = deps.now ?? (() => new Date());
    this.clock = () => new Date(real().getTime() + offset);
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    // The hidden input naming the resource is for the claim only: it never reaches state.
    const { [CLAIMANT_INPUT]: claimant, ...declared } = news;
    const r = checkInputs(declared, { now: this.clock(), olds: olds as Partial<StreamBlockInputs> });
    if (r.failures.length > 0) return { failures: r.failures };
    const inputs = r.inputs!;
    // Missing credentials fail the preview, not the update half-way.
    const unset = inputs.account === UNKNOWN_VALUE ? undefined : this.settings.unsetFor(inputs.vendor, inputs.account);
    if (unset) return { failures: [{ property: inputs.account === undefined ? "vendor" : "account", reason: unset }] };
    const known = [inputs.vendor, inputs.account, inputs.domain, inputs.app, inputs.stream].every((v) => v !== UNKNOWN_VALUE);
    const clash = this.claims.claim(this.claimKey(inputs), {
      claimant: known && typeof claimant === "string" && claimant !== UNKNOWN_VALUE ? claimant : undefined,
      id: streamBlockId(inputs.vendor, inputs),
      resumeTime: inputs.resumeTime,
      reason: inputs.reason,
    });
    if (clash) return { failures: [{ property: "stream", reason: clash }] };
    return { inputs: wireSafe(inputs) };
  }

  async diff(_id: string, olds: StreamBlockOutputs, news: StreamBlockInputs): Promise<dynamic.DiffResult> {
    const d = diffStreamBlock(olds, news, this.clock(), this.settings.renewalWindowDays());
    if (d.changes) this.report(`${streamBlockId(news.vendor, news)}: ${d.reasons.join("; ")}`);
    return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
  }

  async create(inputs: StreamBlockInputs): Promise<dynamic.CreateResult> {
    // No claim here: the engine always checks a resource before it creates it, and check claimed it.
    return { id: streamBlockId(inputs.vendor, inputs), outs: wireSafe(await this.apply(inputs, "forbid")) };
  }

  async update(_id: string, olds: StreamBlockOutputs, news: StreamBlockInputs): Promise<dynamic.UpdateResult> {
    const d = diffStreamBlock(olds, news, this.clock(), this.settings.renewalWindowDays());
    const onlyReason = d.reasons.every((r) => r.startsWith("reason changed"));
    // Who made the ban does not change with its resume time.
    const adopted = olds.adopted === true ? { adopted: true as const } : {};
    // Only Tencent stores a reason; elsewhere a reason change is bookkeeping, and on Aliyun a re-forbid
    // would briefly lift the ban for nothing.
    if (onlyReason && news.vendor !== "tencent") {
      return { outs: wireSafe({ ...news, expiresAt: olds.expiresAt, requestId: olds.requestId, ...adopted }) };
    }
    return { outs: wireSafe({ ...(await this.apply(news, "updateResumeTime")), ...adopted }) };
  }

  async read(id: string, props: StreamBlockOutputs): Promise<dynamic.ReadResult> {
    const ban = await this.reader.get(scopeOf(props), props);
    if (!ban) {
      // A declared resume time that has passed: the vendor lifted the ban as asked; keep it in state
      // so the next `up` does not try to re-create an expired ban.
      if (props.resumeTime && Date.parse(props.resumeTime) <= this.clock().getTime()) return { id, props: wireSafe(props) };
      return {};
    }
    // Where the vendor does not say (Aliyun's list, Tencent's per-stream lookup) the recorded expiry
    // stands, and an unknown one stays absent (an undefined would fail the whole refresh).
    const expiresAt = ban.expiresAt ? formatUtcSeconds(ban.expiresAt) : props.expiresAt;
    return { id, props: wireSafe({ ...props, expiresAt }) };
  }

  async delete(id: string, props: StreamBlockOutputs): Promise<void> {
    const key = pickKey(props);
    if (this.claims.isClaimed(this.claimKey(props))) {
      // A rename without aliases: the new resource found the ban in force and adopted it; say what that means.
      const adoptedBy = props.adopted === true ? "" : " (a resource created while it was in force records it as adopted, which destroy leaves in force: rename with `aliases` to keep it this stack's own)";
      this.report(`${id}: still declared by another resource in this update; the ban stays in force${adoptedBy}`);
      return;
    }
    if (props.resumeTime && Date.parse(props.resumeTime) <= this.clock().getTime()) {
      this.report(`${id}: the declared resume time ${props.resumeTime} has passed; nothing to resume`);
      return;
    }
    if (props.adopted === true && !this.settings.liftAdoptedBans()) {
      this.report(
        `${id}: left in force: the ban was already in force at ${props.vendor} when this stack adopted it, so it is not this stack's to lift ` +
          `(lift it with \`streamblock resume --vendor ${props.vendor}${isDefaultAccount(props.account) ? "" : ` --account ${props.account}`} --domain ${key.domain} --app ${key.app} ${key.stream}\`, ` +
          `or set streamblock:liftAdoptedBans=true to have this stack lift the bans it adopted)`,
      );
      return;
    }
    const shard = shardDelete(this.config, this.deps.env ?? process.env, id, props.vendor, props.account);
    if (shard.kind === "refuse") throw new Error(shard.reason);
    if (shard.kind === "release") {
      this.report(shard.note);
      return;
    }
    const r = await this.adapter(scopeOf(props)).resume(key);
    this.reader.recordResumed(scopeOf(props), key);
    for (const n of r.notes) this.report(`${id}: ${n}`);
  }

  private async apply(inputs: StreamBlockInputs, how: "forbid" | "updateResumeTime"): Promise<StreamBlockOutputs> {
    const id = streamBlockId(inputs.vendor, inputs);
    const now = this.clock();
    const declared = inputs.resumeTime ? new Date(inputs.resumeTime) : undefined;
    if (declared && declared.getTime() <= now.getTime()) {
      this.report(`${id}: the declared resume time ${inputs.resumeTime} has passed; nothing to ban`);
      return { ...inputs, expiresAt: inputs.resumeTime, requestId: "" };
    }
    const resumeTime = declared ?? indefiniteResumeTime(inputs.vendor, now);
    const adapter = this.adapter(scopeOf(inputs));
    const req = { ...pickKey(inputs), resumeTime, reason: inputs.reason };
    let before = how === "forbid" ? await this.inForceAlready(scopeOf(inputs), pickKey(inputs)) : "no";
    // Tencent's stream-name matching: this operation's ban on another domain is this stack's own. Marked
    // before the forbid is sent, so a concurrent create that already sees the ban knows whose it is.
    const claimKey = this.claimKey(inputs);
    if (this.madeHere.has(claimKey)) before = "no";
    else if (before === "no") this.madeHere.add(claimKey);
    // Creating (or adopting) never lifts an existing ban to align its resume time: a declared stream must
    // never be unbanned, not even for a round trip. Updates the user asked for may, where the vendor has
    // no other way (Aliyun).
    const r = how === "forbid" ? await adapter.forbid(req, { liftToAlign: false }) : await adapter.updateResumeTime(req);
    for (const n of r.notes) this.report(`${id}: ${n}`);
    this.reader.recordBanned(scopeOf(inputs), { ...pickKey(inputs), expiresAt: r.expiresAt });
    const outs: StreamBlockOutputs = { ...inputs, requestId: r.requestId };
    if (r.expiresAt) outs.expiresAt = formatUtcSeconds(r.expiresAt);
    if (before === "unknown") this.report(`${id}: could not tell whether the ban was already in force; recorded as adopted, so deleting it leaves it in force`);
    if (before !== "no") outs.adopted = true;
    return outs;
  }

  /**
   * Whether the stream is banned before this create bans it: then the ban is someone else's (a console
   * ban, another stack's) and this resource only adopts it. A domain's paged list answers every create on
   * it with one call per page (memoised for the operation); Tencent's list is account-wide, pages at 2/s
   * and is gone on mainland accounts (tencent.md §3.5), so Tencent is asked per stream, never the list. If the vendor cannot say, the forbid still runs (its error, if any, is
   * the one to show) and the ban counts as adopted: leaving a ban in force is the safe mistake.
   */
  private async inForceAlready(scope: string, key: StreamKey): Promise<"yes" | "no" | "unknown"> {
    const adapter = this.adapter(scope);
    try {
      const paged = adapter.capabilities.listScope === "domain" && adapter.capabilities.listing === "paged";
      return (paged ? await this.reader.get(scope, key) : await adapter.lookup(key)) ? "yes" : "no";
    } catch {
      return "unknown";
    }
  }

  /**
   * What a ban really is at the vendor. With Tencent's default stream-name matching, bans of one stream
   * name on several domains are one ban: resuming any of them lifts it everywhere. Within one account:
   * another account's ban of the name is another ban.
   */
  private claimKey(k: StreamKey & { vendor: VendorId; account?: string }): string {
    const scope = scopeOf(k);
    return this.matchesStreamNameOnly(scope) ? `${scope}/*/*/${k.stream}` : streamBlockId(k.vendor, k);
  }

  private matchesStreamNameOnly(scope: string): boolean {
    const { vendor, account } = parseAccountScope(scope);
    return vendor === "tencent" && this.settings.forAccount(account).tencentMatching() === "stream-name";
  }

  private adapter(scope: string): VendorAdapter {
    let a = this.adapters.get(scope);
    if (!a) {
      const { vendor, account } = parseAccountScope(scope);
      const rateLimit = this.settings.rateLimitEnabled();
      const options: AdapterOptions = {
        now: this.clock,
        onRetry: (info) => {
          const notice = unreachableRetryNotice(info);
          if (notice !== undefined) this.report(notice);
        },
        ...this.deps.adapterOptions,
      };
      const overrides = this.settings.rateOverrides();
      if (!options.limiter && (!rateLimit || overrides)) options.limiter = new RateLimiter({ enabled: rateLimit, overrides });
      a = createAdapter(vendor as VendorId, this.settings.forAccount(account), options);
      this.adapters.set(scope, a);
    }
    return a;
  }
}

/** The vendor account a ban belongs to: `tencent` (the default account) or `tencent/brand-b`. */
function scopeOf(k: { vendor: VendorId; account?: string }): string {
  return accountScope(k.vendor, k.account);
}

function pickKey(k: StreamKey): StreamKey {
  return { domain: k.domain, app: k.app, stream: k.stream };
}

