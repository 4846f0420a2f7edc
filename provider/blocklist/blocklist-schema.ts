// The blocklist file's schema (zod): per vendor the push domains, and the banned streams. Source of the JSON Schema.
import { z } from "zod";
import { STREAM_BLOCK_FIELD_RULES as FIELD } from "../resource/stream-block-inputs";
import { VENDOR_IDS } from "../vendors/vendor-id";
import { ACCOUNT_NAME, ACCOUNT_NAME_RULE, DEFAULT_ACCOUNT } from "../resource/vendor-account";
import { ALIYUN_REGION_ID, ALIYUN_REGION_RULE } from "../vendors/aliyun/aliyun-region";

// The field rules and messages are StreamBlock's own, so the file and the resource never disagree.
const Domain = FIELD.domain.meta({ description: "A push domain, e.g. push.example.com (case-insensitive).", examples: ["push.example.com"] });

const Domains = z
  .array(Domain, { error: "domains must be a list of push domains" })
  .min(1, "domains must list at least one push domain")
  .meta({ description: "The push domains every entry applies to on this vendor (unless an entry narrows it)." });

const VendorName = z.enum(VENDOR_IDS, { error: `vendor must be one of ${VENDOR_IDS.join(", ")}` });

const AccountRef = z
  .string({ error: "an account name must be a string" })
  .regex(ACCOUNT_NAME, ACCOUNT_NAME_RULE)
  .meta({ description: `A vendor account name ("${DEFAULT_ACCOUNT}": the vendor's own domains).`, examples: ["brand-b"] });

const AccountName = z
  .string({ error: "an account name must be a string" })
  .regex(ACCOUNT_NAME, ACCOUNT_NAME_RULE)
  .refine((n) => n !== DEFAULT_ACCOUNT, `"${DEFAULT_ACCOUNT}" is the account of the vendor's own domains: list its domains directly under the vendor, not under accounts`)
  .meta({ description: "A vendor account name: lower-case letters, digits and inner hyphens.", examples: ["brand-b"] });

const HuaweiPins = {
  region: z
    .string({ error: "region must be a string such as cn-north-4" })
    .regex(/^[a-z]+(-[a-z]+)+-\d+$/, "region must be a Huawei region such as cn-north-4")
    .optional()
    .meta({
      description:
        "The Huawei region these domains live in. The account's huaweiRegion setting must be the same; the program refuses to apply the file otherwise.",
      examples: ["cn-north-4"],
    }),
  projectId: z
    .string({ error: "projectId must be a string" })
    .regex(/^[A-Za-z0-9]+$/, "projectId must be a Huawei project id such as 77b6a44cba5143ab91d13ab9a8ff44fd")
    .optional()
    .meta({
      description: "The Huawei project id. The account's huaweiProjectId setting must be the same; the program refuses to apply the file otherwise.",
    }),
};

const TencentPins = {
  site: z
    .enum(["mainland", "intl"], { error: 'site must be "mainland" or "intl"' })
    .optional()
    .meta({
      description: "The Tencent site of the account: mainland (live.tencentcloudapi.com) or intl. The account's tencentSite setting (default mainland) must be the same; the program refuses to apply the file otherwise.",
    }),
};

const AliyunPins = {
  region: z
    .string({ error: "region must be a string such as cn-shanghai" })
    .regex(ALIYUN_REGION_ID, `region must be ${ALIYUN_REGION_RULE}`)
    .optional()
    .meta({
      description:
        "The Aliyun region of the account (sent as RegionId). The account's aliyunRegion setting must be the same; the program refuses to apply the file otherwise.",
      examples: ["cn-shanghai", "ap-southeast-1"],
    }),
};

/** One named account of a vendor: its push domains (for Huawei its region and project, for Aliyun its region, for Tencent its site). */
export const AliyunAccountSection = z.object({ domains: Domains, ...AliyunPins }, { error: "an account must be a mapping with domains:" }).strict();
export const TencentAccountSection = z.object({ domains: Domains, ...TencentPins }, { error: "an account must be a mapping with domains:" }).strict();
export const HuaweiAccountSection = z.object({ domains: Domains, ...HuaweiPins }, { error: "an account must be a mapping with domains:" }).strict();

/** Named accounts besides the default one (the section's own domains); `default` itself is not listed here. */
function accounts<T extends z.ZodType>(section: T) {
  return z
    .record(AccountName, section, {
      error: (issue) =>
        issue.code === "invalid_key"
          ? ((issue as { issues?: { message: string }[] }).issues?.[0]?.message ?? ACCOUNT_NAME_RULE)
          : "accounts must be a mapping of account names to their domains",
    })
    .optional()
    .meta({
      description:
        "More accounts of this vendor, each with its own domains and credentials (streamblock:accounts.<vendor>.<account>.* or the __<ACCOUNT> environment variables). The vendor's own domains are the default account.",
    });
}

export const TencentSection = z
  .object({ domains: Domains, ...TencentPins, accounts: accounts(TencentAccountSection) }, { error: "a vendor section must be a mapping with domains:" })
  .strict();

export const AliyunSection = z
  .object({ domains: Domains, ...AliyunPins, accounts: accounts(AliyunAccountSection) }, { error: "a vendor section must be a mapping with domains:" })
  .strict();

export const HuaweiSection = z
  .object({ domains: Domains, ...HuaweiPins, accounts: accounts(HuaweiAccountSection) }, { error: "a vendor section must be a mapping with domains:" })
  .strict();

export const StreamEntry = z
  .object(
    {
      stream: FIELD.stream.meta({ description: "The stream name, exactly as pushed (no wildcards)." }),
      app: FIELD.app.meta({ description: 'The app (push path). Default "live".', default: "live" }),
      resumeTime: FIELD.resumeTime.meta({
        description:
          "When the ban lifts: an absolute time with a zone, at most 90 days ahead (180 on Aliyun). Omitted: banned for as long as listed (StreamBlock renews it).",
        examples: ["2030-01-01T00:00:00Z"],
      }),
      reason: FIELD.reason.meta({ description: "Why; sent to Tencent, kept in state everywhere. At most 2048 bytes." }),
      vendors: z
        .array(VendorName, { error: "vendors must be a list of vendor names" })
        .min(1, "vendors must name at least one vendor; omit it to ban on every configured vendor")
        .optional()
        .meta({ description: "Narrow the ban to these vendors. Default: every configured vendor." }),
      accounts: z
        .array(AccountRef, { error: "accounts must be a list of account names" })
        .min(1, "accounts must name at least one account; omit it to ban on every account")
        .optional()
        .meta({ description: `Narrow the ban to these vendor accounts ("${DEFAULT_ACCOUNT}": the vendor's own domains). Default: every account of each vendor.` }),
      domains: z
        .array(Domain, { error: "domains must be a list of push domains" })
        .min(1, "domains must name at least one push domain; omit it to ban on every configured domain")
        .optional()
        .meta({ description: "Narrow the ban to these push domains. Default: every domain of each vendor the entry applies to." }),
    },
    { error: "each streams entry must be a mapping with at least stream:" },
  )
  .strict()
  .meta({ description: "One banned stream: banned on every configured vendor and push domain unless narrowed." });

export const Blocklist = z
  .object(
    {
      vendors: z
        .object(
          {
            huawei: HuaweiSection.optional(),
            tencent: TencentSection.optional(),
            aliyun: AliyunSection.optional(),
          },
          { error: "vendors must be a mapping of vendor names (huawei, tencent, aliyun) to their push domains" },
        )
        .strict()
        .refine((v) => Object.values(v).some((s) => s !== undefined), "vendors must configure at least one vendor")
        .meta({ description: "The vendors this file bans streams on, each with its push domains.", minProperties: 1 }),
      // Required, so that a merge that drops the key cannot lift every ban; `streams: []` lifts them on purpose.
      streams: z
        .array(StreamEntry, {
          error: (issue) =>
            issue.input === undefined
              ? "streams is required: list the banned streams, or write streams: [] to lift every ban"
              : "streams must be a list of entries, each with at least stream:",
        })
        .meta({ description: "The banned streams (streams: [] for none). Removing an entry lifts its bans on the next pulumi up." }),
    },
    { error: "a blocklist must be a mapping with vendors: and streams:" },
  )
  .strict()
  .meta({ title: "StreamBlock blocklist", description: "Live streams banned on Huawei Cloud Live, Tencent Cloud CSS and Alibaba Cloud Live." });

export type Blocklist = z.infer<typeof Blocklist>;
export type StreamEntry = z.infer<typeof StreamEntry>;
