// A timed entry whose resume time has passed is finished: its ban ran its course. Here too: telling one a change just wrote from one time ran out.
import { parseDocument } from "yaml";
import { DEFAULT_APP } from "../resource/stream-block-inputs";
import { truncateToSeconds } from "../vendors/utc-time";

/** The same file on the branch a change is compared with: its text, or null when the file is new there. */
export type BaseFile = { text: string } | null;

/** Whether a resume time (already valid) has passed at `now`, at the whole second vendors hold. */
export function hasPassed(resumeTime: string, now: Date): boolean {
  return truncateToSeconds(new Date(resumeTime)).getTime() <= now.getTime();
}

/**
 * What makes a timed entry the same across two versions of the file: its stream, app and resume instant.
 * Moving, regrouping, re-narrowing or rewording it keeps it; writing a new time or a new stream does not.
 */
export function timedEntryKey(entry: { stream: string; app?: string; resumeTime: string }): string {
  return JSON.stringify([entry.stream, entry.app ?? DEFAULT_APP, new Date(entry.resumeTime).getTime()]);
}

/** The keys of every timed entry of the base file; a base that does not parse holds none (every entry is new). */
export function baseTimedEntryKeys(base: BaseFile): Set<string> {
  const keys = new Set<string>();
  if (!base) return keys;
  let raw: unknown;
  try {
    raw = parseDocument(base.text, { prettyErrors: false }).toJS({ maxAliasCount: 1000 });
  } catch {
    return keys;
  }
  const streams = (raw as { streams?: unknown } | null)?.streams;
  if (!Array.isArray(streams)) return keys;
  for (const e of streams as { stream?: unknown; app?: unknown; resumeTime?: unknown }[]) {
    if (typeof e?.stream !== "string" || typeof e.resumeTime !== "string" || Number.isNaN(Date.parse(e.resumeTime))) continue;
    if (e.app !== undefined && typeof e.app !== "string") continue;
    keys.add(timedEntryKey({ stream: e.stream, app: e.app as string | undefined, resumeTime: e.resumeTime }));
  }
  return keys;
}
