// The three vendors StreamBlock drives, by the ids users write in code and blocklists.
export const VENDOR_IDS = ["huawei", "tencent", "aliyun"] as const;
export type VendorId = (typeof VENDOR_IDS)[number];

export function isVendorId(value: unknown): value is VendorId {
  return typeof value === "string" && (VENDOR_IDS as readonly string[]).includes(value);
}
