// A problem's two printed forms: `file:line:col: key: message`, and a GitHub ::error annotation with its escapes.
import { strict as assert } from "node:assert";
import { formatGithubAnnotation, formatProblem, sortProblems } from "../../provider/blocklist/blocklist-problem";

const p = { file: "ops/blocklist.yaml", line: 12, column: 17, path: "streams[2].resumeTime", message: "resumeTime must be a string" };

describe("blocklist/blocklist-problem", () => {
  it("formats for people", () => {
    assert.equal(formatProblem(p), "ops/blocklist.yaml:12:17: streams[2].resumeTime: resumeTime must be a string");
    assert.equal(formatProblem({ ...p, path: "" }), "ops/blocklist.yaml:12:17: resumeTime must be a string");
  });

  it("formats as a GitHub workflow command", () => {
    assert.equal(formatGithubAnnotation(p), "::error file=ops/blocklist.yaml,line=12,col=17::streams[2].resumeTime: resumeTime must be a string");
  });

  it("a warning says so in both forms", () => {
    const w = { ...p, severity: "warning" as const, message: "resumeTime 2026-01-01T00:00:00Z has passed" };
    assert.equal(formatProblem(w), "ops/blocklist.yaml:12:17: warning: streams[2].resumeTime: resumeTime 2026-01-01T00:00:00Z has passed");
    assert.equal(formatGithubAnnotation(w), "::warning file=ops/blocklist.yaml,line=12,col=17::streams[2].resumeTime: resumeTime 2026-01-01T00:00:00Z has passed");
  });

  it("escapes % CR LF in the message, and also : and , in the file name", () => {
    const odd = { ...p, file: "a,b:c.yaml", message: "100% wrong\r\nsecond line" };
    assert.equal(formatGithubAnnotation(odd), "::error file=a%2Cb%3Ac.yaml,line=12,col=17::streams[2].resumeTime: 100%25 wrong%0D%0Asecond line");
  });

  it("sorts by line, column and message, and drops exact repeats", () => {
    const a = { ...p, line: 3, column: 9, message: "b" };
    const b = { ...p, line: 3, column: 9, message: "a" };
    const c = { ...p, line: 1, column: 20 };
    assert.deepEqual(sortProblems([a, b, c, { ...a }]), [c, b, a]);
  });
});
