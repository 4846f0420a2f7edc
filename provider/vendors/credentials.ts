// Credential shapes per vendor. They live in memory only: never in state, logs or error messages.

export interface TencentCredentials {
  secretId: string;
  secretKey: string;
  /** STS temporary credentials' token, sent as X-TC-Token. */
  sessionToken?: string;
}

export interface AliyunCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token, sent as x-acs-security-token (V3) or SecurityToken (RPC V1). */
  securityToken?: string;
}

/** Huawei signs with AK/SK (optionally temporary, with a security token) or sends an IAM token. */
export type HuaweiCredentials =
  | { kind: "aksk"; ak: string; sk: string; securityToken?: string; projectId: string }
  | { kind: "token"; authToken: string; projectId: string };
