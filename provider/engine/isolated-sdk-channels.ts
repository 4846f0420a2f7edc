// Gives each gRPC channel the Pulumi SDK opens to the engine its own connections, so a dead engine's leftovers cannot fail a live one.

/** The gRPC-js channel option that keeps a channel's subchannels out of the process-wide pool. */
export const LOCAL_SUBCHANNEL_POOL = "grpc.use_local_subchannel_pool";

/**
 * Makes the SDK's engine and resource-monitor clients created from now on use a subchannel pool of their
 * own. Idempotent. StreamBlock calls it when its module loads.
 *
 * Why: a program run through the Automation API's inline programs lives in one long-lived process that
 * meets many engines. The SDK leaves clients open to engines that have exited (it re-creates its log
 * client after disconnecting, for example). These clients keep redialling the dead port. gRPC-js shares
 * subchannels across channels by address. So when a later engine's monitor gets the same port, which the
 * kernel hands out again, a new channel to it shares the failing subchannel. Its first call then fails
 * with UNAVAILABLE and never reaches the engine.
 *
 * The SDK reads UNAVAILABLE on RegisterResource as "the engine is shutting down". It ends the program
 * quietly, and the engine, seeing no registrations, deletes every resource of the stack. For StreamBlock
 * that means lifting every ban. Our own test suite hit it: an `up` deleted the 6 bans it had just made
 * (test/engine/isolated-sdk-channels.spec.ts reproduces it on real sockets). A program run by the CLI
 * starts a fresh process each time and never had this problem; the setting costs it nothing.
 *
 * The options object is internal to @pulumi/pulumi (runtime/settings), so this checks its shape and
 * does nothing if a future SDK changes it; the spec fails in that case.
 */
export function isolateSdkGrpcChannels(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require("@pulumi/pulumi/runtime/settings") as { grpcClientOptions?: unknown; grpcChannelOptions?: unknown };
  let applied = false;
  for (const options of [settings.grpcClientOptions, settings.grpcChannelOptions]) {
    if (options !== null && typeof options === "object") {
      (options as Record<string, unknown>)[LOCAL_SUBCHANNEL_POOL] = 1;
      applied = true;
    }
  }
  return applied;
}
