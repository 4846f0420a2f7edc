// Sandbox: one vendor's server stopped (connections refused) and restarted on the same port, bans kept.
import { strict as assert } from "node:assert";
import { request } from "node:http";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";

/** The error code of a plain GET to `url`, or "answered". */
function probe(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve("answered"));
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    req.end();
  });
}

describe("sandbox: stopVendor / restartVendor", () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  });
  after(() => sb.close());

  it("refuses connections to the stopped vendor only, then answers on the same port with the bans it held", async () => {
    const account = sb.primaryAccount("huawei");
    sb.putBan({ vendor: "huawei", account, domain: "push.example.com", app: "live", stream: "kept" }, new Date(Date.now() + 86_400_000));
    const port = sb.ports.huawei;
    await sb.stopVendor("huawei");
    await sb.stopVendor("huawei"); // twice is harmless
    assert.equal(await probe(sb.endpoints.huawei), "ECONNREFUSED");
    assert.equal(await probe(sb.endpoints.tencent), "answered");
    await sb.restartVendor("huawei");
    await sb.restartVendor("huawei");
    assert.equal(sb.ports.huawei, port);
    assert.equal(await probe(sb.endpoints.huawei), "answered");
    assert.equal(sb.bans({ vendor: "huawei", stream: "kept" }).length, 1);
  });

  it("closes cleanly while a vendor is stopped", async () => {
    const other = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
    await other.stopVendor("aliyun");
    await other.close();
    assert.equal(await probe(other.endpoints.tencent), "ECONNREFUSED");
  });
});
