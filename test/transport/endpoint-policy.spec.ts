// The https-except-loopback rule, as a table of URLs.
import { strict as assert } from "node:assert";
import { checkEndpoint, isLoopbackHost } from "../../provider/transport/endpoint-policy";

describe("transport/endpoint-policy", () => {
  const allowed = [
    "https://live.tencentcloudapi.com/",
    "https://example.com:8443/x?y=1",
    "http://127.0.0.1:7001/",
    "http://127.12.0.3/",
    "http://localhost:8080/",
    "http://LOCALHOST./",
    "http://[::1]:9000/",
    "http://[::ffff:127.0.0.1]/",
  ];
  const refused: [string, string][] = [
    ["http://example.com/", "plain-http-non-loopback"],
    ["http://128.0.0.1/", "plain-http-non-loopback"],
    ["http://10.0.0.1/", "plain-http-non-loopback"],
    ["http://[::2]/", "plain-http-non-loopback"],
    ["http://[::ffff:10.0.0.1]/", "plain-http-non-loopback"],
    ["http://localhost.example.com/", "plain-http-non-loopback"],
    ["http://127.0.0.1.nip.io/", "plain-http-non-loopback"],
    ["ftp://127.0.0.1/", "unsupported-protocol"],
    ["file:///etc/passwd", "unsupported-protocol"],
    ["https://user:pw@example.com/", "credentials-in-url"],
  ];

  for (const u of allowed) {
    it(`allows ${u}`, () => assert.equal(checkEndpoint(new URL(u)), undefined));
  }
  for (const [u, why] of refused) {
    it(`refuses ${u} (${why})`, () => assert.equal(checkEndpoint(new URL(u)), why));
  }

  it("recognises bare loopback addresses", () => {
    assert.equal(isLoopbackHost("::1"), true);
    assert.equal(isLoopbackHost("127.255.255.254"), true);
    assert.equal(isLoopbackHost("0.0.0.0"), false);
    assert.equal(isLoopbackHost("::"), false);
  });
});
