// Optional persistence of the sandbox's bans and kicks to a JSON file, written atomically (temp file + rename).
import { promises as fs, readFileSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { VENDOR_IDS } from "../vendors/vendor-id";
import type { StoreSnapshot } from "./ban-store";

const FORMAT = "streamblock-sandbox-state";
const VERSION = 1;

const IsoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not an ISO-8601 time");
const StreamRef = {
  vendor: z.enum(VENDOR_IDS),
  account: z.string(),
  domain: z.string(),
  app: z.string(),
  stream: z.string(),
};
const StateFile = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  savedAt: IsoTime.optional(),
  bans: z.array(
    z.object({ ...StreamRef, createdAt: IsoTime, expiresAt: IsoTime, reason: z.string().optional() }).strict(),
  ),
  kicks: z.array(z.object({ ...StreamRef, at: IsoTime, action: z.string() }).strict()),
});

/** The state file exists but cannot be used; the sandbox refuses to start rather than empty it. */
export class StateFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`sandbox state file ${file} is unusable: ${reason}. Fix or remove it; it was left untouched.`);
    this.name = "StateFileError";
  }
}

/**
 * Reads a state file. A missing file is an empty state; anything unreadable throws StateFileError.
 * @param file path of the JSON state file
 */
export function loadStateFile(file: string): StoreSnapshot {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { bans: [], kicks: [] };
    throw new StateFileError(file, (e as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new StateFileError(file, `not valid JSON (${(e as Error).message})`);
  }
  const parsed = StateFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
    throw new StateFileError(file, `unexpected content${where}: ${issue?.message ?? "invalid"}`);
  }
  return { bans: parsed.data.bans, kicks: parsed.data.kicks };
}

/** Serialises a snapshot in the state-file format (bans and kicks only, never credentials). */
export function renderStateFile(snapshot: StoreSnapshot, savedAt: Date): string {
  return JSON.stringify(
    { format: FORMAT, version: VERSION, savedAt: savedAt.toISOString(), bans: snapshot.bans, kicks: snapshot.kicks },
    null,
    2,
  ) + "\n";
}

/** Writes `text` to `file` atomically: a reader sees the old file or the new one, never half of one. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await fs.open(tmp, "w");
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Coalesces saves: every change schedules one write, changes during a write cause one more write after it,
 * and `flush()` waits until the file holds the latest state.
 */
export class StateFileWriter {
  private dirty = false;
  private running: Promise<void> | undefined;
  private lastError: Error | undefined;

  /**
   * @param file path of the state file
   * @param snapshot reads the current state to save
   * @param now the time to stamp into the file
   * @param onError told about a failed write (the next change retries)
   */
  constructor(
    private readonly file: string,
    private readonly snapshot: () => StoreSnapshot,
    private readonly now: () => Date,
    private readonly onError: (e: Error) => void = () => {},
  ) {}

  /** Marks the state changed; a write follows soon. */
  schedule(): void {
    this.dirty = true;
    if (!this.running) this.running = this.drain();
  }

  /** Resolves once every change so far is on disk; rejects with the last write error if any. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.lastError) {
      const e = this.lastError;
      this.lastError = undefined;
      throw e;
    }
  }

  private async drain(): Promise<void> {
    // Let the current burst of changes land first, so one write covers them.
    await new Promise((r) => setImmediate(r));
    try {
      while (this.dirty) {
        this.dirty = false;
        try {
          await writeFileAtomic(this.file, renderStateFile(this.snapshot(), this.now()));
          this.lastError = undefined;
        } catch (e) {
          this.lastError = e as Error;
          this.onError(e as Error);
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
