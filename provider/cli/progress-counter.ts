// A count of listed bans on stderr for long listings: rewritten in place on a terminal, a line now and then with --progress.

export interface ProgressOptions {
  /** Where the counter goes (stderr). */
  write: (text: string) => void;
  /** Rewrite one line in place (a terminal) rather than print lines (a CI log). */
  tty: boolean;
  /** What is counted, e.g. "tencent push.example.com: listed". */
  label: string;
  /** Update after this many items. @default 100 on a terminal, 1000 otherwise */
  every?: number;
}

/** Counts items and shows the count; `done()` prints the final count. */
export class ProgressCounter {
  private count = 0;
  private readonly every: number;

  constructor(private readonly opts: ProgressOptions) {
    this.every = opts.every ?? (opts.tty ? 100 : 1000);
  }

  tick(): void {
    this.count++;
    if (this.count % this.every === 0) this.show();
  }

  done(): void {
    if (this.opts.tty) this.opts.write(`\r${this.opts.label} ${this.count}, done\n`);
    else this.opts.write(`${this.opts.label} ${this.count}, done\n`);
  }

  private show(): void {
    this.opts.write(this.opts.tty ? `\r${this.opts.label} ${this.count}` : `${this.opts.label} ${this.count}\n`);
  }
}

/** A counter when stderr is a terminal or --progress was given, else none. */
export function progressFor(label: string, forced: boolean | undefined, stderr: NodeJS.WriteStream = process.stderr): ProgressCounter | undefined {
  if (!forced && !stderr.isTTY) return undefined;
  return new ProgressCounter({ write: (t) => stderr.write(t), tty: Boolean(stderr.isTTY), label });
}
