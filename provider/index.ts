// The package's public API: the resources, the adapters' contract, and the input schema.
export { StreamBlock, StreamKick, type StreamBlockArgs, type StreamKickArgs, type StreamKeyArgs } from "./resource/stream-block";
export { checkInputs, type StreamBlockInputs, type StreamBlockOutputs } from "./resource/stream-block-inputs";
export { VENDOR_IDS, type VendorId } from "./vendors/vendor-id";
export { VENDOR_LIMITS } from "./vendors/vendor-limits";
export { VendorError } from "./vendors/vendor-error";
export type { VendorAdapter, Ban, StreamKey, ForbidRequest, ChangeResult } from "./vendors/adapter";
export { startSandbox, Sandbox, DEFAULT_SANDBOX_PORTS, type SandboxOptions } from "./sandbox/sandbox";
export { sandboxEnv } from "./sandbox/sandbox-env";
