// A stand-in for the `gh` CLI that keeps one repository's issues and comments in a JSON file: the workflow's GitHub steps run against it, as no test may reach github.com.
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface FakeComment {
  id: number;
  body: string;
}
export interface FakeIssue {
  number: number;
  title: string;
  state: "open" | "closed";
  comments: string[];
}
export interface FakeGitHub {
  comments: Record<string, FakeComment[]>; // by pull request number
  issues: FakeIssue[];
  nextId: number;
}

// Only the calls the workflow makes; anything else exits 2 naming the call, so a new call fails the test.
const SCRIPT = String.raw`#!/usr/bin/env node
const { readFileSync, writeFileSync } = require("node:fs");
const { execFileSync } = require("node:child_process");
const file = process.env.FAKE_GH_STATE;
const db = JSON.parse(readFileSync(file, "utf8"));
const save = () => writeFileSync(file, JSON.stringify(db));
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const fail = () => { process.stderr.write("fake gh: unexpected call: gh " + args.join(" ") + "\n"); process.exit(2); };
const print = (value, jq) => {
  const json = JSON.stringify(value);
  process.stdout.write(jq ? execFileSync("jq", ["-r", jq], { input: json, encoding: "utf8" }) : json + "\n");
};
if (args[0] === "api") {
  const path = args.find((a) => a.startsWith("repos/"));
  const method = opt("--method") ?? "GET";
  const body = () => { const f = opt("-F"); if (!f || !f.startsWith("body=@")) fail(); return readFileSync(f.slice(6), "utf8"); };
  let m;
  if (method === "GET" && (m = /^repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) return print(db.comments[m[1]] ?? [], opt("--jq"));
  if (method === "POST" && (m = /^repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
    (db.comments[m[1]] ??= []).push({ id: db.nextId++, body: body() });
    return save();
  }
  if (method === "PATCH" && (m = /^repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path))) {
    const c = Object.values(db.comments).flat().find((c) => c.id === Number(m[1]));
    if (!c) { process.stderr.write("HTTP 404: Not Found\n"); process.exit(1); }
    c.body = body();
    return save();
  }
  fail();
}
if (args[0] === "issue") {
  const issue = () => { const i = db.issues.find((i) => i.number === Number(args[2])); if (!i) process.exit(1); return i; };
  switch (args[1]) {
    case "list":
      if (opt("--state") !== "open" || opt("--json") !== "number,title") fail();
      return print(db.issues.filter((i) => i.state === "open").map(({ number, title }) => ({ number, title })));
    case "create":
      db.issues.push({ number: db.nextId++, title: opt("--title"), state: "open", comments: [opt("--body")] });
      return save();
    case "comment":
      issue().comments.push(opt("--body"));
      return save();
    case "close": {
      const i = issue();
      i.state = "closed";
      if (opt("--comment")) i.comments.push(opt("--comment"));
      return save();
    }
  }
}
fail();
`;

/** Writes `gh` into `binDir` and an empty repository state; returns readers and writers of that state. */
export function installFakeGh(binDir: string, stateDir: string) {
  const stateFile = join(stateDir, "fake-github.json");
  const write = (db: FakeGitHub) => writeFileSync(stateFile, JSON.stringify(db));
  write({ comments: {}, issues: [], nextId: 1000 });
  writeFileSync(join(binDir, "gh"), SCRIPT);
  chmodSync(join(binDir, "gh"), 0o755);
  return {
    env: { FAKE_GH_STATE: stateFile },
    read: (): FakeGitHub => JSON.parse(readFileSync(stateFile, "utf8")),
    write,
  };
}
