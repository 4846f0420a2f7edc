// The deterministic resource id of a ban: `vendor/domain/app/stream` (Huawei Terraform's import id, vendor first); a named account's adds it: `vendor/account/domain/app/stream`.
import type { VendorId } from "../vendors/vendor-id";
import type { StreamKey } from "../vendors/adapter";
import { isDefaultAccount } from "./vendor-account";

export function streamBlockId(vendor: VendorId, key: StreamKey & { account?: string }): string {
  // The default account keeps the form every existing stack's ids and names have.
  const account = isDefaultAccount(key.account) ? "" : `${key.account}/`;
  return `${vendor}/${account}${key.domain}/${key.app}/${key.stream}`;
}
