// The diff rules: key fields replace, resumeTime and reason update in place, due renewals update.
import type { StreamBlockInputs, StreamBlockOutputs } from "./stream-block-inputs";
import { renewalReason } from "./renewal-plan";
import { DEFAULT_ACCOUNT } from "./vendor-account";

/** Changing any of these is a different stream: ban the new one, then resume the old. */
export const KEY_FIELDS = ["vendor", "domain", "app", "stream"] as const;

export interface DiffDecision {
  changes: boolean;
  replaces: string[];
  /** Create the replacement first: the new stream is banned before the old one is resumed. */
  deleteBeforeReplace: false;
  /** Why, one line per change, for the preview. */
  reasons: string[];
}

/**
 * Compares stored outputs with new checked inputs. Explicit booleans always: `__provider` and the
 * computed outputs (expiresAt, requestId) never count as changes by themselves.
 */
export function diffStreamBlock(
  olds: Partial<StreamBlockOutputs>,
  news: StreamBlockInputs,
  now: Date,
  renewalWindowDays: number,
): DiffDecision {
  const replaces: string[] = KEY_FIELDS.filter((k) => olds[k] !== news[k]);
  const reasons: string[] = replaces.map((k) => `${k} ${show(olds[k as (typeof KEY_FIELDS)[number]])} → ${show(news[k as (typeof KEY_FIELDS)[number]])} replaces the ban`);
  // Another account is another ban; older state has no account field (the default one).
  const account = (o: { account?: string }) => o.account ?? DEFAULT_ACCOUNT;
  if (account(olds) !== account(news)) {
    replaces.push("account");
    reasons.push(`account ${show(account(olds))} → ${show(account(news))} replaces the ban`);
  }
  if (replaces.length === 0) {
    if (olds.resumeTime !== news.resumeTime) {
      reasons.push(`resumeTime ${show(olds.resumeTime)} → ${show(news.resumeTime)} updates the ban in place`);
    }
    if (olds.resumeTime === news.resumeTime && news.resumeTime !== undefined && olds.expiresAt !== undefined && olds.expiresAt !== news.resumeTime && Date.parse(news.resumeTime) > now.getTime()) {
      reasons.push(`drift: the vendor holds the ban until ${olds.expiresAt}, declared ${news.resumeTime}; updates it back`);
    }
    if ((olds.reason ?? undefined) !== (news.reason ?? undefined)) {
      reasons.push("reason changed: updates the ban in place");
    }
    if (news.resumeTime === undefined && olds.resumeTime === undefined) {
      const why = renewalReason(olds.expiresAt, now, renewalWindowDays);
      if (why) reasons.push(`renewal: ${why}`);
    }
  }
  return { changes: reasons.length > 0, replaces: [...replaces], deleteBeforeReplace: false, reasons };
}

function show(v: string | undefined): string {
  return v === undefined ? "(none)" : JSON.stringify(v);
}
