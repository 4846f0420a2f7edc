// The blocklist file's schema (zod): per vendor the push domains, and the banned streams.
import { z } from "zod";

const Domains = z.array(z.string().min(1)).min(1, "list at least one push domain");

export const VendorSection = z
  .object({
    domains: Domains,
  })
  .strict();

export const HuaweiSection = z
  .object({
    domains: Domains,
    /** e.g. cn-north-4; otherwise the provider's huaweiRegion setting applies. */
    region: z.string().min(1).optional(),
    projectId: z.string().min(1).optional(),
  })
  .strict();

export const StreamEntry = z
  .object({
    stream: z.string(),
    app: z.string().optional(),
    resumeTime: z.string().optional(),
    reason: z.string().optional(),
    /** Narrow the ban to these vendors (default: every configured vendor). */
    vendors: z.array(z.enum(["huawei", "tencent", "aliyun"])).min(1).optional(),
    /** Narrow the ban to these push domains (default: every domain of each vendor). */
    domains: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

export const Blocklist = z
  .object({
    vendors: z
      .object({
        huawei: HuaweiSection.optional(),
        tencent: VendorSection.optional(),
        aliyun: VendorSection.optional(),
      })
      .strict()
      .refine((v) => Object.keys(v).length > 0, "configure at least one vendor"),
    streams: z.array(StreamEntry).default([]),
  })
  .strict();
export type Blocklist = z.infer<typeof Blocklist>;
export type StreamEntry = z.infer<typeof StreamEntry>;
