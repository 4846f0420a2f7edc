// Whether an emulator refuses a domain, app or stream name: the vendor's rule from vendors/name-rules.ts, wildcards aside.
import { acceptsCharacters, type NameField } from "../vendors/name-rules";
import type { VendorId } from "../vendors/vendor-id";

/**
 * True when `vendor` refuses the characters of `value` as a `field` name. `*` is left to each emulator's
 * wildcard rules (Huawei's FAQ allows it inside a stream name; Aliyun's resume takes AppName `*`), and
 * lengths to the parameter readers, which already answer them.
 */
export function refusesName(vendor: VendorId, field: NameField, value: string): boolean {
  const rest = field === "domain" ? value : value.replace(/\*/g, "");
  return rest !== "" && !acceptsCharacters(vendor, field, rest);
}
