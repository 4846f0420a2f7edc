// Maps a key path in a parsed YAML document (streams, 2, resumeTime) to the line and column a reviewer should look at.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

export type KeyPath = readonly (string | number)[];

/** A 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Where things are in one parsed file. */
export class SourcePositions {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** The position of a character offset (from a YAML error). */
  ofOffset(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /**
   * Where the value at `path` is written; an empty value points at its key, and a path that goes deeper
   * than the document (a missing key) at the deepest node that exists (the mapping that lacks it).
   */
  ofValue(path: KeyPath): SourcePosition {
    const found = this.walk(path);
    const value = found.value;
    const blank = value === undefined || (isScalar(value) && value.value === null && rangeIsEmpty(value));
    if (found.depth === path.length) {
      if (!blank && value.range) return this.ofOffset(value.range[0]);
      if (found.key?.range) return this.ofOffset(found.key.range[0]);
    }
    return this.ofOffset(found.deepest?.range?.[0] ?? 0);
  }

  /** Where the key `key` of the mapping at `path` is written (an unknown key), else the mapping. */
  ofKey(path: KeyPath, key: string): SourcePosition {
    const found = this.walk([...path, key]);
    if (found.depth === path.length + 1 && found.key?.range) return this.ofOffset(found.key.range[0]);
    return this.ofValue(path);
  }

  /** The 1-based line where the value at `path` starts. */
  lineOf(path: KeyPath): number {
    return this.ofValue(path).line;
  }

  private walk(path: KeyPath): { value?: Node; key?: Node; deepest?: Node; depth: number } {
    let node = this.resolve(this.doc.contents);
    let key: Node | undefined;
    let deepest: Node | undefined = node;
    let depth = 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
        if (!pair) break;
        key = isScalar(pair.key) ? pair.key : undefined;
        node = this.resolve(pair.value as Node | null);
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (item === undefined) break;
        key = undefined;
        node = this.resolve(item);
      } else {
        break;
      }
      depth++;
      if (node?.range) deepest = node;
    }
    return { value: node, key, deepest, depth };
  }

  private resolve(node: Node | null | undefined): Node | undefined {
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? node;
    return node ?? undefined;
  }
}

function rangeIsEmpty(node: Node): boolean {
  return !node.range || node.range[0] === node.range[1];
}
