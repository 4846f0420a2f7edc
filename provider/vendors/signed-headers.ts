// The signed-header steps Aliyun ACS3 and Huawei APIG share: lower-cased sorted names, and `name:trimmed value\n` lines.

/** The signed header names, lower-cased and sorted (the SignedHeaders list, before joining with `;`). */
export function sortedHeaderNames(names: readonly string[]): string[] {
  return names.map((n) => n.toLowerCase()).sort();
}

/**
 * `name:trimmed value\n` per signed header, sorted by name (aliyun.md §4, huawei.md §5 step 1). Tencent's
 * TC3 differs: it lower-cases the values too, so it keeps its own.
 */
export function canonicalHeaderBlock(headers: Record<string, string>, signedHeaders: readonly string[]): string {
  return sortedHeaderNames(signedHeaders)
    .map((name) => {
      const value = headers[name];
      if (value === undefined) throw new Error(`signed header ${name} is not set`);
      return `${name}:${value.trim()}\n`;
    })
    .join("");
}
