// The blocklist's vendor accounts: named accounts expand with the account in the name, the default keeps today's names, and every account problem is reported.
import { strict as assert } from "node:assert";
import { formatProblem } from "../../provider/blocklist/blocklist-problem";
import { validateBlocklist } from "../../provider/blocklist/validate-blocklist";
import { ProviderSettings } from "../../provider/resource/provider-settings";

const FILE = "blocklist.yaml";
const NOW = new Date("2026-06-01T00:00:00Z");

const TWO_ACCOUNTS = `vendors:
  tencent:
    domains: [push.t.example.com]
    accounts:
      brand-b: { domains: [push.tb.example.com] }
  aliyun:
    domains: [push.a.example.com]
    accounts:
      brand-b: { domains: [push.ab.example.com] }
  huawei:
    domains: [push.h.example.com]
    region: cn-north-4
    accounts:
      eu: { domains: [push.he.example.com], region: eu-west-101, projectId: 5ec0d000 }
streams:
  - stream: everywhere
  - stream: only-b
    accounts: [brand-b]
  - stream: only-default
    accounts: [default]
    vendors: [tencent]
`;

function problems(text: string, stack?: ProviderSettings): string[] {
  return validateBlocklist(text, FILE, { now: NOW, ...(stack ? { stack } : {}) }).problems.map(formatProblem);
}

describe("blocklist/accounts", () => {
  it("a ban of a named account is named vendor/account/domain/app/stream; the default account's keep today's names", () => {
    const r = validateBlocklist(TWO_ACCOUNTS, FILE, { now: NOW });
    assert.ok(r.ok, r.problems.map(formatProblem).join("\n"));
    assert.deepEqual(
      r.bans.map((b) => b.name).sort(),
      [
        "aliyun/brand-b/push.ab.example.com/live/everywhere",
        "aliyun/brand-b/push.ab.example.com/live/only-b",
        "aliyun/push.a.example.com/live/everywhere",
        "huawei/eu/push.he.example.com/live/everywhere",
        "huawei/push.h.example.com/live/everywhere",
        "tencent/brand-b/push.tb.example.com/live/everywhere",
        "tencent/brand-b/push.tb.example.com/live/only-b",
        "tencent/push.t.example.com/live/everywhere",
        "tencent/push.t.example.com/live/only-default",
      ],
    );
    // The default account's specs carry no account at all: the resource inputs are today's.
    assert.ok(r.bans.filter((b) => !b.name.includes("brand-b") && !b.name.includes("/eu/")).every((b) => !("account" in b)));
    assert.ok(r.bans.filter((b) => b.name.includes("brand-b")).every((b) => b.account === "brand-b"));
  });

  it("reports every account problem at its line: unknown, repeated and default accounts, bad names, a domain under two accounts", () => {
    const text = `vendors:
  tencent:
    domains: [push.t.example.com]
    accounts:
      default: { domains: [push.x.example.com] }
      Brand_B: { domains: [push.y.example.com] }
      brand-c: { domains: [push.t.example.com, push.z.example.com, push.z.example.com] }
streams:
  - stream: a
    accounts: [brand-d, brand-c, brand-c]
  - stream: b
    accounts: [brand-c]
    domains: [push.t.example.com]
`;
    assert.deepEqual(problems(text), [
      'blocklist.yaml:5:7: vendors.tencent.accounts.default: "default" is the account of the vendor\'s own domains: list its domains directly under the vendor, not under accounts',
      'blocklist.yaml:6:7: vendors.tencent.accounts.Brand_B: an account name is lower-case letters, digits and inner hyphens, at most 32 characters, e.g. "brand-b"',
      "blocklist.yaml:7:28: vendors.tencent.accounts.brand-c.domains[0]: push.t.example.com is a push domain of tencent account default already; a push domain belongs to one account: remove it from one of them",
      "blocklist.yaml:7:68: vendors.tencent.accounts.brand-c.domains[2]: push.z.example.com is listed twice (first at line 7); remove one",
      "blocklist.yaml:10:16: streams[0].accounts[0]: brand-d is not an account of tencent; add it under vendors.<vendor>.accounts: or remove it from this entry",
      "blocklist.yaml:10:34: streams[0].accounts[2]: brand-c is listed twice; remove one",
    ]);
  });

  it("pins each Huawei account to its region and project: a stack whose account settings differ is refused, naming the account's keys", () => {
    const config: Record<string, string> = {
      "streamblock:huaweiRegion": "cn-north-4",
      "streamblock:accounts": JSON.stringify({ huawei: { eu: { region: "eu-west-101", projectId: "other" } } }),
    };
    const stack = new ProviderSettings((k) => config[k], {});
    assert.deepEqual(problems(TWO_ACCOUNTS, stack), [
      "blocklist.yaml:14:77: vendors.huawei.accounts.eu.projectId: the file is for Huawei projectId 5ec0d000 but account eu's huaweiProjectId is other (stack config streamblock:accounts.huawei.eu.projectId or HUAWEICLOUD_SDK_PROJECT_ID__EU); nothing was applied",
    ]);
    const fixed = new ProviderSettings((k) => config[k], { HUAWEICLOUD_SDK_PROJECT_ID__EU: "ignored-config-wins" });
    assert.equal(problems(TWO_ACCOUNTS, fixed).length, 1);
    const env = new ProviderSettings((k) => (k === "streamblock:huaweiRegion" ? "cn-north-4" : undefined), {
      HUAWEICLOUD_SDK_REGION__EU: "eu-west-101",
      HUAWEICLOUD_SDK_PROJECT_ID__EU: "5ec0d000",
    });
    assert.deepEqual(problems(TWO_ACCOUNTS, env), []);
  });

  it("pins a Tencent account to its site: unset is mainland; an intl account needs tencentSite intl", () => {
    const text = `vendors:\n  tencent:\n    domains: [t.example.com]\n    site: mainland\n    accounts:\n      intl-b: { domains: [b.example.com], site: intl }\nstreams:\n  - stream: s\n`;
    const unset = new ProviderSettings(() => undefined, {});
    assert.deepEqual(problems(text, unset), [
      "blocklist.yaml:6:49: vendors.tencent.accounts.intl-b.site: the file is for Tencent site intl but account intl-b's tencentSite is mainland (stack config streamblock:accounts.tencent.intl-b.site or STREAMBLOCK_TENCENT_SITE__INTL_B); nothing was applied",
    ]);
    assert.deepEqual(problems(text, new ProviderSettings(() => undefined, { STREAMBLOCK_TENCENT_SITE__INTL_B: "intl" })), []);
  });

  it("pins each Aliyun account to its region: the account's own aliyunRegion, from stack config or ALIBABA_CLOUD_REGION_ID__<ACCOUNT>; none set is refused", () => {
    const text = `vendors:\n  aliyun:\n    domains: [a.example.com]\n    region: cn-shanghai\n    accounts:\n      intl: { domains: [i.example.com], region: ap-southeast-1 }\nstreams:\n  - stream: s\n`;
    const config: Record<string, string> = {
      "streamblock:aliyunRegion": "cn-shanghai",
      "streamblock:accounts": JSON.stringify({ aliyun: { intl: { region: "eu-central-1" } } }),
    };
    assert.deepEqual(problems(text, new ProviderSettings((k) => config[k], {})), [
      "blocklist.yaml:6:49: vendors.aliyun.accounts.intl.region: the file is for Aliyun region ap-southeast-1 but account intl's aliyunRegion is eu-central-1 (stack config streamblock:accounts.aliyun.intl.region or ALIBABA_CLOUD_REGION_ID__INTL); nothing was applied",
    ]);
    // The default account's region is not the named account's: it names none of its own.
    assert.deepEqual(problems(text, new ProviderSettings(() => undefined, { ALIBABA_CLOUD_REGION_ID: "ap-southeast-1" })), [
      "blocklist.yaml:4:13: vendors.aliyun.region: the file is for Aliyun region cn-shanghai but this stack's aliyunRegion is ap-southeast-1 (stack config streamblock:aliyunRegion or ALIBABA_CLOUD_REGION_ID); nothing was applied",
      "blocklist.yaml:6:49: vendors.aliyun.accounts.intl.region: the file is for Aliyun region ap-southeast-1 but account intl's aliyunRegion sets none (stack config streamblock:accounts.aliyun.intl.region or ALIBABA_CLOUD_REGION_ID__INTL); nothing was applied",
    ]);
    const env = new ProviderSettings(() => undefined, { ALIBABA_CLOUD_REGION_ID: "cn-shanghai", ALIBABA_CLOUD_REGION_ID__INTL: "ap-southeast-1" });
    assert.deepEqual(problems(text, env), []);
  });

  it("counts Aliyun's 10,000 bans per account: two accounts hold 6,000 each; one account with 10,001 is refused, naming it", () => {
    const head = (domainsB: string) => `vendors:\n  aliyun:\n    domains: [a.example.com]\n    accounts:\n      brand-b: { domains: [${domainsB}] }\nstreams:\n`;
    const entries = (n: number) => Array.from({ length: n }, (_, i) => `  - stream: s${i}\n`).join("");
    assert.deepEqual(problems(head("b.example.com") + entries(6000)), []);
    assert.deepEqual(problems(head("b.example.com, c.example.com") + entries(5001)), [
      "blocklist.yaml:5:7: vendors.aliyun.accounts.brand-b: the file bans 10,002 streams on aliyun account brand-b; an Aliyun account holds at most 10,000 bans: narrow some entries to other vendors or accounts",
    ]);
  });
});
