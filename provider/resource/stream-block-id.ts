// The deterministic resource id of a ban: `vendor/domain/app/stream` (Huawei Terraform's import id, vendor first).
import type { VendorId } from "../vendors/vendor-id";
import type { StreamKey } from "../vendors/adapter";

export function streamBlockId(vendor: VendorId, key: StreamKey): string {
  return `${vendor}/${key.domain}/${key.app}/${key.stream}`;
}
