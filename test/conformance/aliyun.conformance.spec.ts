// Runs the shared adapter conformance suite for Aliyun (V3 and RPC signatures) in every UNVERIFIED-behaviour variant.
import { describeAdapterConformance } from "./adapter-conformance";
import { AliyunAdapter } from "../../provider/vendors/aliyun/aliyun-adapter";

for (const signature of ["v3", "rpc"] as const) {
  describeAdapterConformance({
    vendor: "aliyun",
    label: signature === "v3" ? "ACS3 signature" : "RPC HMAC-SHA1 signature",
    make: (sb, opts) => new AliyunAdapter({ ...opts, signature, endpoint: sb.endpoints.aliyun, credentials: sb.credentials.aliyun }),
    variants:
      signature === "v3"
        ? [{}, { aliyun: { duplicateForbid: "upsert", resumeUnbanned: "error" } }, { aliyun: { expiredInList: "shown", resumeTimeOverMax: "clamp" } }]
        : [{}],
  });
}
