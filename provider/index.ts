// The package's public API: the resources, the blocklist program, the adapters' contract, and the input schema.
import "./node-version-guard"; // first: an old Node.js fails here in one line, before undici loads
export { StreamBlock, StreamKick, type StreamBlockArgs, type StreamKickArgs, type StreamKeyArgs } from "./resource/stream-block";
export { checkInputs, type StreamBlockInputs, type StreamBlockOutputs } from "./resource/stream-block-inputs";
export { ProviderSettings, SettingsError, type ConfigLookup } from "./resource/provider-settings";
export {
  applyBlocklist,
  applyBlocklistWindowed,
  DEFAULT_MAX_PENDING,
  ShardError,
  type ApplyBlocklistOptions,
  type BlocklistSummary,
} from "./blocklist/apply-blocklist";
export { loadBlocklist, BlocklistError, type LoadedBlocklist } from "./blocklist/load-blocklist";
export { validateBlocklist, type BlocklistValidation, type ValidateOptions, type StackSettings } from "./blocklist/validate-blocklist";
export { formatProblem, formatGithubAnnotation, type BlocklistProblem } from "./blocklist/blocklist-problem";
export type { Blocklist, StreamEntry } from "./blocklist/blocklist-schema";
export type { BlockSpec } from "./blocklist/expand-blocklist";
export type { SoonestExpiry } from "./blocklist/soonest-expiry";
export { parseShardSetting, inShard, SHARD_KEY, ShardSettingError, type ShardSelector } from "./blocklist/shard-selector";
export { REQUIRED_NODE_VERSION } from "./node-version";
export { VENDOR_IDS, type VendorId } from "./vendors/vendor-id";
export { VENDOR_LIMITS } from "./vendors/vendor-limits";
export { VendorError } from "./vendors/vendor-error";
export type { VendorAdapter, Ban, StreamKey, ForbidRequest, ChangeResult } from "./vendors/adapter";
export { startSandbox, Sandbox, DEFAULT_SANDBOX_PORTS, type SandboxOptions } from "./sandbox/sandbox";
export { sandboxEnv } from "./sandbox/sandbox-env";
