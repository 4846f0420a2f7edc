// Every check() failure StreamBlock reports, with its exact message: shared by the unit and provider tests.
export const CHECK_NOW = new Date("2026-11-21T00:00:00Z");
export const VALID_INPUTS = { vendor: "tencent", domain: "Push.Example.com", stream: "s1" };
const ok = VALID_INPUTS;

export const CHECK_FAILURE_CASES: [string, Record<string, unknown>, string][] = [
  ["unknown vendor", { ...ok, vendor: "aws" }, "vendor: vendor must be one of huawei, tencent, aliyun"],
  ["missing vendor", { domain: "a.com", stream: "s" }, "vendor: vendor is required: one of huawei, tencent, aliyun"],
  ["missing stream", { vendor: "huawei", domain: "a.com" }, "stream: stream is required"],
  ["non-string stream", { ...ok, stream: 123 }, "stream: stream must be a string"],
  ["non-string resume time", { ...ok, resumeTime: 1767225600 }, "resumeTime: resumeTime must be a string such as 2030-01-01T00:00:00Z"],
  ["empty stream", { ...ok, stream: "" }, "stream: stream must not be empty"],
  ["wildcard stream", { ...ok, stream: "*" }, 'stream: stream must not contain "*": wildcards would ban or resume every matching stream'],
  ["wildcard app", { ...ok, app: "*" }, 'app: app must not contain "*": wildcards would ban or resume every matching stream'],
  ["over-long stream", { ...ok, stream: "x".repeat(513) }, "stream: stream is 513 characters; the vendors accept at most 512"],
  ["slash in app", { ...ok, app: "a/b" }, 'app: app must not contain "/" (vendors print bans as domain/app/stream)'],
  ["bad domain", { ...ok, domain: "not a domain" }, "domain: domain must be a push domain name such as push.example.com"],
  ["resume time without zone", { ...ok, resumeTime: "2026-12-01 00:00:00" }, "resumeTime: resumeTime must be an absolute time with a zone, such as 2030-01-01T00:00:00Z"],
  ["resume time in the past", { ...ok, resumeTime: "2026-11-20T00:00:00Z" }, "resumeTime: resumeTime 2026-11-20T00:00:00Z is in the past; pick a future time, or omit it for a ban that StreamBlock keeps renewed"],
  ["resume time beyond 90 days", { ...ok, resumeTime: "2027-03-01T00:00:00Z" }, "resumeTime: resumeTime 2027-03-01T00:00:00Z is more than 90 days ahead, tencent's maximum; omit it for a ban that StreamBlock keeps renewed"],
  ["reason over 2048 bytes", { ...ok, reason: "违".repeat(683) }, "reason: reason must be at most 2048 bytes of UTF-8"],
  // The vendor's own name rules (NAMING.md): one failure naming the field, the vendor, the rule and the fix.
  ["CJK stream on Tencent", { ...ok, stream: "直播" }, "stream: stream \"直播\" has the non-ASCII character \"直\" (U+76F4), which Tencent does not accept. Tencent takes ASCII letters, digits and the symbols - . _ ~ ! $ & ' ( ) + , ; = : @, at most 255 characters: correct the stream name"],
  ["space in a stream", { ...ok, stream: "a b" }, "stream: stream \"a b\" has a space, which Tencent does not accept. Tencent takes ASCII letters, digits and the symbols - . _ ~ ! $ & ' ( ) + , ; = : @, at most 255 characters: correct the stream name"],
  ["percent escape in a stream", { ...ok, stream: "a%20b" }, "stream: stream \"a%20b\" has the character \"%\", which Tencent does not accept (Tencent: StreamBlock's safe reading, as the vendor documents no exact rule). Tencent takes ASCII letters, digits and the symbols - . _ ~ ! $ & ' ( ) + , ; = : @, at most 255 characters: correct the stream name"],
  ["slash in a Tencent stream", { ...ok, stream: "game/room-7" }, "stream: stream \"game/room-7\" has the character \"/\", which Tencent does not accept (Tencent: StreamBlock's safe reading, as the vendor documents no exact rule). Tencent takes ASCII letters, digits and the symbols - . _ ~ ! $ & ' ( ) + , ; = : @, at most 255 characters: correct the stream name"],
  ["stream over Tencent's 255", { ...ok, stream: "x".repeat(256) }, "stream: stream \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"… is 256 characters long, which Tencent does not accept. Tencent takes ASCII letters, digits and the symbols - . _ ~ ! $ & ' ( ) + , ; = : @, at most 255 characters: correct the stream name"],
  ["plus in a Huawei stream", { ...ok, vendor: "huawei", stream: "a+b" }, "stream: stream \"a+b\" has the character \"+\", which Huawei does not accept. Huawei takes ASCII letters, digits, -, _ and /, at most 512 characters: correct the stream name"],
  ["dot in a Huawei app", { ...ok, vendor: "huawei", app: "a.b" }, "app: app \"a.b\" has the character \".\", which Huawei does not accept. Huawei takes ASCII letters, digits, - and _, at most 128 characters: correct the app name"],
  ["CJK stream on Aliyun (UNVERIFIED rule)", { ...ok, vendor: "aliyun", stream: "违规直播" }, "stream: stream \"违规直播\" has the non-ASCII character \"违\" (U+8FDD), which Aliyun does not accept (Aliyun: StreamBlock's safe reading, as the vendor documents no exact rule). Aliyun takes ASCII letters, digits and the symbols - . _ ~ ! $ & ' ( ) + , ; = : @, at most 512 characters: correct the stream name"],
  ["unknown property", { ...ok, secretKey: "x" }, 'secretKey: unknown property "secretKey"; StreamBlock takes vendor, account, domain, app, stream, resumeTime and reason'],
];
