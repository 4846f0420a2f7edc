// Mapping of undici / node:net errors to TransportError codes and the requestSent flag.
import { strict as assert } from "node:assert";
import { errors } from "undici";
import { classifyNetworkError } from "../../provider/transport/classify-network-error";

const T = "POST https://live.example.com/";

function sysError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
}

describe("transport/classify-network-error", () => {
  const cases: [string, unknown, string, boolean, boolean][] = [
    ["refused", sysError("ECONNREFUSED"), "ECONNREFUSED", false, true],
    ["connect timeout", new errors.ConnectTimeoutError(), "CONNECT_TIMEOUT", false, true],
    ["unknown host", sysError("ENOTFOUND"), "DNS_ERROR", false, false],
    ["happy-eyeballs refusal", new AggregateError([sysError("ECONNREFUSED"), sysError("ECONNREFUSED")]), "ECONNREFUSED", false, true],
    ["socket closed", new errors.SocketError("other side closed"), "ECONNRESET", true, true],
    ["reset", sysError("ECONNRESET"), "ECONNRESET", true, true],
    ["headers timeout", new errors.HeadersTimeoutError(), "HEADERS_TIMEOUT", true, true],
    ["body timeout", new errors.BodyTimeoutError(), "BODY_TIMEOUT", true, true],
    ["too large", new errors.ResponseExceededMaxSizeError(), "RESPONSE_TOO_LARGE", true, false],
    ["bad certificate", sysError("DEPTH_ZERO_SELF_SIGNED_CERT"), "TLS_ERROR", false, false],
    ["host mismatch", sysError("ERR_TLS_CERT_ALTNAME_INVALID"), "TLS_ERROR", false, false],
    ["tunnel refused", new errors.RequestAbortedError("Proxy response (502) !== 200 when HTTP Tunneling"), "PROXY_ERROR", false, true],
    ["parser", Object.assign(new Error("Parse Error"), { code: "HPE_INVALID_CONSTANT" }), "PROTOCOL_ERROR", true, true],
    ["unknown", new Error("weird"), "NETWORK_ERROR", true, true],
  ];
  for (const [name, input, code, sent, retryable] of cases) {
    it(`${name} -> ${code}`, () => {
      const t = classifyNetworkError(input, T, false);
      assert.deepEqual([t.code, t.requestSent, t.retryable], [code, sent, retryable]);
      assert.equal(t.cause, input);
      assert.ok(t.message.includes(T));
    });
  }

  it("reports a caller abort as ABORTED whatever the reason object", () => {
    const t = classifyNetworkError(new Error("deadline"), T, true);
    assert.equal(t.code, "ABORTED");
    assert.equal(t.requestSent, true);
  });

  it("never copies the underlying message (only its code)", () => {
    const t = classifyNetworkError(Object.assign(new Error("header value s3cr3t"), { code: "ECONNRESET" }), T, false);
    assert.ok(!t.message.includes("s3cr3t"), t.message);
  });
});
