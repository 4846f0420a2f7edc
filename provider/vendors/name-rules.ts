// What each vendor accepts as a push domain, app name and stream name: one rule per vendor and field, with its source (NAMING.md).
import type { VendorId } from "./vendor-id";

export type NameField = "domain" | "app" | "stream";

export interface NameRule {
  /** Longest accepted value, in characters (all accepted characters are ASCII, so also bytes). */
  maxLength: number;
  /** One accepted character. */
  char: RegExp;
  /** The whole value must also have this shape (a host name's labels), where there is one. */
  shape?: RegExp;
  /** The accepted characters, as the messages name them. */
  allowed: string;
  /** Where the rule comes from; "UNVERIFIED" marks the parts no vendor document states (our safe reading). */
  source: string;
  /** What the vendor's documents settle: the length cap, and which of the refused characters they refuse. */
  documented: { length: boolean; refuses: "all" | "none" | RegExp };
}

/** Non-ASCII, white space and control characters: what "only English letters, digits and symbols" rules out. */
const NOT_PRINTABLE_ASCII = /[^\x21-\x7e]/;

/** DNS host names: letter-digit-hyphen labels joined by dots, compared case-insensitively (push domains are host names). */
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const HOST_CHAR = /^[A-Za-z0-9.-]$/;
const HOST_TEXT = "a host name: letters, digits and hyphens in dot-separated labels, such as push.example.com";

/**
 * Letters, digits and the symbols RFC 3986 lets stand unescaped in a URL path segment, less `*` (a
 * wildcard to the vendors) and `%` (an escape): the name is a segment of the push URL
 * `rtmp://domain/app/stream`. Space, `/`, `?`, `#`, `%`, `\`, quotes and non-ASCII are refused.
 */
const URL_SAFE = /^[A-Za-z0-9\-._~!$&'()+,;=:@]$/;
const URL_SAFE_TEXT = "ASCII letters, digits and the symbols - . _ ~ ! $ & ' ( ) + , ; = : @";

const HUAWEI_APP = /^[A-Za-z0-9_-]$/;
const HUAWEI_STREAM = /^[A-Za-z0-9_\-/]$/;

const HUAWEI_API = "Huawei Live API reference, ListStreamForbidden / DeleteStreamForbidden (huawei.md §2.2, §2.4)";

export const NAME_RULES: Readonly<Record<VendorId, Readonly<Record<NameField, NameRule>>>> = {
  huawei: {
    domain: {
      maxLength: 253,
      char: HOST_CHAR,
      shape: HOST,
      allowed: HOST_TEXT,
      // The API documents length 1–255; a DNS name is at most 253. The character set is DNS's, not Huawei's text.
      source: `${HUAWEI_API}: domain length 1–255`,
      documented: { length: true, refuses: "all" },
    },
    app: {
      maxLength: 128,
      char: HUAWEI_APP,
      allowed: "ASCII letters, digits, - and _",
      source:
        `${HUAWEI_API}: app_name length 1–128; Huawei Live user guide "Assembling an Ingest URL" ` +
        "(support.huaweicloud.com/iLive-live/live010007.html): AppName takes upper- and lower-case letters, digits, _ and -",
      documented: { length: true, refuses: "all" },
    },
    stream: {
      maxLength: 512,
      char: HUAWEI_STREAM,
      allowed: "ASCII letters, digits, -, _ and /",
      // The FAQ also allows `*`, but a lone `*` is every stream and the API refuses it; StreamBlock refuses `*` everywhere.
      source:
        "Huawei Live FAQ \"Are There Any Requirements for StreamName in an Ingest URL?\" " +
        "(support.huaweicloud.com/intl/en-us/live_faq/live_08_0031.html): 1–512 characters, digits, letters, -, _, * and /, " +
        `no Chinese characters; ${HUAWEI_API}: stream_name length 1–512, not *`,
      documented: { length: true, refuses: "all" },
    },
  },
  tencent: {
    domain: {
      maxLength: 253,
      char: HOST_CHAR,
      shape: HOST,
      allowed: HOST_TEXT,
      source: "UNVERIFIED: Tencent documents DomainName only as the push domain (tencent.md §3.1); we require a DNS host name",
      documented: { length: false, refuses: "none" },
    },
    app: {
      maxLength: 128,
      char: URL_SAFE,
      allowed: URL_SAFE_TEXT,
      source:
        "Tencent CSS console guide \"Address Generator\" (cloud.tencent.com/document/product/267/35257): AppName takes only " +
        "English letters, digits and symbols. Which symbols, and the length cap 128, are UNVERIFIED (our URL-safe reading)",
      documented: { length: false, refuses: NOT_PRINTABLE_ASCII },
    },
    stream: {
      maxLength: 255,
      char: URL_SAFE,
      allowed: URL_SAFE_TEXT,
      source:
        "Tencent CSS console guide \"Address Generator\" (cloud.tencent.com/document/product/267/35257): StreamName takes only " +
        "English letters, digits and symbols, at most 255 characters. Which symbols is UNVERIFIED (our URL-safe reading)",
      documented: { length: true, refuses: NOT_PRINTABLE_ASCII },
    },
  },
  aliyun: {
    domain: {
      maxLength: 253,
      char: HOST_CHAR,
      shape: HOST,
      allowed: HOST_TEXT,
      source: "UNVERIFIED: Aliyun documents DomainName only as the ingest domain (aliyun.md §2.1); we require a DNS host name",
      documented: { length: false, refuses: "none" },
    },
    app: {
      maxLength: 128,
      char: URL_SAFE,
      allowed: URL_SAFE_TEXT,
      source:
        "UNVERIFIED: Aliyun's \"Generate ingest and streaming URLs\" (help.aliyun.com/document_detail/199339.htm) says only " +
        "that AppName is custom; we take URL-safe ASCII and Huawei's documented 128",
      documented: { length: false, refuses: "none" },
    },
    stream: {
      maxLength: 512,
      char: URL_SAFE,
      allowed: URL_SAFE_TEXT,
      source:
        "UNVERIFIED: Aliyun's \"Generate ingest and streaming URLs\" (help.aliyun.com/document_detail/199339.htm) says only " +
        "that StreamName is custom; we take URL-safe ASCII and Huawei's documented 512",
      documented: { length: false, refuses: "none" },
    },
  },
};

const VENDOR_NAMES: Readonly<Record<VendorId, string>> = { huawei: "Huawei", tencent: "Tencent", aliyun: "Aliyun" };

/** Whether `s` is a DNS host name (the shape every vendor's push domain has). */
export function isHostName(s: string): boolean {
  return HOST.test(s);
}

/** Whether every character of `value` is one `vendor` accepts in a `field` name, in the right shape; lengths aside. */
export function acceptsCharacters(vendor: VendorId, field: NameField, value: string): boolean {
  const rule = NAME_RULES[vendor][field];
  for (const ch of value) if (!rule.char.test(ch)) return false;
  return rule.shape === undefined || rule.shape.test(value);
}

/** The longest value any vendor accepts for a field: the vendor-independent cap. */
export function longestAccepted(field: NameField): number {
  return Math.max(...Object.values(NAME_RULES).map((r) => r[field].maxLength));
}

/**
 * Why `value` is not a name `vendor` accepts for `field`, or undefined when it is. The message names the
 * field, the vendor, the rule (UNVERIFIED ones say so) and the fix. Assumes the vendor-independent rules
 * (not empty, no `*`) have run.
 */
export function nameProblem(vendor: VendorId, field: NameField, value: string): string | undefined {
  return namesProblem([vendor], field, value);
}

/**
 * The same for a name sent to several vendors: one message for the vendors that refuse it, grouped by what
 * they refuse (a length, a character), or undefined when every one accepts it.
 */
export function namesProblem(vendors: readonly VendorId[], field: NameField, value: string): string | undefined {
  const byOffence = new Map<string, VendorId[]>();
  const guessed: VendorId[] = [];
  for (const v of vendors) {
    const o = offence(NAME_RULES[v][field], value);
    if (o === undefined) continue;
    byOffence.set(o.text, [...(byOffence.get(o.text) ?? []), v]);
    if (!o.documented) guessed.push(v);
  }
  if (byOffence.size === 0) return undefined;
  const refusing = [...byOffence.values()].flat();
  const said = [...byOffence].map(([o, vs]) => `${o}, which ${join(vs.map((v) => VENDOR_NAMES[v]))} ${vs.length > 1 ? "do" : "does"} not accept`);
  const guess = guessed.length === 0 ? "" : ` (${join(guessed.map((v) => VENDOR_NAMES[v]))}: StreamBlock's safe reading, as the vendor documents no exact rule)`;
  const shown = value.length > 80 ? `${JSON.stringify(value.slice(0, 80))}…` : JSON.stringify(value);
  return `${field} ${shown} ${said.join("; it ")}${guess}. ${rules(refusing, field)}: ${fix(field)}`;
}

/** What in `value` the rule refuses, said after the quoted value ("is 300 characters long"), and whether a vendor document says so. */
function offence(rule: NameRule, value: string): { text: string; documented: boolean } | undefined {
  const { length, refuses } = rule.documented;
  if (value.length > rule.maxLength) return { text: `is ${value.length} characters long`, documented: length };
  for (const ch of value) {
    if (!rule.char.test(ch)) return { text: `has ${describe(ch)}`, documented: refuses === "all" || (refuses !== "none" && refuses.test(ch)) };
  }
  if (rule.shape && !rule.shape.test(value)) return { text: "is not a host name", documented: refuses === "all" };
  return undefined;
}

/** "Huawei takes …, at most 512; Tencent and Aliyun take …, at most 255": each refusing vendor's rule, alike ones joined. */
function rules(vendors: readonly VendorId[], field: NameField): string {
  const byRule = new Map<string, VendorId[]>();
  for (const v of vendors) {
    const r = NAME_RULES[v][field];
    const text = `${r.allowed}, at most ${r.maxLength} characters`;
    byRule.set(text, [...(byRule.get(text) ?? []), v]);
  }
  return [...byRule].map(([text, vs]) => `${join(vs.map((v) => VENDOR_NAMES[v]))} ${vs.length > 1 ? "take" : "takes"} ${text}`).join("; ");
}

function join(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function fix(field: NameField): string {
  return field === "domain" ? "give the push domain's host name, such as push.example.com" : `correct the ${field} name`;
}

function describe(ch: string): string {
  if (ch === " ") return "a space";
  if (/\s/.test(ch) || /[\u0000-\u001f\u007f]/.test(ch)) return `a control or white-space character (U+${codePoint(ch)})`;
  if (ch.codePointAt(0)! > 0x7e) return `the non-ASCII character "${ch}" (U+${codePoint(ch)})`;
  return `the character "${ch}"`;
}

function codePoint(ch: string): string {
  return ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
}
