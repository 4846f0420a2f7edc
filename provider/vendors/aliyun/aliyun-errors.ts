// Which Aliyun error codes are worth retrying, and which prove the request never ran.

/** aliyun.md §5: openapi-core treats any code containing "Throttling" as throttling. */
export function isAliyunThrottling(code: string): boolean {
  return code.includes("Throttling");
}

// aliyun.md §5: a reused nonce is rejected before execution; a fresh signature fixes it.
const REJECTED_BEFORE_EXECUTION = new Set(["SignatureNonceUsed"]);
const TRANSIENT = new Set(["InternalError", "ServiceUnavailable", "ServiceUnavailableTemporary"]);

export function isAliyunNotExecuted(code: string): boolean {
  return isAliyunThrottling(code) || REJECTED_BEFORE_EXECUTION.has(code);
}

export function isAliyunRetryable(code: string, httpStatus: number): boolean {
  return isAliyunNotExecuted(code) || TRANSIENT.has(code) || httpStatus >= 500;
}

/** aliyun.md §2.1, §7: a forbid on a stream already blacklisted (inferred trigger, UNVERIFIED). */
export const ALIYUN_ALREADY_BANNED = "ConfigAlreadyExists";
