// The blocklist file's JSON Schema, generated from the zod schema, for editors (yaml-language-server) to complete and check.
import { z } from "zod";
import { Blocklist } from "./blocklist-schema";

/** Where the package ships the generated schema, relative to the package root. */
export const BLOCKLIST_SCHEMA_PATH = "schema/blocklist.schema.json";

/**
 * The JSON Schema (draft-07, the draft editors support best) of what a blocklist file may contain.
 * It checks the shape only; `streamblock validate` also checks domains, duplicates, times and caps.
 */
export function blocklistJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Blocklist, { io: "input", target: "draft-7" }) as Record<string, unknown>;
}

/** The schema as the committed file holds it: two-space JSON and a final newline. */
export function renderBlocklistJsonSchema(): string {
  return `${JSON.stringify(blocklistJsonSchema(), null, 2)}\n`;
}
