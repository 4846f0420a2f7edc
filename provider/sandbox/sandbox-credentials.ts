// The fake credentials the sandbox accepts: documented defaults per vendor, overridable, plus extra keys for more accounts.
import type { VendorId } from "../vendors/vendor-id";
import type { KeySecret } from "./auth/verify-result";

export interface SandboxTencentCredentials {
  secretId: string;
  secretKey: string;
  /** When set the key is temporary: requests must carry this X-TC-Token. */
  sessionToken?: string;
}

export interface SandboxAliyunCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** When set the key is temporary: requests must carry this security token. */
  securityToken?: string;
}

export interface SandboxHuaweiCredentials {
  ak: string;
  sk: string;
  /** The project (account) the AK and the token belong to. */
  projectId: string;
  /** Accepted as X-Auth-Token instead of AK/SK signing. */
  authToken: string;
  /** When set the AK is temporary: requests must carry this X-Security-Token. */
  securityToken?: string;
}

/** The primary credentials per vendor. */
export interface SandboxCredentials {
  tencent: SandboxTencentCredentials;
  aliyun: SandboxAliyunCredentials;
  huawei: SandboxHuaweiCredentials;
}

/** More keys, each its own account (Tencent/Aliyun: the key id; Huawei: the project id). */
export interface ExtraCredentials {
  tencent?: SandboxTencentCredentials[];
  aliyun?: SandboxAliyunCredentials[];
  huawei?: SandboxHuaweiCredentials[];
}

/** Overrides of the primary credentials, field by field. */
export interface CredentialOverrides {
  tencent?: Partial<SandboxTencentCredentials>;
  aliyun?: Partial<SandboxAliyunCredentials>;
  huawei?: Partial<SandboxHuaweiCredentials>;
}

/**
 * The defaults: obviously fake, fixed and documented so demos and CI can hard-code them. They unlock
 * nothing but a sandbox.
 */
export const DEFAULT_SANDBOX_CREDENTIALS: Readonly<SandboxCredentials> = Object.freeze({
  tencent: { secretId: "AKIDSANDBOX00000000000000000000000000", secretKey: "sandbox-tencent-secret-key-not-real" },
  aliyun: { accessKeyId: "LTAISANDBOX000000000000", accessKeySecret: "sandbox-aliyun-secret-not-real" },
  huawei: {
    ak: "SANDBOXHUAWEIAK00000",
    sk: "sandbox-huawei-secret-key-not-real",
    projectId: "5a0db0c05a0db0c05a0db0c05a0db0c0",
    authToken: "sandbox-huawei-iam-token-not-real",
  },
});

/**
 * A second account per vendor, always accepted, so a multi-account stack can run against the sandbox with
 * fixed, documented fakes (`streamblock sandbox --env --account NAME` prints them under NAME's variables).
 * Its account is its own key id (Tencent, Aliyun) or project id (Huawei): bans, limits and quotas apart.
 */
export const SECOND_SANDBOX_CREDENTIALS: Readonly<SandboxCredentials> = Object.freeze({
  tencent: { secretId: "AKIDSANDBOXSECOND00000000000000000000", secretKey: "sandbox-tencent-second-secret-key-not-real" },
  aliyun: { accessKeyId: "LTAISANDBOXSECOND000000", accessKeySecret: "sandbox-aliyun-second-secret-not-real" },
  huawei: {
    ak: "SANDBOXHUAWEISECOND0",
    sk: "sandbox-huawei-second-secret-key-not-real",
    projectId: "5ec0d0005ec0d0005ec0d0005ec0d000",
    authToken: "sandbox-huawei-second-iam-token-not-real",
  },
});

/** The primary credentials after overrides. */
export function resolveCredentials(overrides: CredentialOverrides = {}): SandboxCredentials {
  return {
    tencent: { ...DEFAULT_SANDBOX_CREDENTIALS.tencent, ...overrides.tencent },
    aliyun: { ...DEFAULT_SANDBOX_CREDENTIALS.aliyun, ...overrides.aliyun },
    huawei: { ...DEFAULT_SANDBOX_CREDENTIALS.huawei, ...overrides.huawei },
  };
}

/** Looks keys up for the verifiers; the account of a key is what the ban store keys state on. */
export class CredentialRegistry {
  private readonly tencent = new Map<string, SandboxTencentCredentials>();
  private readonly aliyun = new Map<string, SandboxAliyunCredentials>();
  private readonly huaweiByAk = new Map<string, SandboxHuaweiCredentials>();
  private readonly huaweiByToken = new Map<string, SandboxHuaweiCredentials>();
  private readonly huaweiProjects = new Set<string>();

  constructor(
    private readonly primary: SandboxCredentials,
    extra: ExtraCredentials = {},
  ) {
    const second = SECOND_SANDBOX_CREDENTIALS;
    for (const c of [second.tencent, primary.tencent, ...(extra.tencent ?? [])]) this.tencent.set(c.secretId, c);
    for (const c of [second.aliyun, primary.aliyun, ...(extra.aliyun ?? [])]) this.aliyun.set(c.accessKeyId, c);
    for (const c of [second.huawei, primary.huawei, ...(extra.huawei ?? [])]) {
      this.huaweiByAk.set(c.ak, c);
      this.huaweiByToken.set(c.authToken, c);
      this.huaweiProjects.add(c.projectId);
    }
  }

  /** The account of the primary credentials: the key id (Tencent, Aliyun) or the project id (Huawei). */
  primaryAccount(vendor: VendorId): string {
    if (vendor === "tencent") return this.primary.tencent.secretId;
    if (vendor === "aliyun") return this.primary.aliyun.accessKeyId;
    return this.primary.huawei.projectId;
  }

  /** Whether a Huawei project id belongs to any configured credentials. */
  isHuaweiProject(projectId: string): boolean {
    return this.huaweiProjects.has(projectId);
  }

  /** Tencent SecretId → secret (and session token). */
  readonly tencentSecret = (secretId: string): KeySecret | undefined => {
    const c = this.tencent.get(secretId);
    return c && keySecret(c.secretKey, c.sessionToken);
  };

  /** Aliyun AccessKeyId → secret (and security token). */
  readonly aliyunSecret = (accessKeyId: string): KeySecret | undefined => {
    const c = this.aliyun.get(accessKeyId);
    return c && keySecret(c.accessKeySecret, c.securityToken);
  };

  /** Huawei AK → SK (and security token). */
  readonly huaweiSecret = (ak: string): KeySecret | undefined => {
    const c = this.huaweiByAk.get(ak);
    return c && keySecret(c.sk, c.securityToken);
  };

  /** The project an AK belongs to. */
  huaweiProjectOfAk(ak: string): string | undefined {
    return this.huaweiByAk.get(ak)?.projectId;
  }

  /** The project an X-Auth-Token is scoped to, or undefined for an unknown token. */
  huaweiProjectOfToken(token: string): string | undefined {
    return this.huaweiByToken.get(token)?.projectId;
  }
}

function keySecret(secret: string, sessionToken: string | undefined): KeySecret {
  return sessionToken === undefined ? { secret } : { secret, sessionToken };
}
