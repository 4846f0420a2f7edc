// The SDK's monitor client, on real sockets: a client left redialling a dead engine's port must not fail the next engine on that port.
import { strict as assert } from "node:assert";
import { dirname } from "node:path";
import "../../provider/resource/stream-block";
import { LOCAL_SUBCHANNEL_POOL, isolateSdkGrpcChannels } from "../../provider/engine/isolated-sdk-channels";

// The SDK's own gRPC copy, services and settings: the exact client construction an inline program uses.
const sdkDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] })) as typeof import("@grpc/grpc-js");
/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const settings = require("@pulumi/pulumi/runtime/settings") as any;
const state = require("@pulumi/pulumi/runtime/state") as any;
const resrpc = require("@pulumi/pulumi/proto/resource_grpc_pb") as any;
const resproto = require("@pulumi/pulumi/proto/resource_pb") as any;
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

/** A stand-in resource monitor answering SupportsFeature, on `port` (0: any free one). */
function startMonitor(port: number): Promise<{ port: number; stop: () => void }> {
  const server = new grpc.Server();
  server.addService(resrpc.ResourceMonitorService, {
    supportsFeature: (_call: unknown, cb: (e: null, r: unknown) => void) => {
      const r = new resproto.SupportsFeatureResponse();
      r.setHassupport(true);
      cb(null, r);
    },
  });
  return new Promise((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (e, bound) =>
      e ? reject(e) : resolve({ port: bound, stop: () => server.forceShutdown() }),
    ),
  );
}

/** A client the SDK makes for a run against the monitor at `port`, and its first call: "OK" or the gRPC status. */
function callThroughSdkMonitor(port: number): Promise<{ outcome: string; client: { close(): void } }> {
  return state.withLocalStorage(async () => {
    settings.resetOptions("project", "stack", 1, "", `127.0.0.1:${port}`, false, "");
    const client = settings.getMonitor();
    const req = new resproto.SupportsFeatureRequest();
    req.setId("secrets");
    const outcome = await new Promise<string>((resolve) =>
      client.supportsFeature(req, (err: { code: number } | null) => resolve(err ? `code ${err.code}` : "OK")),
    );
    return { outcome, client };
  });
}

/** Resolves once the client's channel has noticed that its connection is gone (it is no longer READY). */
function connectionLost(client: { close(): void }): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const channel = (client as any).getChannel();
  return new Promise((resolve) => {
    const check = (): void => {
      const now = channel.getConnectivityState(false);
      if (now !== grpc.connectivityState.READY) return resolve();
      channel.watchConnectivityState(now, Date.now() + 60_000, check);
    };
    check();
  });
}

/**
 * Engine 1 answers, then exits; its clients are left open and redial, as the SDK leaves some; engine 2
 * gets the same port. Returns what a new client for engine 2 sees on its first call.
 */
async function secondEngineOnTheSamePort(): Promise<string> {
  const leftovers: { close(): void }[] = [];
  const first = await startMonitor(0);
  try {
    const live = await callThroughSdkMonitor(first.port);
    leftovers.push(live.client);
    assert.equal(live.outcome, "OK", "the first engine answers");
    first.stop();
    // Wait until the client has seen the connection close, so the next call dials (and is refused) instead of being cancelled.
    await connectionLost(live.client);
    const dead = await callThroughSdkMonitor(first.port);
    leftovers.push(dead.client);
    assert.equal(dead.outcome, `code ${grpc.status.UNAVAILABLE}`, "the dead engine's port refuses");
    const second = await startMonitor(first.port);
    try {
      const fresh = await callThroughSdkMonitor(first.port);
      leftovers.push(fresh.client);
      return fresh.outcome;
    } finally {
      second.stop();
    }
  } finally {
    for (const c of leftovers) c.close();
  }
}

describe("engine/isolated-sdk-channels", () => {
  it("loading StreamBlock isolates the SDK's client channels", () => {
    assert.equal(settings.grpcClientOptions[LOCAL_SUBCHANNEL_POOL], 1);
    assert.equal(isolateSdkGrpcChannels(), true, "the SDK still has the options object this relies on");
  });

  it("with isolation, the next engine on a dead engine's port answers the SDK's first call", async () => {
    assert.equal(await secondEngineOnTheSamePort(), "OK");
  });

  it("without it, that call fails with UNAVAILABLE (the hazard: the SDK would end the program and the engine delete every ban)", async () => {
    delete settings.grpcClientOptions[LOCAL_SUBCHANNEL_POOL];
    try {
      assert.equal(await secondEngineOnTheSamePort(), `code ${grpc.status.UNAVAILABLE}`);
    } finally {
      isolateSdkGrpcChannels();
    }
  });
});
