// The blocklist file format: valid files expand as documented, and every invalid case reports its exact problems.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatProblem } from "../../provider/blocklist/blocklist-problem";
import { validateBlocklist } from "../../provider/blocklist/validate-blocklist";
import { FILE, HEAD, INVALID_CASES, NOW } from "./blocklist-cases";

const ROOT = join(__dirname, "../..");

function problems(text: string, opts: Partial<Parameters<typeof validateBlocklist>[2]> = {}): string[] {
  const r = validateBlocklist(text, FILE, { now: NOW, ...opts });
  return r.problems.map(formatProblem);
}

function names(text: string): string[] {
  const r = validateBlocklist(text, FILE, { now: NOW });
  assert.ok(r.ok, r.problems.map(formatProblem).join("\n"));
  return r.bans.map((b) => b.name).sort();
}

describe("blocklist/validate-blocklist", () => {
  describe("invalid files: every problem, at file:line:column, with its exact message", () => {
    for (const [what, text, expected, stack] of INVALID_CASES) {
      it(what, () => {
        assert.deepEqual(problems(text, stack ? { stack } : {}), expected);
        assert.equal(validateBlocklist(text, FILE, { now: NOW, ...(stack ? { stack } : {}) }).ok, false);
      });
    }

    it("Aliyun's 10,000 bans per account, counted after expansion onto every Aliyun domain", () => {
      const head = "vendors:\n  aliyun:\n    domains: [a.example.com, b.example.com]\nstreams:\n";
      const entries = (n: number) => Array.from({ length: n }, (_, i) => `  - stream: s${i}\n`).join("");
      assert.deepEqual(problems(head + entries(5000)), []);
      assert.deepEqual(problems(head + entries(5001)), [
        "blocklist.yaml:2:3: vendors.aliyun: the file bans 10,002 streams on aliyun; an Aliyun account holds at most 10,000 bans: narrow some entries to other vendors or accounts",
      ]);
    });

    it("names the file it was given", () => {
      const r = validateBlocklist("vendors: {}\nstreams: []\n", "teams/ops/blocklist.yaml", { now: NOW });
      assert.equal(formatProblem(r.problems[0]!), "teams/ops/blocklist.yaml:1:10: vendors: vendors must configure at least one vendor");
    });
  });

  describe("valid files", () => {
    it("one entry bans its stream on every configured vendor and domain, named vendor/domain/app/stream", () => {
      assert.deepEqual(names(`${HEAD}  - stream: spam\n`), [
        "aliyun/c.example.com/live/spam",
        "huawei/d.example.com/live/spam",
        "tencent/a.example.com/live/spam",
        "tencent/b.example.com/live/spam",
      ]);
    });

    it("a name only some vendors accept, narrowed to them by vendors: or domains: (NAMING.md)", () => {
      const text = `${HEAD}  - stream: game/room-7\n    domains: [d.example.com]\n  - stream: a+b\n    vendors: [tencent, aliyun]\n`;
      assert.deepEqual(names(text), ["aliyun/c.example.com/live/a+b", "huawei/d.example.com/live/game/room-7", "tencent/a.example.com/live/a+b", "tencent/b.example.com/live/a+b"]);
    });

    it("narrowing by vendors and domains, the app, and domains lower-cased", () => {
      const text = `${HEAD}  - stream: a\n    vendors: [tencent]\n    domains: [B.Example.com]\n  - stream: a\n    app: other\n    domains: [c.example.com, d.example.com]\n`;
      assert.deepEqual(names(text), ["aliyun/c.example.com/other/a", "huawei/d.example.com/other/a", "tencent/b.example.com/live/a"]);
    });

    it("carries resume time and reason to each ban; resume times within every vendor's maximum pass", () => {
      const text = `${HEAD}  - stream: a  # comments are fine\n    resumeTime: 2027-02-01T00:00:00+08:00\n    reason: |\n      ticket TS-1\n      second line\n`;
      const r = validateBlocklist(text, FILE, { now: NOW });
      assert.ok(r.ok);
      assert.equal(r.bans.length, 4);
      for (const b of r.bans) assert.deepEqual([b.resumeTime, b.reason], ["2027-02-01T00:00:00+08:00", "ticket TS-1\nsecond line\n"]);
    });

    it("reordering and regrouping entries yields the same bans", () => {
      const before = `${HEAD}  - stream: a\n  - stream: b\n    vendors: [tencent, aliyun]\n  - stream: c\n    app: x\n`;
      const after = `${HEAD}  - stream: c\n    app: x\n  - stream: b\n    vendors: [aliyun]\n  - stream: a\n    vendors: [huawei, aliyun]\n  - stream: b\n    vendors: [tencent]\n  - stream: a\n    vendors: [tencent]\n    domains: [a.example.com]\n  - stream: a\n    domains: [b.example.com]\n`;
      assert.deepEqual(names(after), names(before));
    });

    it("an empty streams list is valid (it bans nothing)", () => {
      assert.deepEqual(names("vendors:\n  tencent:\n    domains: [a.example.com]\nstreams: []\n"), []);
    });

    it("anchors and aliases resolve", () => {
      assert.deepEqual(names("vendors:\n  tencent:\n    domains: &d [a.example.com]\n  aliyun:\n    domains: *d\nstreams:\n  - stream: a\n"), [
        "aliyun/a.example.com/live/a",
        "tencent/a.example.com/live/a",
      ]);
    });

    it("a Huawei region and project matching the stack's settings pass", () => {
      const text = "vendors:\n  huawei:\n    domains: [d.example.com]\n    region: cn-north-4\n    projectId: 77b6a44cba5143ab91d13ab9a8ff44fd\nstreams: []\n";
      const stack = { get: (n: string) => (n === "huaweiRegion" ? "cn-north-4" : "77b6a44cba5143ab91d13ab9a8ff44fd") };
      assert.deepEqual(problems(text, { stack }), []);
    });

    it("an Aliyun region matching the stack's aliyunRegion passes, per account too; a file without one checks no Aliyun region", () => {
      const text = "vendors:\n  aliyun:\n    domains: [c.example.com]\n    region: cn-shanghai\n    accounts:\n      intl: { domains: [i.example.com], region: ap-southeast-1 }\nstreams: []\n";
      const regions: Record<string, string> = { default: "cn-shanghai", intl: "ap-southeast-1" };
      const scoped = (account: string) => ({ get: (n: string) => (n === "aliyunRegion" ? regions[account] : undefined) });
      assert.deepEqual(problems(text, { stack: { ...scoped("default"), forAccount: scoped } }), []);
      assert.deepEqual(problems("vendors:\n  aliyun:\n    domains: [c.example.com]\nstreams: []\n", { stack: scoped("default") }), []);
    });

    it("the repository's blocklist.yaml and examples/multi-vendor/blocklist.yaml are valid today", () => {
      for (const file of ["blocklist.yaml", "examples/multi-vendor/blocklist.yaml"]) {
        const r = validateBlocklist(readFileSync(join(ROOT, file), "utf8"), file, { now: new Date() });
        assert.deepEqual(r.problems.map(formatProblem), [], file);
        assert.ok(r.ok && r.bans.length > 0, file);
      }
    });
  });
});
