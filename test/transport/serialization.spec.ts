// The transport survives Pulumi's closure serialization and shares live pools through globalThis afterwards.
import { strict as assert } from "node:assert";
import Module from "node:module";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { getSharedHttpClient } from "../../provider/transport/http-client";
import { getSharedRateLimiter } from "../../provider/transport/rate-limiter";
import { callWithRetries } from "../../provider/transport/call-with-retries";
import { TransportError } from "../../provider/transport/transport-error";
import { startServer, type LoopbackServer } from "./loopback-server";

/** Loads serialized closure text the way the dynamic provider host does: as a module beside node_modules. */
function load(text: string): Record<string, unknown> {
  const filename = path.join(__dirname, "__serialized_provider__.js");
  const m = new Module(filename, module) as Module & { _compile(code: string, file: string): void; paths: string[] };
  m.filename = filename;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
  m._compile(text, filename);
  return m.exports as Record<string, unknown>;
}

describe("transport/serialization", function () {
  this.timeout(60_000);
  let server: LoopbackServer;
  before(async () => {
    server = await startServer((_n, _req, res) => res.end("ok"));
  });
  after(async () => {
    await server.close();
  });

  it("serializes a provider using the shared client and limiter, and the copy reuses the live pool", async () => {
    const url = server.url("/ping");
    // Live state first: an open keep-alive socket and a used rate bucket.
    assert.equal((await getSharedHttpClient().send({ method: "GET", url, headers: {} })).status, 200);
    await getSharedRateLimiter().acquire({ vendor: "tencent", account: "ser", action: "ForbidLiveStream" });

    const provider = {
      async create(target: string): Promise<{ status: number; sameClient: boolean; brand: boolean }> {
        const status = await callWithRetries({ vendor: "tencent", operation: "forbid", idempotent: true }, {}, async (_n, signal) => {
          await getSharedRateLimiter().acquire({ vendor: "tencent", account: "ser", action: "ForbidLiveStream" }, signal);
          return (await getSharedHttpClient().send({ method: "GET", url: new URL(target), headers: {} }, { signal })).status;
        });
        const te = new TransportError({ code: "ECONNRESET", detail: "d", target: "t", requestSent: true, retryable: true });
        const live = (globalThis as Record<symbol, unknown>)[Symbol.for("pulumi-streamblock.transport.sharedHttpClient")];
        return { status, sameClient: getSharedHttpClient() === live, brand: TransportError.isInstance(te) };
      },
    };
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    assert.ok(!serialized.text.includes(String(server.url().port)), "no live address captured");

    const copy = (load(serialized.text).handler as () => typeof provider)();
    assert.notEqual(copy, provider);
    assert.deepEqual(await copy.create(url.href), { status: 200, sameClient: true, brand: true });
    assert.equal(server.connections(), 1, "the serialized copy used the live keep-alive socket");
  });
});
