// Runs the shared adapter conformance suite for Huawei in every UNVERIFIED-behaviour variant.
import { describeAdapterConformance } from "./adapter-conformance";
import { HuaweiAdapter } from "../../provider/vendors/huawei/huawei-adapter";

describeAdapterConformance({
  vendor: "huawei",
  label: "SDK-HMAC-SHA256 signature",
  make: (sb, opts) =>
    new HuaweiAdapter({
      ...opts,
      endpoint: sb.endpoints.huawei,
      credentials: { kind: "aksk", ak: sb.credentials.huawei.ak, sk: sb.credentials.huawei.sk, projectId: sb.credentials.huawei.projectId },
    }),
  variants: [
    {},
    { huawei: { duplicateForbid: "error", resumeUnbanned: "error", updateMissing: "upsert" } },
    { huawei: { expiredInList: "shown", resumeTimeOverMax: "clamp" } },
  ],
});
