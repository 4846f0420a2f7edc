// A ban outside the stack's shard is lifted only when the user says so (streamblock:shardHandover): otherwise its delete is refused.
import { strict as assert } from "node:assert";
import { handoverReminder, shardDelete } from "../../provider/resource/shard-handover";

const config = (values: Record<string, string>) => (k: string) => values[k];
const ID = "huawei/h.example.com/live/s";

describe("resource: deleting a ban outside the stack's shard", () => {
  it("no shard, or a ban inside it: lifted as always", () => {
    assert.deepEqual(shardDelete(config({}), {}, ID, "huawei", undefined), { kind: "lift" });
    assert.deepEqual(shardDelete(config({ "streamblock:shard": '["huawei"]' }), {}, ID, "huawei", undefined), { kind: "lift" });
    assert.deepEqual(shardDelete(config({ "streamblock:shard": "tencent,huawei/default" }), {}, ID, "huawei", undefined), { kind: "lift" });
  });

  it("outside the shard: refused, naming the account, the shard and both ways out", () => {
    const r = shardDelete(config({ "streamblock:shard": '["tencent"]' }), {}, ID, "huawei", undefined);
    assert.equal(r.kind, "refuse");
    assert.match(
      (r as { reason: string }).reason,
      /^huawei\/h\.example\.com\/live\/s: not lifted: huawei\/default is outside this stack's streamblock:shard \(tencent\), .* run once with streamblock:shardHandover=release \(pulumi config set streamblock:shardHandover release, or STREAMBLOCK_SHARD_HANDOVER=release\): this stack forgets the ban and it stays in force; =lift lifts it$/,
    );
    const typo = shardDelete(config({ "streamblock:shard": '["tencent"]', "streamblock:shardHandover": "yes" }), {}, ID, "huawei", "eu");
    assert.match((typo as { reason: string }).reason, /huawei\/eu is outside .*\(streamblock:shardHandover is "yes": it takes release or lift\)/);
  });

  it("release leaves it in force and says so; lift lifts it; the variable works as the config does", () => {
    const shard = { "streamblock:shard": '["tencent"]' };
    const released = shardDelete(config({ ...shard, "streamblock:shardHandover": "release" }), {}, ID, "huawei", undefined);
    assert.deepEqual(released, { kind: "release", note: `${ID}: released, left in force: huawei/default is outside this stack's streamblock:shard, the stack whose shard holds it keeps it banned` });
    assert.deepEqual(shardDelete(config({ ...shard, "streamblock:shardHandover": "lift" }), {}, ID, "huawei", undefined), { kind: "lift" });
    assert.equal(shardDelete(config(shard), { STREAMBLOCK_SHARD_HANDOVER: "release" }, ID, "huawei", undefined).kind, "release");
  });

  it("while a handover is set, every run is reminded to remove it", () => {
    assert.equal(handoverReminder(config({}), {}), undefined);
    assert.match(handoverReminder(config({ "streamblock:shardHandover": "release" }), {})!, /^streamblock:shardHandover is release: bans outside this stack's streamblock:shard are released \(left in force, forgotten\) instead of refused; remove the setting once the handover is done \(pulumi config rm streamblock:shardHandover\)$/);
    assert.match(handoverReminder(config({}), { STREAMBLOCK_SHARD_HANDOVER: "lift" })!, /is lift: bans outside .* are lifted instead of refused/);
    assert.equal(handoverReminder(config({ "streamblock:shardHandover": "yes" }), {}), `streamblock:shardHandover is "yes": it takes release or lift; bans outside this stack's streamblock:shard stay refused their lift`);
  });

  it("a malformed shard setting refuses every lift rather than guess", () => {
    const r = shardDelete(config({ "streamblock:shard": '["tencnet"]' }), {}, ID, "tencent", undefined);
    assert.equal(r.kind, "refuse");
    assert.match((r as { reason: string }).reason, /not lifted: this stack: streamblock:shard\[0\]\.vendor: vendor "tencnet"/);
  });
});
