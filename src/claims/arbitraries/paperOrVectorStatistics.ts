import fc from "fast-check";
import { orient } from "../../statistics/derived.js";
import type { Statistics } from "../../statistics/statistics.js";
import type { PaperRandomFamilyCase } from "./paperRandomFamily.js";
import { buildPaperRandomFamily, paperRandomFamilyCase } from "./paperRandomFamily.js";
import type { VectorStatisticsCase } from "./vectorStatistics.js";
import { buildVectorStatistics, vectorStatisticsCase } from "./vectorStatistics.js";

/** Constraints of `paperOrVectorStatistics`. */
export interface PaperOrVectorConstraints {
  /** Largest cond Σ of the generic draws (the paper's family is never capped). */
  readonly maxCondition: number;
}

/** A draw of the paper's random family or of generic vector statistics. */
export type PaperOrVectorCase =
  | { readonly kind: "paper"; readonly paper: PaperRandomFamilyCase }
  | { readonly kind: "vector"; readonly vector: VectorStatisticsCase };

/**
 * Vector statistics as the T2-family claims generate them (issue 10): half the draws from the
 * paper's own random family (D = 10, 20, uncapped), half generic up to `maxCondition`.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { derive, paperOrVectorStatistics, buildPaperOrVectorStatistics } from "ubias/claims";
 *
 * const draws = fc.sample(paperOrVectorStatistics({ maxCondition: 10 }), { seed: 1, numRuns: 4 });
 * // Oriented: A is the modality with the larger ‖Σ_yxm‖.
 * draws.map(buildPaperOrVectorStatistics).every((s) => derive(s).sA >= derive(s).sB); // → true
 * ```
 */
export function paperOrVectorStatistics(
  constraints: PaperOrVectorConstraints,
): fc.Arbitrary<PaperOrVectorCase> {
  return fc.oneof(
    paperRandomFamilyCase().map((paper) => ({ kind: "paper" as const, paper })),
    vectorStatisticsCase({ maxCondition: constraints.maxCondition }).map((vector) => ({
      kind: "vector" as const,
      vector,
    })),
  );
}

/**
 * The oriented statistics of a draw (A is the modality with the larger ‖Σ_yxm‖).
 *
 * @example
 * ```ts
 * import { buildPaperOrVectorStatistics } from "ubias/claims";
 *
 * const stats = buildPaperOrVectorStatistics({ kind: "vector", vector: { dA: 2, dB: 3, condition: 4, seed: 7 } });
 * [stats.dA, stats.dB].sort(); // → [2, 3]
 * ```
 */
export function buildPaperOrVectorStatistics(c: PaperOrVectorCase): Statistics {
  return c.kind === "paper"
    ? buildPaperRandomFamily(c.paper)
    : orient(buildVectorStatistics(c.vector)).stats;
}
