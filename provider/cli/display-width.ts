// How many terminal columns a string takes: East Asian Wide and Fullwidth characters take two, combining marks none.

/**
 * Unicode East Asian Width W and F ranges outside emoji (UAX #11, EastAsianWidth.txt): Hangul Jamo
 * leading consonants, CJK radicals to CJK compatibility, Hangul syllables, compatibility ideographs,
 * vertical and small forms, fullwidth forms, Tangut/Kana supplements, CJK extension planes 2 and 3.
 */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const WIDE_EMOJI = /^\p{Emoji_Presentation}$/u;

/** The columns one code point takes: 0, 1 or 2. */
export function codePointWidth(cp: number): 0 | 1 | 2 {
  const ch = String.fromCodePoint(cp);
  if (ZERO_WIDTH.test(ch)) return 0;
  if (cp < 0x1100) return 1;
  for (const [lo, hi] of WIDE_RANGES) {
    if (cp < lo) break;
    if (cp <= hi) return 2;
  }
  return WIDE_EMOJI.test(ch) ? 2 : 1;
}

/** The columns `s` takes in a terminal. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += codePointWidth(ch.codePointAt(0)!);
  return width;
}

/** `s` padded with spaces on the right to `columns` display columns. */
export function padToWidth(s: string, columns: number): string {
  return s + " ".repeat(Math.max(0, columns - displayWidth(s)));
}
