// Persistence: bans and kicks survive a restart through the JSON state file; a corrupt file stops the start, untouched.
import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadStateFile, StateFileError } from "../../provider/sandbox/state-file";
import { startTestSandbox } from "./capture-replay";
import { callOpenApi, huaweiCall, huaweiClient, openApiClient, tencentClient } from "./sdk-clients";

describe("sandbox/state-file", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "streamblock-sandbox-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps bans and kicks across a restart, never credentials", async () => {
    const file = path.join(dir, "state.json");
    const first = await startTestSandbox({ stateFile: file });
    await tencentClient(first).request("ForbidLiveStream", { DomainName: "push.example.com", AppName: "live", StreamName: "s1", Reason: "abuse" });
    await callOpenApi(openApiClient(first), "ForbidLiveStream", { DomainName: "push.example.com", AppName: "live", StreamName: "s2", LiveStreamType: "publisher" });
    await huaweiCall(huaweiClient(first), "POST", "block-once", { data: { domain: "push.example.com", app_name: "live", stream_name: "s3" } });
    const secrets = [first.credentials.tencent.secretKey, first.credentials.aliyun.accessKeySecret, first.credentials.huawei.sk, first.credentials.huawei.authToken];
    const before = first.state();
    await first.close();

    const text = readFileSync(file, "utf8");
    for (const secret of secrets) assert.ok(!text.includes(secret));
    const json = JSON.parse(text) as Record<string, unknown>;
    assert.equal(json.format, "streamblock-sandbox-state");
    assert.equal(json.version, 1);
    assert.deepEqual(Object.keys(json).sort(), ["bans", "format", "kicks", "savedAt", "version"]);
    assert.deepEqual(readdirSync(dir), ["state.json"]); // no temp file left behind

    const second = await startTestSandbox({ stateFile: file });
    try {
      assert.deepEqual(second.bans(), before.bans);
      assert.deepEqual(second.kicks(), before.kicks);
      const list = (await callOpenApi(openApiClient(second), "DescribeLiveStreamsBlockList", { DomainName: "push.example.com" })).body;
      assert.deepEqual((list.StreamUrls as { StreamUrl: string[] }).StreamUrl, ["push.example.com/live/s2"]);
      await tencentClient(second).request("ResumeLiveStream", { DomainName: "push.example.com", AppName: "live", StreamName: "s1" });
      await second.flush();
      assert.deepEqual(loadStateFile(file).bans.map((b) => b.stream), ["s2"]);
    } finally {
      await second.close();
    }
  });

  it("starts empty from a missing file and writes it on the first change", async () => {
    const file = path.join(dir, "new.json");
    const sb = await startTestSandbox({ stateFile: file });
    try {
      assert.equal(sb.bans().length, 0);
      sb.putBan({ vendor: "huawei", account: "p", domain: "d", app: "a", stream: "s" }, new Date(Date.now() + 60_000));
      await sb.flush();
      assert.equal(loadStateFile(file).bans.length, 1);
    } finally {
      await sb.close();
    }
  });

  for (const [name, content, reason] of [
    ["not JSON", "{ bans: [", /not valid JSON/],
    ["the wrong format", JSON.stringify({ format: "other", version: 1, bans: [], kicks: [] }), /unexpected content at format/],
    ["a bad ban", JSON.stringify({ format: "streamblock-sandbox-state", version: 1, bans: [{ vendor: "azure" }], kicks: [] }), /at bans\.0\.vendor/],
  ] as const) {
    it(`refuses to start from a file with ${name}, leaving it untouched`, async () => {
      const file = path.join(dir, "state.json");
      writeFileSync(file, content);
      await assert.rejects(startTestSandbox({ stateFile: file, ports: { huawei: 0, tencent: 0, aliyun: 0, admin: 0 } }), (e: unknown) => {
        assert.ok(e instanceof StateFileError);
        assert.ok(e.message.includes(file));
        assert.match(e.message, reason);
        return true;
      });
      assert.equal(readFileSync(file, "utf8"), content);
    });
  }
});
