// Formats DescribeLiveForbidStreamList's CreateTime/ExpireTime in each candidate wire format (tencent.md §3.5).
import type { BehaviourVariants } from "../behaviour-variants";

export type TencentListTimeFormat = BehaviourVariants["tencent"]["listTimeFormat"];

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/**
 * Renders an instant as the list would. `beijing-offset` `2019-04-16T20:00:00+08:00`; `beijing-space`
 * `2019-04-16 20:00:00`; `beijing-z` Beijing wall time with a literal `Z`; `utc-z` true UTC with `Z`.
 */
export function formatForbidListTime(at: Date, format: TencentListTimeFormat): string {
  const utc = at.toISOString().slice(0, 19);
  const beijing = new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19);
  switch (format) {
    case "beijing-offset":
      return `${beijing}+08:00`;
    case "beijing-space":
      return beijing.replace("T", " ");
    case "beijing-z":
      return `${beijing}Z`;
    case "utc-z":
      return `${utc}Z`;
  }
}
