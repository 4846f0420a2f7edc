// fast-check settings shared by the fuzz tests: a fixed seed and a bounded run count, both overridable from the environment.
import type { Parameters } from "fast-check";

/** `FUZZ_SEED=<int>` replays a reported failure; `FUZZ_RUNS=<n>` runs longer locally. */
export function fuzzParameters<T>(defaultRuns = 300): Parameters<T> {
  const seed = Number(process.env.FUZZ_SEED ?? 20261121);
  const numRuns = Number(process.env.FUZZ_RUNS ?? defaultRuns);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${process.env.FUZZ_SEED}`);
  if (!Number.isInteger(numRuns) || numRuns < 1) throw new Error(`FUZZ_RUNS must be a positive integer, got ${process.env.FUZZ_RUNS}`);
  return { seed, numRuns };
}
