import fc from "fast-check";
import { orient } from "../../statistics/derived.js";
import { randomFamily } from "../../statistics/randomFamily.js";
import type { Statistics } from "../../statistics/statistics.js";

/** Constraints of `paperRandomFamilyCase`. */
export interface PaperRandomFamilyConstraints {
  /** Input dimensions D to draw from (default [10, 20]: the prototype's and the authors' default). */
  readonly dimensions?: readonly number[];
}

/** One draw of the paper's random family, printed as two numbers. */
export interface PaperRandomFamilyCase {
  readonly dimension: number;
  readonly seed: number;
}

/**
 * The paper's own random family exactly as the authors draw it (their `rand_sweep`, docs/theory.md §1;
 * src/statistics/randomFamily.ts): Σ ~ inverse-Wishart(df = D + 2, Ψ = I with a factor 2 on the
 * first half), teacher uniform in [−1, 1], dA = D/2. No filter on the draw: the authors keep
 * predicted ratios in [1, 20] for their figure, a claim keeps every draw its domain admits.
 * Its Σ is far from well conditioned (400 draws: cond Σ_A median 32 / 130, p99 366 / 1537,
 * cond Σ median 139 / 584, max 3396 / 31931 at D = 10 / 20; scripts/measure/paperFamilyDomain.ts).
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { paperRandomFamilyCase } from "ubias/claims";
 *
 * fc.sample(paperRandomFamilyCase({ dimensions: [10] }), { seed: 1, numRuns: 20 }).every((c) => c.dimension === 10); // → true
 * ```
 */
export function paperRandomFamilyCase(
  constraints: PaperRandomFamilyConstraints = {},
): fc.Arbitrary<PaperRandomFamilyCase> {
  const dimensions = constraints.dimensions ?? [10, 20];
  return fc.record({
    dimension: fc.constantFrom(...dimensions),
    seed: fc.integer({ min: 1, max: 0x7fffffff }),
  });
}

/**
 * The oriented statistics of a draw (A is the modality with the larger ‖Σ_yxm‖).
 *
 * @example
 * ```ts
 * import { buildPaperRandomFamily } from "ubias/claims";
 *
 * const stats = buildPaperRandomFamily({ dimension: 10, seed: 1 });
 * stats.dA + stats.dB; // → 10
 * ```
 */
export function buildPaperRandomFamily(c: PaperRandomFamilyCase): Statistics {
  return orient(randomFamily(c.seed, { dimension: c.dimension })).stats;
}
