// One problem (or warning) in a blocklist file, placed at file:line:column, and its two printed forms (human and GitHub annotation).

export interface BlocklistProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The offending key, e.g. `streams[2].resumeTime`; empty for the file as a whole. */
  path: string;
  message: string;
  /** A warning does not make the file invalid (a timed ban that has run its course). @default "error" */
  severity?: "warning";
}

/** `blocklist.yaml:12:17: streams[2].resumeTime: resumeTime must be ...`; a warning says `warning: ` after the place. */
export function formatProblem(p: BlocklistProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity ? `${p.severity}: ` : ""}${p.path ? `${p.path}: ` : ""}${p.message}`;
}

/** A GitHub Actions workflow command, which the pull request shows on the offending line. */
export function formatGithubAnnotation(p: BlocklistProblem): string {
  const text = `${p.path ? `${p.path}: ` : ""}${p.message}`;
  return `::${p.severity ?? "error"} file=${escapeProperty(p.file)},line=${p.line},col=${p.column}::${escapeData(text)}`;
}

// The escapes of @actions/core's command.ts: data escapes %, CR and LF; properties also ":" and ",".
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Sorts by line, then column, then message, and drops exact repeats. */
export function sortProblems(problems: BlocklistProblem[]): BlocklistProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0))
    .filter((p) => {
      const k = formatProblem(p);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
