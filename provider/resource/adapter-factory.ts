// Builds the adapter for a vendor from the provider settings; credentials are read only when a vendor is used.
import type { VendorAdapter } from "../vendors/adapter";
import type { AdapterOptions } from "../vendors/adapter-runtime";
import type { VendorId } from "../vendors/vendor-id";
import { TENCENT_INTL_ENDPOINT, TencentAdapter } from "../vendors/tencent/tencent-adapter";
import { AliyunAdapter } from "../vendors/aliyun/aliyun-adapter";
import { HuaweiAdapter } from "../vendors/huawei/huawei-adapter";
import { DEFAULT_HTTP_CLIENT_OPTIONS, HttpClient } from "../transport/http-client";
import { processSingleton } from "../transport/process-singleton";
import { SettingsError, type ProviderSettings } from "./provider-settings";

export function createAdapter(vendor: VendorId, settings: ProviderSettings, given: AdapterOptions): VendorAdapter {
  const http = given.http ?? httpClientFor(settings);
  const options: AdapterOptions = { ...given, retry: { ...settings.retryPolicy(), ...given.retry }, ...(http === undefined ? {} : { http }) };
  switch (vendor) {
    case "tencent":
      const endpoint = settings.get("tencentEndpoint") ?? (settings.tencentSite() === "intl" ? TENCENT_INTL_ENDPOINT : undefined);
      return new TencentAdapter({ ...options, credentials: settings.tencentCredentials(), endpoint });
    case "aliyun": {
      const signature = settings.get("aliyunSignature") ?? "v3";
      if (signature !== "v3" && signature !== "rpc") {
        throw new SettingsError(`aliyun: aliyunSignature must be "v3" or "rpc", got "${signature}"`);
      }
      return new AliyunAdapter({ ...options, credentials: settings.aliyunCredentials(), endpoint: settings.get("aliyunEndpoint"), signature, regionId: settings.aliyunRegion() });
    }
    case "huawei": {
      const endpoint = settings.get("huaweiEndpoint");
      const region = settings.get("huaweiRegion");
      return new HuaweiAdapter({ ...options, credentials: settings.huaweiCredentials(), endpoint, region });
    }
  }
}

/**
 * The process-wide client for a configured request timeout (one per distinct value, so sockets stay
 * pooled), or undefined to use the shared default client.
 */
function httpClientFor(settings: ProviderSettings): HttpClient | undefined {
  const ms = settings.requestTimeoutMs();
  if (ms === undefined) return undefined;
  return processSingleton(`pulumi-streamblock.transport.httpClient.timeout.${ms}`, () =>
    new HttpClient({ connectTimeoutMs: Math.min(ms, DEFAULT_HTTP_CLIENT_OPTIONS.connectTimeoutMs), headersTimeoutMs: ms, bodyTimeoutMs: ms }),
  );
}
