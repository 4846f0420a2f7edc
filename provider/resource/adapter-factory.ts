// Builds the adapter for a vendor from the provider settings; credentials are read only when a vendor is used.
import type { VendorAdapter } from "../vendors/adapter";
import type { AdapterOptions } from "../vendors/adapter-runtime";
import type { VendorId } from "../vendors/vendor-id";
import { TencentAdapter } from "../vendors/tencent/tencent-adapter";
import { AliyunAdapter } from "../vendors/aliyun/aliyun-adapter";
import { HuaweiAdapter } from "../vendors/huawei/huawei-adapter";
import { SettingsError, type ProviderSettings } from "./provider-settings";

export function createAdapter(vendor: VendorId, settings: ProviderSettings, options: AdapterOptions): VendorAdapter {
  switch (vendor) {
    case "tencent":
      return new TencentAdapter({ ...options, credentials: settings.tencentCredentials(), endpoint: settings.get("tencentEndpoint") });
    case "aliyun": {
      const signature = settings.get("aliyunSignature") ?? "v3";
      if (signature !== "v3" && signature !== "rpc") {
        throw new SettingsError(`aliyun: aliyunSignature must be "v3" or "rpc", got "${signature}"`);
      }
      return new AliyunAdapter({ ...options, credentials: settings.aliyunCredentials(), endpoint: settings.get("aliyunEndpoint"), signature });
    }
    case "huawei": {
      const endpoint = settings.get("huaweiEndpoint");
      const region = settings.get("huaweiRegion");
      if (!endpoint && !region) settings.require("huaweiRegion", "huawei", false);
      return new HuaweiAdapter({ ...options, credentials: settings.huaweiCredentials(), endpoint, region });
    }
  }
}
