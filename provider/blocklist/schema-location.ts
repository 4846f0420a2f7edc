// Where the installed package's JSON Schema file is, and how a blocklist file refers to it.
import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { BLOCKLIST_SCHEMA_PATH } from "./blocklist-json-schema";

/** The nearest schema/blocklist.schema.json above this module (the package root's, compiled or not). */
export function installedSchemaFile(from: string = __dirname): string | undefined {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, BLOCKLIST_SCHEMA_PATH);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** The modeline yaml-language-server reads, pointing from `fileDir` to the schema file; undefined if there is none. */
export function schemaModeline(fileDir: string, schemaFile: string | undefined = installedSchemaFile()): string | undefined {
  if (!schemaFile) return undefined;
  let rel = relative(fileDir, schemaFile).split(sep).join("/");
  if (!rel.startsWith(".")) rel = `./${rel}`;
  return `yaml-language-server: $schema=${rel}`;
}
