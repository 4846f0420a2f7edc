// Compares what the vendors ban on the stack's domains with the StreamBlocks in state: bans no state records.
import { adapterFromEnv } from "../cli/vendor-connection";
import { listBans, NoBanList } from "../cli/list-bans";
import { isVendorId, type VendorId } from "../vendors/vendor-id";
import { STREAM_BLOCK_TYPE, type DeployedResource, type UnrecordedBan } from "./recover-deployment";

/**
 * Lists every ban the vendors hold on the (vendor, domain) pairs of the stack's StreamBlocks, with
 * credentials and endpoints from `env` (as `streamblock ls`), and returns those no StreamBlock in state has.
 * A run killed under PULUMI_SKIP_CHECKPOINTS leaves its bans only here. A vendor account without a list
 * (Tencent mainland, tencent.md §3.5) cannot be compared: `onUnlisted` hears why, and the others still are.
 */
export async function findUnrecordedBans(
  resources: DeployedResource[],
  env: NodeJS.ProcessEnv,
  onUnlisted: (vendor: VendorId, why: string) => void = () => undefined,
): Promise<UnrecordedBan[]> {
  const inState = new Set<string>();
  const domains = new Map<VendorId, Set<string>>();
  for (const r of resources) {
    if (r.type !== STREAM_BLOCK_TYPE) continue;
    const o = { ...r.inputs, ...r.outputs };
    if (!isVendorId(o.vendor) || typeof o.domain !== "string") continue;
    inState.add(`${o.vendor}/${o.domain}/${String(o.app ?? "live")}/${String(o.stream)}`);
    if (!domains.has(o.vendor)) domains.set(o.vendor, new Set());
    domains.get(o.vendor)?.add(o.domain);
  }
  const out: UnrecordedBan[] = [];
  for (const [vendor, set] of domains) {
    let bans;
    try {
      bans = await listBans(adapterFromEnv(vendor, env), [...set].sort());
    } catch (e) {
      if (!(e instanceof NoBanList)) throw e;
      onUnlisted(vendor, e.message);
      continue;
    }
    for (const b of bans) {
      if (!inState.has(`${vendor}/${b.domain}/${b.app}/${b.stream}`)) out.push({ vendor, domain: b.domain, app: b.app, stream: b.stream });
    }
  }
  return out;
}
