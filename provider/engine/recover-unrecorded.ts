// Compares what the vendors ban on the stack's domains with the StreamBlocks in state, per vendor account: bans no state records.
import { adapterFromEnv } from "../cli/vendor-connection";
import { listBans, NoBanList } from "../cli/list-bans";
import { streamBlockId } from "../resource/stream-block-id";
import { DEFAULT_ACCOUNT, accountScope, isDefaultAccount, parseAccountScope } from "../resource/vendor-account";
import { isVendorId, type VendorId } from "../vendors/vendor-id";
import { STREAM_BLOCK_TYPE, type DeployedResource, type UnrecordedBan } from "./recover-deployment";

/**
 * Lists every ban the vendors hold on the (vendor, account, domain) triples of the stack's StreamBlocks,
 * each account with its own credentials and endpoint from `env` (as `streamblock ls --account`), and
 * returns those no StreamBlock in state has. A run killed under PULUMI_SKIP_CHECKPOINTS leaves its bans
 * only here. A vendor account without a list (Tencent mainland, tencent.md §3.5) cannot be compared:
 * `onUnlisted` hears which and why, and the others still are.
 */
export async function findUnrecordedBans(
  resources: DeployedResource[],
  env: NodeJS.ProcessEnv,
  onUnlisted: (vendor: VendorId, why: string, account: string) => void = () => undefined,
): Promise<UnrecordedBan[]> {
  const inState = new Set<string>();
  const domains = new Map<string, Set<string>>();
  for (const r of resources) {
    if (r.type !== STREAM_BLOCK_TYPE) continue;
    const o = { ...r.inputs, ...r.outputs };
    if (!isVendorId(o.vendor) || typeof o.domain !== "string") continue;
    const account = typeof o.account === "string" ? o.account : DEFAULT_ACCOUNT;
    inState.add(streamBlockId(o.vendor, { account, domain: o.domain, app: String(o.app ?? "live"), stream: String(o.stream) }));
    // Each account is listed with its own credentials: another account's list does not hold its bans.
    const scope = accountScope(o.vendor, account);
    if (!domains.has(scope)) domains.set(scope, new Set());
    domains.get(scope)?.add(o.domain);
  }
  const out: UnrecordedBan[] = [];
  for (const [scope, set] of domains) {
    const { vendor, account } = parseAccountScope(scope) as { vendor: VendorId; account: string };
    let bans;
    try {
      bans = await listBans(adapterFromEnv(vendor, env, account), [...set].sort());
    } catch (e) {
      if (!(e instanceof NoBanList)) throw e;
      onUnlisted(vendor, e.message, account);
      continue;
    }
    const named = isDefaultAccount(account) ? {} : { account };
    for (const b of bans) {
      const ban = { vendor, ...named, domain: b.domain, app: b.app, stream: b.stream };
      if (!inState.has(streamBlockId(vendor, ban))) out.push(ban);
    }
  }
  return out;
}
