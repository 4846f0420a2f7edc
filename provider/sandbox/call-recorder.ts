// Counts every call each emulator receives, by vendor and action and outcome, plus a bounded log of recent calls.
import type { VendorId } from "../vendors/vendor-id";

/** Calls of one action: how many, how many succeeded, and how many ended in each error code. */
export interface ActionCounts {
  calls: number;
  ok: number;
  /** Error or fault outcome → count (vendor codes, `HTTP_503`, `DROPPED`, `STALLED`). */
  errors: Record<string, number>;
}

/** Per vendor, per action (unroutable requests count under `(unknown)`). */
export type CallCounts = Record<VendorId, Record<string, ActionCounts>>;

/** One finished call. */
export interface CallLogEntry {
  at: string;
  vendor: VendorId;
  action: string;
  /** The authenticated account, when authentication got that far. */
  account?: string;
  status: number;
  /** "OK" or the error / fault code. */
  code: string;
}

/** Entries kept in the call log (oldest dropped first). */
export const MAX_CALL_LOG = 1_000;

/** Collects call counts and the recent-call log. */
export class CallRecorder {
  private counts: CallCounts = emptyCounts();
  private log: CallLogEntry[] = [];

  /** Records one finished call. */
  record(entry: CallLogEntry): void {
    const byAction = this.counts[entry.vendor];
    const c = (byAction[entry.action] ??= { calls: 0, ok: 0, errors: {} });
    c.calls += 1;
    if (entry.code === "OK") c.ok += 1;
    else c.errors[entry.code] = (c.errors[entry.code] ?? 0) + 1;
    this.log.push(entry);
    if (this.log.length > MAX_CALL_LOG * 2) this.log = this.log.slice(-MAX_CALL_LOG);
  }

  /** A copy of the counts. */
  snapshot(): CallCounts {
    return structuredClone(this.counts);
  }

  /** The most recent calls, oldest first. */
  recent(limit = MAX_CALL_LOG): CallLogEntry[] {
    return this.log.slice(-Math.min(limit, MAX_CALL_LOG));
  }

  /** Zeroes the counts and empties the log. */
  reset(): void {
    this.counts = emptyCounts();
    this.log = [];
  }
}

function emptyCounts(): CallCounts {
  return { huawei: {}, tencent: {}, aliyun: {} };
}
