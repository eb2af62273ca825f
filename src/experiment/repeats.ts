import { runExperiment } from "./run.js";
import type { ExperimentInput, ExperimentResult } from "./types.js";

/** The experiments of seeds seed, seed + 1, …, seed + count − 1 (the init's seed). */
export interface SeedSweep {
  readonly results: readonly ExperimentResult[];
  readonly wallSeconds: number;
}

/** Runs `input` for `count` consecutive init seeds; `onRun` after each. */
export function runSeedSweep(
  input: ExperimentInput,
  count: number,
  onRun?: (done: number, total: number) => void,
): SeedSweep {
  const started = performance.now();
  const results: ExperimentResult[] = [];
  for (let i = 0; i < count; i++) {
    results.push(runExperiment({ ...input, init: { ...input.init, seed: input.init.seed + i } }));
    onRun?.(i + 1, count);
  }
  return { results, wallSeconds: (performance.now() - started) / 1000 };
}
