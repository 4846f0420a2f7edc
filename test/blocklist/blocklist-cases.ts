// Every problem a blocklist file can have, with its exact report (file:line:column: key: message): the catalogue the tests check.
import type { StackSettings } from "../../provider/blocklist/validate-blocklist";

export const NOW = new Date("2026-11-21T00:00:00Z");
export const FILE = "blocklist.yaml";

/** A valid head: three vendors, two Tencent domains. Stream entries follow from line 9. */
export const HEAD = `vendors:
  tencent:
    domains: [a.example.com, b.example.com]
  aliyun:
    domains: [c.example.com]
  huawei:
    domains: [d.example.com]
streams:
`;

/** The Huawei and Aliyun settings of the stack the "another stack" cases are applied to. */
const OTHER_STACK = { get: (name: string) => (name === "huaweiRegion" ? "ap-southeast-3" : name === "aliyunRegion" ? "cn-shanghai" : undefined) };
/** A stack that names no Aliyun region. */
const NO_ALIYUN_REGION = { get: () => undefined };

/** [what, file text, the exact problems in order, the stack it is applied to (else none is checked)]. */
export const INVALID_CASES: [string, string, string[], StackSettings?][] = [
  ["an empty file", "", ["blocklist.yaml:1:1: the file is empty; a blocklist needs vendors: and streams:"]],
  ["a file of comments only", "# nothing yet\n", ["blocklist.yaml:1:1: the file is empty; a blocklist needs vendors: and streams:"]],
  [
    "a YAML syntax error",
    "vendors:\n  tencent:\n    domains: [a.example.com\nstreams: []\n",
    ["blocklist.yaml:4:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"],
  ],
  [
    "a key written twice in one mapping",
    "vendors:\n  tencent:\n    domains: [a.example.com]\n  tencent:\n    domains: [b.example.com]\nstreams: []\n",
    ["blocklist.yaml:4:3: YAML: this key appears twice in the same mapping; keep one"],
  ],
  [
    "two YAML documents",
    "vendors:\n  tencent:\n    domains: [a.example.com]\n---\nstreams: []\n",
    ["blocklist.yaml:4:1: YAML: a blocklist file holds one YAML document; remove the second ---"],
  ],
  ["an alias without its anchor", `${HEAD}  - *spam\n`, ["blocklist.yaml:9:5: YAML: unknown alias *spam; define the anchor &spam before using it"]],
  ["a list at the top", "- stream: x\n", ["blocklist.yaml:1:1: a blocklist must be a mapping with vendors: and streams:"]],
  ["no vendors", "streams:\n  - stream: x\n", ["blocklist.yaml:1:1: vendors: vendors is required"]],
  ["vendors without a vendor", "vendors: {}\nstreams: []\n", ["blocklist.yaml:1:10: vendors: vendors must configure at least one vendor"]],
  [
    "an unknown vendor",
    "vendors:\n  tencent:\n    domains: [a.example.com]\n  aws:\n    domains: [x.example.com]\nstreams: []\n",
    ['blocklist.yaml:4:3: vendors.aws: unknown key "aws"; vendors takes huawei, tencent, aliyun'],
  ],
  [
    "an unknown top-level key, with a suggestion",
    "vendors:\n  tencent:\n    domains: [a.example.com]\nstream:\n  - stream: x\n",
    [
      "blocklist.yaml:1:1: streams: streams is required: list the banned streams, or write streams: [] to lift every ban",
      'blocklist.yaml:4:1: stream: unknown key "stream" (did you mean "streams"?); the file takes vendors, streams',
    ],
  ],
  [
    "a vendor section that is not a mapping",
    "vendors:\n  tencent: [a.example.com]\nstreams: []\n",
    ["blocklist.yaml:2:12: vendors.tencent: a vendor section must be a mapping with domains:"],
  ],
  ["a vendor without domains", "vendors:\n  tencent: {}\nstreams: []\n", ["blocklist.yaml:2:12: vendors.tencent.domains: domains is required"]],
  ["an empty domain list", "vendors:\n  tencent:\n    domains: []\nstreams: []\n", ["blocklist.yaml:3:14: vendors.tencent.domains: domains must list at least one push domain"]],
  [
    "domains that are not a list",
    "vendors:\n  tencent:\n    domains: a.example.com\nstreams: []\n",
    ["blocklist.yaml:3:14: vendors.tencent.domains: domains must be a list of push domains"],
  ],
  [
    "a domain that is not a host name",
    "vendors:\n  tencent:\n    domains: [a.example.com, not a domain]\nstreams: []\n",
    ["blocklist.yaml:3:30: vendors.tencent.domains[1]: domain must be a push domain name such as push.example.com"],
  ],
  [
    "a domain listed twice (domains are case-insensitive)",
    "vendors:\n  tencent:\n    domains:\n      - a.example.com\n      - A.Example.com\nstreams: []\n",
    ["blocklist.yaml:5:9: vendors.tencent.domains[1]: A.Example.com is listed twice (first at line 4); remove one"],
  ],
  [
    "a Huawei region and project id of the wrong shape",
    "vendors:\n  huawei:\n    domains: [d.example.com]\n    region: North China\n    projectId: 5a0d-b0c0\nstreams: []\n",
    [
      "blocklist.yaml:4:13: vendors.huawei.region: region must be a Huawei region such as cn-north-4",
      "blocklist.yaml:5:16: vendors.huawei.projectId: projectId must be a Huawei project id such as 77b6a44cba5143ab91d13ab9a8ff44fd",
    ],
  ],
  [
    "an Aliyun region of the wrong shape, in the section and in an account",
    "vendors:\n  aliyun:\n    domains: [c.example.com]\n    region: Shanghai\n    accounts:\n      intl: { domains: [i.example.com], region: 7 }\nstreams: []\n",
    [
      "blocklist.yaml:4:13: vendors.aliyun.region: region must be an Aliyun region id such as cn-shanghai or ap-southeast-1",
      'blocklist.yaml:6:49: vendors.aliyun.accounts.intl.region: region must be a string such as cn-shanghai; YAML reads 7 as a number: quote it ("7")',
    ],
  ],
  [
    "a project id on Aliyun (only Huawei has projects)",
    "vendors:\n  aliyun:\n    domains: [c.example.com]\n    projectId: abc\nstreams: []\n",
    ['blocklist.yaml:4:5: vendors.aliyun.projectId: unknown key "projectId"; vendors.aliyun takes domains, region, accounts'],
  ],
  [
    "an unknown key in a vendor section",
    "vendors:\n  tencent:\n    domains: [a.example.com]\n    region: ap-guangzhou\nstreams: []\n",
    ['blocklist.yaml:4:5: vendors.tencent.region: unknown key "region"; vendors.tencent takes domains, site, accounts'],
  ],
  ["streams that are not a list", `${HEAD.replace("streams:\n", "streams:\n  stream: x\n")}`, ["blocklist.yaml:9:3: streams: streams must be a list of entries, each with at least stream:"]],
  ["an entry that is not a mapping", `${HEAD}  - spam-bot\n`, ["blocklist.yaml:9:5: streams[0]: each streams entry must be a mapping with at least stream:"]],
  ["an entry without a stream", `${HEAD}  - app: live\n    reason: x\n`, ["blocklist.yaml:9:5: streams[0].stream: stream is required"]],
  ["a stream key without a value", `${HEAD}  - stream:\n    reason: x\n`, ["blocklist.yaml:9:5: streams[0].stream: stream has no value; stream must be a string"]],
  [
    "a stream name YAML reads as a number",
    `${HEAD}  - stream: 0123\n`,
    ['blocklist.yaml:9:13: streams[0].stream: stream must be a string; YAML reads 0123 as a number: quote it ("0123")'],
  ],
  [
    "a stream name YAML reads as a boolean",
    `${HEAD}  - stream: yes-man\n  - stream: true\n`,
    ['blocklist.yaml:10:13: streams[1].stream: stream must be a string; YAML reads true as a boolean: quote it ("true")'],
  ],
  ["an empty stream name", `${HEAD}  - stream: ""\n`, ["blocklist.yaml:9:13: streams[0].stream: stream must not be empty"]],
  ["a stream name with spaces around it", `${HEAD}  - stream: " x"\n`, ["blocklist.yaml:9:13: streams[0].stream: stream must not start or end with spaces"]],
  [
    "a wildcard stream",
    `${HEAD}  - stream: "spam*"\n`,
    ['blocklist.yaml:9:13: streams[0].stream: stream must not contain "*": wildcards would ban or resume every matching stream'],
  ],
  [
    "an over-long stream name",
    `${HEAD}  - stream: ${"x".repeat(513)}\n`,
    ["blocklist.yaml:9:13: streams[0].stream: stream is 513 characters; the vendors accept at most 512"],
  ],
  [
    "an app with a slash or a wildcard",
    `${HEAD}  - stream: a\n    app: live/x\n  - stream: b\n    app: "*"\n`,
    [
      'blocklist.yaml:10:10: streams[0].app: app must not contain "/" (vendors print bans as domain/app/stream)',
      'blocklist.yaml:12:10: streams[1].app: app must not contain "*": wildcards would ban or resume every matching stream',
    ],
  ],
  [
    "a resume time without a zone",
    `${HEAD}  - stream: a\n    resumeTime: 2026-12-01 00:00:00\n`,
    ["blocklist.yaml:10:17: streams[0].resumeTime: resumeTime must be an absolute time with a zone, such as 2030-01-01T00:00:00Z"],
  ],
  [
    "a resume time beyond Tencent's and Huawei's 90 days, within Aliyun's 180",
    `${HEAD}  - stream: a\n    resumeTime: 2027-03-01T08:00:00+08:00\n`,
    [
      "blocklist.yaml:10:17: streams[0].resumeTime: resumeTime 2027-03-01T00:00:00Z is more than 90 days ahead, huawei's maximum; omit it for a ban that StreamBlock keeps renewed",
      "blocklist.yaml:10:17: streams[0].resumeTime: resumeTime 2027-03-01T00:00:00Z is more than 90 days ahead, tencent's maximum; omit it for a ban that StreamBlock keeps renewed",
    ],
  ],
  [
    "a resume time beyond Aliyun's 180 days",
    `${HEAD}  - stream: a\n    vendors: [aliyun]\n    resumeTime: 2027-06-01T00:00:00Z\n`,
    ["blocklist.yaml:11:17: streams[0].resumeTime: resumeTime 2027-06-01T00:00:00Z is more than 180 days ahead, aliyun's maximum; omit it for a ban that StreamBlock keeps renewed"],
  ],
  [
    "a stream name no vendor accepts (CJK and a space)",
    `${HEAD}  - stream: "违规 直播"\n`,
    ["blocklist.yaml:9:13: streams[0].stream: stream \"违规 直播\" has the non-ASCII character \"违\" (U+8FDD), which Huawei, Tencent and Aliyun do not accept (Aliyun: StreamBlock's safe reading, as the vendor documents no exact rule). Huawei takes ASCII letters, digits, -, _ and /, at most 512 characters; Tencent takes ASCII letters, digits and the symbols - . _ ~ ! $ & ' ( ) + , ; = : @, at most 255 characters; Aliyun takes ASCII letters, digits and the symbols - . _ ~ ! $ & ' ( ) + , ; = : @, at most 512 characters: correct the stream name"],
  ],
  [
    "a stream name only Huawei accepts, sent to every vendor",
    `${HEAD}  - stream: game/room-7\n`,
    ["blocklist.yaml:9:13: streams[0].stream: stream \"game/room-7\" has the character \"/\", which Tencent and Aliyun do not accept (Tencent and Aliyun: StreamBlock's safe reading, as the vendor documents no exact rule). Tencent takes ASCII letters, digits and the symbols - . _ ~ ! $ & ' ( ) + , ; = : @, at most 255 characters; Aliyun takes ASCII letters, digits and the symbols - . _ ~ ! $ & ' ( ) + , ; = : @, at most 512 characters: correct the stream name, or narrow the entry with vendors: [huawei]"],
  ],
  [
    "an app name Huawei refuses",
    `${HEAD}  - stream: a\n    app: live.hd\n`,
    ["blocklist.yaml:10:10: streams[0].app: app \"live.hd\" has the character \".\", which Huawei does not accept. Huawei takes ASCII letters, digits, - and _, at most 128 characters: correct the app name, or narrow the entry with vendors: [tencent, aliyun]"],
  ],
  [
    "a reason over 2048 bytes",
    `${HEAD}  - stream: a\n    reason: ${"违".repeat(683)}\n`,
    ["blocklist.yaml:10:13: streams[0].reason: reason must be at most 2048 bytes of UTF-8"],
  ],
  [
    "a reason YAML reads as a number",
    `${HEAD}  - stream: a\n    reason: 1044\n`,
    ['blocklist.yaml:10:13: streams[0].reason: reason must be a string; YAML reads 1044 as a number: quote it ("1044")'],
  ],
  [
    "an unknown key in an entry, with a suggestion",
    `${HEAD}  - stream: a\n    resume_time: 2026-12-01T00:00:00Z\n    comment: x\n`,
    [
      'blocklist.yaml:10:5: streams[0].resume_time: unknown key "resume_time" (did you mean "resumeTime"?); a streams entry takes stream, app, resumeTime, reason, vendors, accounts, domains',
      'blocklist.yaml:11:5: streams[0].comment: unknown key "comment"; a streams entry takes stream, app, resumeTime, reason, vendors, accounts, domains',
    ],
  ],
  [
    "narrowing to a vendor that does not exist",
    `${HEAD}  - stream: a\n    vendors: [tencent, aws]\n`,
    ["blocklist.yaml:10:24: streams[0].vendors[1]: vendor must be one of huawei, tencent, aliyun"],
  ],
  [
    "narrowing to a vendor that is not configured",
    "vendors:\n  tencent:\n    domains: [a.example.com]\nstreams:\n  - stream: a\n    vendors: [huawei]\n",
    ["blocklist.yaml:6:15: streams[0].vendors[0]: huawei is not configured; add it under vendors: or remove it from this entry"],
  ],
  [
    "narrowing to a vendor twice",
    `${HEAD}  - stream: a\n    vendors: [aliyun, aliyun]\n`,
    ["blocklist.yaml:10:23: streams[0].vendors[1]: aliyun is listed twice (first at line 10); remove one"],
  ],
  [
    "narrowing to no vendor",
    `${HEAD}  - stream: a\n    vendors: []\n`,
    ["blocklist.yaml:10:14: streams[0].vendors: vendors must name at least one vendor; omit it to ban on every configured vendor"],
  ],
  [
    "narrowing to a domain no vendor of the entry has",
    `${HEAD}  - stream: a\n    domains: [x.example.com]\n  - stream: b\n    vendors: [aliyun]\n    domains: [a.example.com]\n`,
    [
      "blocklist.yaml:10:15: streams[0].domains[0]: x.example.com is not a push domain of huawei or tencent or aliyun; list it under vendors: or remove it from this entry",
      "blocklist.yaml:13:15: streams[1].domains[0]: a.example.com is not a push domain of aliyun; list it under vendors: or remove it from this entry",
    ],
  ],
  [
    "narrowing to a domain twice",
    `${HEAD}  - stream: a\n    domains: [a.example.com, A.EXAMPLE.COM]\n`,
    ["blocklist.yaml:10:30: streams[0].domains[1]: A.EXAMPLE.COM is listed twice (first at line 10); remove one"],
  ],
  [
    "narrowing to no domain",
    `${HEAD}  - stream: a\n    domains: []\n`,
    ["blocklist.yaml:10:14: streams[0].domains: domains must name at least one push domain; omit it to ban on every configured domain"],
  ],
  [
    "the same stream twice",
    `${HEAD}  - stream: a\n    reason: first\n  - stream: b\n  - stream: a\n    reason: again\n`,
    [
      "blocklist.yaml:12:5: streams[2]: stream a (app live) is banned twice: streams[0] (line 9) already bans it on huawei/d.example.com, tencent/a.example.com, tencent/b.example.com, aliyun/c.example.com; remove one entry or narrow it with vendors: or domains:",
    ],
  ],
  [
    "the same stream twice where narrowings overlap, with the default app written out",
    `${HEAD}  - stream: a\n    vendors: [tencent]\n  - stream: a\n    app: live\n    domains: [B.example.com, c.example.com]\n`,
    [
      "blocklist.yaml:11:5: streams[1]: stream a (app live) is banned twice: streams[0] (line 9) already bans it on tencent/b.example.com; remove one entry or narrow it with vendors: or domains:",
    ],
  ],
  [
    "the Huawei region or project of another stack",
    "vendors:\n  huawei:\n    domains: [d.example.com]\n    region: cn-north-4\n    projectId: 77b6a44cba5143ab91d13ab9a8ff44fd\nstreams: []\n",
    [
      "blocklist.yaml:4:13: vendors.huawei.region: the file is for Huawei region cn-north-4 but this stack's huaweiRegion is ap-southeast-3 (stack config streamblock:huaweiRegion or HUAWEICLOUD_SDK_REGION or HUAWEICLOUD_REGION); nothing was applied",
      "blocklist.yaml:5:16: vendors.huawei.projectId: the file is for Huawei projectId 77b6a44cba5143ab91d13ab9a8ff44fd but this stack's huaweiProjectId sets none (stack config streamblock:huaweiProjectId or HUAWEICLOUD_SDK_PROJECT_ID); nothing was applied",
    ],
    OTHER_STACK,
  ],
  [
    "the Aliyun region of another stack, and of a named account the stack gives no region",
    "vendors:\n  aliyun:\n    domains: [c.example.com]\n    region: ap-southeast-1\n    accounts:\n      mainland: { domains: [m.example.com], region: cn-shanghai }\nstreams: []\n",
    [
      "blocklist.yaml:4:13: vendors.aliyun.region: the file is for Aliyun region ap-southeast-1 but this stack's aliyunRegion is cn-shanghai (stack config streamblock:aliyunRegion or ALIBABA_CLOUD_REGION_ID); nothing was applied",
      "blocklist.yaml:6:53: vendors.aliyun.accounts.mainland.region: the file is for Aliyun region cn-shanghai but account mainland's aliyunRegion sets none (stack config streamblock:accounts.aliyun.mainland.region or ALIBABA_CLOUD_REGION_ID__MAINLAND); nothing was applied",
    ],
    OTHER_STACK,
  ],
  [
    "an Aliyun region pinned on a stack that names none (the file's region is not taken as the setting)",
    "vendors:\n  aliyun:\n    domains: [c.example.com]\n    region: cn-shanghai\nstreams: []\n",
    [
      "blocklist.yaml:4:13: vendors.aliyun.region: the file is for Aliyun region cn-shanghai but this stack's aliyunRegion sets none (stack config streamblock:aliyunRegion or ALIBABA_CLOUD_REGION_ID); nothing was applied",
    ],
    NO_ALIYUN_REGION,
  ],
  [
    "many problems at once: schema problems hide none of the others, not even in the same entry",
    `${HEAD}  - stream: a
  - stream: "*"
    resumeTime: 2027-03-01T00:00:00Z
    domains: [z.example.com]
  - stream: a
    vendors: [tencent]
  - stream: b
    resumeTime: 2027-06-01T00:00:00Z
    vendors: [aliyun]
  - stream: c
    domains: [z.example.com]
    resons: typo
  - stream: d
    app: 12
    vendors: [tencent, aws]
    domains: [c.example.com]
`,
    [
      'blocklist.yaml:10:13: streams[1].stream: stream must not contain "*": wildcards would ban or resume every matching stream',
      "blocklist.yaml:11:17: streams[1].resumeTime: resumeTime 2027-03-01T00:00:00Z is more than 90 days ahead, huawei's maximum; omit it for a ban that StreamBlock keeps renewed",
      "blocklist.yaml:11:17: streams[1].resumeTime: resumeTime 2027-03-01T00:00:00Z is more than 90 days ahead, tencent's maximum; omit it for a ban that StreamBlock keeps renewed",
      "blocklist.yaml:12:15: streams[1].domains[0]: z.example.com is not a push domain of huawei or tencent or aliyun; list it under vendors: or remove it from this entry",
      "blocklist.yaml:13:5: streams[2]: stream a (app live) is banned twice: streams[0] (line 9) already bans it on tencent/a.example.com, tencent/b.example.com; remove one entry or narrow it with vendors: or domains:",
      "blocklist.yaml:16:17: streams[3].resumeTime: resumeTime 2027-06-01T00:00:00Z is more than 180 days ahead, aliyun's maximum; omit it for a ban that StreamBlock keeps renewed",
      "blocklist.yaml:19:15: streams[4].domains[0]: z.example.com is not a push domain of huawei or tencent or aliyun; list it under vendors: or remove it from this entry",
      'blocklist.yaml:20:5: streams[4].resons: unknown key "resons" (did you mean "reason"?); a streams entry takes stream, app, resumeTime, reason, vendors, accounts, domains',
      'blocklist.yaml:22:10: streams[5].app: app must be a string; YAML reads 12 as a number: quote it ("12")',
      "blocklist.yaml:23:24: streams[5].vendors[1]: vendor must be one of huawei, tencent, aliyun",
    ],
  ],
];
