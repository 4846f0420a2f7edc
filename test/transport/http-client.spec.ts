// HttpClient against real loopback sockets: statuses, keep-alive, endpoint rule, proxies, timeouts, failures.
import { strict as assert } from "node:assert";
import { HttpClient, getSharedHttpClient } from "../../provider/transport/http-client";
import { TransportError } from "../../provider/transport/transport-error";
import type { HttpRequest } from "../../provider/transport/http-types";
import { startServer, refusedPort, json, type LoopbackServer } from "./loopback-server";

const SECRET = "FAKE-SECRET-6f1d2b9e";

async function sendError(client: HttpClient, req: HttpRequest, signal?: AbortSignal): Promise<TransportError> {
  try {
    await client.send(req, { signal });
  } catch (e) {
    assert.ok(TransportError.isInstance(e), `expected TransportError, got ${String(e)}`);
    return e;
  }
  throw new Error("send succeeded");
}

function get(url: URL, headers: Record<string, string> = {}): HttpRequest {
  return { method: "GET", url, headers };
}

describe("transport/http-client", () => {
  const clients: HttpClient[] = [];
  const servers: LoopbackServer[] = [];
  const client = (opts?: ConstructorParameters<typeof HttpClient>[0]): HttpClient => {
    const c = new HttpClient(opts);
    clients.push(c);
    return c;
  };
  const server = async (...args: Parameters<typeof startServer>): Promise<LoopbackServer> => {
    const s = await startServer(...args);
    servers.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  it("sends method, path, query, headers and body exactly, and returns any status without throwing", async () => {
    const s = await server((n, _req, res) => json(res, n === 0 ? 200 : 503, { n }, { "x-request-id": `r${n}` }));
    const c = client();
    const req: HttpRequest = {
      method: "POST",
      url: s.url("/v1/p/stream/blocks?b=2&a=%2F1"),
      headers: { "content-type": "application/json", "x-custom": "v" },
      body: '{"x":"é"}',
    };
    const ok = await c.send(req);
    const failed = await c.send(req);
    assert.deepEqual([ok.status, ok.body, ok.headers["x-request-id"]], [200, '{"n":0}', "r0"]);
    assert.deepEqual([failed.status, failed.body, failed.headers["x-request-id"]], [503, '{"n":1}', "r1"]);
    const seen = s.requests[0];
    assert.ok(seen);
    assert.deepEqual([seen.method, seen.url, seen.body], ["POST", "/v1/p/stream/blocks?b=2&a=%2F1", '{"x":"é"}']);
    assert.equal(seen.headers["x-custom"], "v");
    assert.equal(seen.headers["content-length"], String(Buffer.byteLength('{"x":"é"}')));
  });

  it("reuses one keep-alive socket for sequential requests", async () => {
    const s = await server((_n, _req, res) => json(res, 200, {}));
    const c = client();
    for (let i = 0; i < 25; i++) assert.equal((await c.send(get(s.url()))).status, 200);
    assert.equal(s.requests.length, 25);
    assert.equal(s.connections(), 1);
  });

  it("opens a socket per request when keepAlive is off", async () => {
    const s = await server((_n, _req, res) => json(res, 200, {}));
    const c = client({ keepAlive: false });
    for (let i = 0; i < 4; i++) await c.send(get(s.url()));
    assert.equal(s.connections(), 4);
  });

  describe("endpoint rule and proxies", () => {
    let proxy: LoopbackServer;
    beforeEach(async () => {
      // Any socket a request opens towards a non-loopback origin lands here: a recording "proxy".
      proxy = await server((_n, _req, res) => json(res, 502, {}));
    });

    it("refuses http://example.com before opening any socket", async () => {
      const c = client({ proxy: { httpProxy: proxy.origin, httpsProxy: proxy.origin, noProxy: "" } });
      const e = await sendError(c, get(new URL("http://example.com/forbid?Signature=" + SECRET)));
      assert.equal(e.code, "INSECURE_ENDPOINT");
      assert.equal(e.requestSent, false);
      assert.equal(e.retryable, false);
      assert.match(e.message, /plain http:\/\/ is only allowed to loopback hosts/);
      assert.ok(!e.message.includes(SECRET));
      assert.equal(proxy.connections(), 0);
      // Control: an https URL through the same client does reach the proxy, so the zero above means something.
      await sendError(c, get(new URL("https://example.com/")));
      assert.equal(proxy.connections(), 1);
    });

    it("honours HTTPS_PROXY from the environment for non-loopback origins", async () => {
      const names = ["http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"];
      const saved = names.map((k) => [k, process.env[k]] as const);
      try {
        for (const k of names) delete process.env[k];
        process.env.HTTPS_PROXY = proxy.origin;
        const e = await sendError(client(), get(new URL("https://live.example.com/")));
        assert.equal(e.code, "PROXY_ERROR");
        assert.equal(e.requestSent, false);
        assert.equal(proxy.connections(), 1);
        assert.equal(proxy.requests.length, 0, "a CONNECT is not a plain request");
      } finally {
        for (const [k, v] of saved) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    });

    it("never sends loopback through a proxy", async () => {
      const target = await server((_n, _req, res) => json(res, 200, { direct: true }));
      const c = client({ proxy: { httpProxy: proxy.origin, httpsProxy: proxy.origin, noProxy: "" } });
      assert.equal((await c.send(get(target.url()))).status, 200);
      assert.equal((await c.send(get(new URL(target.url().href.replace("127.0.0.1", "localhost"))))).status, 200);
      assert.equal(target.requests.length, 2);
      assert.equal(proxy.connections(), 0);
    });
  });

  it("reports a reset before the response as ECONNRESET, possibly sent", async () => {
    const s = await server((_n, req) => req.socket.destroy());
    const e = await sendError(client(), get(s.url("/x?Signature=" + SECRET), { authorization: SECRET }));
    assert.deepEqual([e.code, e.requestSent, e.retryable], ["ECONNRESET", true, true]);
    assert.equal(e.target, `GET ${s.origin}/x`);
    assert.ok(!e.message.includes(SECRET) && !String(e.stack).includes(SECRET));
  });

  it("reports a refused connection as ECONNREFUSED, not sent", async () => {
    const port = await refusedPort();
    const e = await sendError(client(), get(new URL(`http://127.0.0.1:${port}/`)));
    assert.deepEqual([e.code, e.requestSent, e.retryable], ["ECONNREFUSED", false, true]);
  });

  it("times out waiting for headers with HEADERS_TIMEOUT", async () => {
    const s = await server(() => undefined);
    const e = await sendError(client({ headersTimeoutMs: 100 }), get(s.url(), { authorization: SECRET }));
    assert.deepEqual([e.code, e.requestSent, e.retryable], ["HEADERS_TIMEOUT", true, true]);
    assert.ok(!e.message.includes(SECRET));
  });

  it("times out a stalled body with BODY_TIMEOUT", async () => {
    const s = await server((_n, _req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial");
    });
    const e = await sendError(client({ bodyTimeoutMs: 100 }), get(s.url()));
    assert.equal(e.code, "BODY_TIMEOUT");
  });

  it("aborts on the caller's signal with ABORTED", async () => {
    const s = await server(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 50);
    const e = await sendError(client(), get(s.url()), controller.signal);
    assert.equal(e.code, "ABORTED");
  });

  it("refuses oversized bodies with RESPONSE_TOO_LARGE", async () => {
    const s = await server((_n, _req, res) => res.end("x".repeat(5000)));
    const e = await sendError(client({ maxResponseBytes: 1000 }), get(s.url()));
    assert.equal(e.code, "RESPONSE_TOO_LARGE");
  });

  it("fails with CLIENT_CLOSED after close()", async () => {
    const s = await server((_n, _req, res) => json(res, 200, {}));
    const c = client();
    await c.send(get(s.url()));
    await c.close();
    const e = await sendError(c, get(s.url()));
    assert.deepEqual([e.code, e.requestSent], ["CLIENT_CLOSED", false]);
  });

  it("shares one client per process through globalThis", () => {
    const a = getSharedHttpClient();
    assert.equal(getSharedHttpClient(), a);
    assert.equal((globalThis as Record<symbol, unknown>)[Symbol.for("pulumi-streamblock.transport.sharedHttpClient")], a);
  });
});
