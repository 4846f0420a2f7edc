// Renders bans as a text table (DOMAIN APP STREAM EXPIRES) aligned by display width (CJK takes two columns), for `streamblock ls`.
import type { Ban } from "../vendors/adapter";
import { formatUtcSeconds } from "../vendors/utc-time";
import { displayWidth, padToWidth } from "./display-width";

/** The table, header first; an unknown expiry (Aliyun's list has none) shows as "-". */
export function banTable(bans: Ban[]): string {
  const rows = [["DOMAIN", "APP", "STREAM", "EXPIRES"], ...bans.map((b) => [b.domain, b.app, b.stream, b.expiresAt ? formatUtcSeconds(b.expiresAt) : "-"])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : padToWidth(cell, widths[i]!))).join("  ")).join("\n") + "\n";
}
