// Whether a stack may lift a ban outside its shard: one it applied before its streamblock:shard was set (streamblock:shardHandover).
import { formatAccount, formatSelector, inShard, parseShardSetting, SHARD_KEY } from "../blocklist/shard-selector";
import type { ConfigLookup } from "./provider-settings";

export const SHARD_HANDOVER_KEY = "streamblock:shardHandover";
export const SHARD_HANDOVER_ENV = "STREAMBLOCK_SHARD_HANDOVER";

/** What a delete does: lift the ban, leave it in force and forget it (handed to the stack whose shard holds it), or refuse. */
export type ShardDelete = { kind: "lift" } | { kind: "release"; note: string } | { kind: "refuse"; reason: string };

/** While a handover is set, every run says so: left set, it would quietly release (or lift) what a later narrowing drops. */
export function handoverReminder(config: ConfigLookup, env: NodeJS.ProcessEnv): string | undefined {
  const raw = config(SHARD_HANDOVER_KEY) || env[SHARD_HANDOVER_ENV];
  if (!raw) return undefined;
  if (raw !== "release" && raw !== "lift") return `${SHARD_HANDOVER_KEY} is "${raw}": it takes release or lift; bans outside this stack's ${SHARD_KEY} stay refused their lift`;
  const what = raw === "release" ? "released (left in force, forgotten)" : "lifted";
  return `${SHARD_HANDOVER_KEY} is ${raw}: bans outside this stack's ${SHARD_KEY} are ${what} instead of refused; remove the setting once the handover is done (pulumi config rm ${SHARD_HANDOVER_KEY})`;
}

/**
 * A stack holds bans outside its shard only if it applied them before the shard was set (or narrowed): the
 * stack whose shard holds them now bans the same streams, so lifting them here would lift that stack's bans
 * too. Such a delete is refused until the user says which they mean: `release` (forget it, leave it in force)
 * or `lift`.
 */
export function shardDelete(config: ConfigLookup, env: NodeJS.ProcessEnv, id: string, vendor: string, account: string | undefined): ShardDelete {
  let shard;
  try {
    shard = parseShardSetting(config(SHARD_KEY), "this stack");
  } catch (e) {
    return { kind: "refuse", reason: `${id}: not lifted: ${(e as Error).message}` };
  }
  if (inShard(shard, vendor, account)) return { kind: "lift" };
  const raw = config(SHARD_HANDOVER_KEY) || env[SHARD_HANDOVER_ENV] || undefined;
  const which = formatAccount(vendor, account);
  if (raw === "lift") return { kind: "lift" };
  if (raw === "release") return { kind: "release", note: `${id}: released, left in force: ${which} is outside this stack's ${SHARD_KEY}, the stack whose shard holds it keeps it banned` };
  const bad = raw === undefined ? "" : ` (${SHARD_HANDOVER_KEY} is "${raw}": it takes release or lift)`;
  return {
    kind: "refuse",
    reason:
      `${id}: not lifted: ${which} is outside this stack's ${SHARD_KEY} (${shard!.map(formatSelector).join(", ")}), so this stack applied it before its shard was set, ` +
      `and the stack whose shard holds ${which} bans the same stream: lifting it here would lift that ban too${bad}. ` +
      `To hand it over, run once with ${SHARD_HANDOVER_KEY}=release (pulumi config set ${SHARD_HANDOVER_KEY} release, or ${SHARD_HANDOVER_ENV}=release): this stack forgets the ban and it stays in force; ` +
      `=lift lifts it`,
  };
}
