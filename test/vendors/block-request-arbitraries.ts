// Test helper: fast-check generators for stream keys full of the characters that break signers.
import fc from "fast-check";

/** Seed for every SDK cross-check, so a failure replays; override with STREAMBLOCK_FC_SEED. */
export const CROSSCHECK_SEED = Number(process.env.STREAMBLOCK_FC_SEED ?? 20260914);

const TRICKY_UNITS = ["a", "Z", "0", "-", "_", ".", "~", " ", "*", "'", "(", ")", "!", "/", "?", "&", "=", "+", "%", "#", ";", ",", ":", "@", "直", "播", "é", "😀"];

/** Names mixing reserved ASCII, CJK, accents and astral characters; never empty. */
export const trickyName = fc.oneof(
  fc.string({ unit: fc.constantFrom(...TRICKY_UNITS), minLength: 1, maxLength: 16 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
  fc.constant("a b*c~'()!/?&=")
);

/** Push domains are plain host names. */
export const domainName = fc.constantFrom("push.example.com", "live-push.example.cn", "5000.livepush.myqcloud.com");

export const appName = fc.oneof(fc.constant("live"), trickyName);

/** A future resume time, whole seconds, ISO `…Z`. */
export const resumeTime = fc
  .integer({ min: 60, max: 90 * 86_400 })
  .map((s) => new Date(Date.UTC(2031, 0, 1) + s * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"));
