import type fc from "fast-check";
import type { CaseDetails, CaseVerdict, Claim } from "./claim.js";
import { measured, outOfDomainText, unmeasurable } from "./verdict.js";

/**
 * A measurement of one case: a number, or a number with what to print beside it, or the
 * reason it could not be measured (a threshold not reached, a diverged run: a failure), or
 * the reason the run left the validity domain (an assumption only the run can show, e.g.
 * T2's B-excursion).
 */
export type Measurement =
  | number
  | { readonly value: number; readonly details?: CaseDetails }
  | { readonly unmeasurable: string; readonly details?: CaseDetails }
  | { readonly outOfDomain: string; readonly details?: CaseDetails };

/** A named tolerance: its value (fixed or per case), how the error is taken, and its source. */
export interface ConjectureTolerance<Case> {
  /** "relative": |measured − predicted|/|predicted|; "absolute": |measured − predicted|. */
  readonly kind: "relative" | "absolute";
  readonly value: number | ((testCase: Case) => number);
  /** Where the value comes from: a derivation or a recorded measurement (and its script). */
  readonly source: string;
}

/**
 * A conjecture as the five parts of a claim: generated cases, a validity domain, a
 * prediction, a measurement and a named tolerance. `defineConjecture` turns it into a Claim
 * that the catalogue runs (vitest and `ubias check`) like any other.
 */
export interface ConjectureSpec<Case> {
  /** "U1", "U2.deep", ...: U is the series of user conjectures (X: the suite's own). */
  readonly id: string;
  readonly statement: string;
  /** Where it is asserted: the generated domain and the assumptions. */
  readonly domain: string;
  readonly arbitrary: fc.Arbitrary<Case>;
  /** Cases per check by default (keep the claim under ~3 s). */
  readonly defaultRuns: number;
  /** The reason a case is outside the validity domain, or undefined inside it. */
  readonly outOfDomain?: (testCase: Case) => string | undefined;
  readonly predict: (testCase: Case) => number;
  readonly measure: (testCase: Case) => Measurement;
  readonly tolerance: ConjectureTolerance<Case>;
  /** The inputs printed with every verdict (default: the case itself). */
  readonly describe?: (testCase: Case) => CaseDetails;
}

/**
 * Defines a conjecture: outside the domain → out-of-domain with the reason; else predict,
 * measure and compare. A non-finite prediction is an unmeasurable case (a failure).
 *
 * @example
 * ```ts
 * import { checkClaim, defineConjecture, fromToy, lateFusionRatio, orient, toyParameters } from "ubias/claims";
 *
 * // For the paper's teacher w = (1, 1), T2's ratio is 1 + (σA² − σB²)/(σB²(1 − ρ²)).
 * const closedForm = defineConjecture({
 *   id: "U93",
 *   statement: "T2's ratio in the toy family's own parameters",
 *   domain: "toy family w = (1, 1), σA/σB ∈ [1.1, 3], ρ ∈ [−0.9, 0.9]",
 *   arbitrary: toyParameters(),
 *   defaultRuns: 50,
 *   predict: (toy) => lateFusionRatio(orient(fromToy(toy)).stats).ratio,
 *   measure: ({ sigmaA, sigmaB, rho }) =>
 *     1 + (sigmaA ** 2 - sigmaB ** 2) / (sigmaB ** 2 * (1 - rho ** 2)),
 *   tolerance: { kind: "relative", value: 1e-9, source: "an identity: round-off only" },
 * });
 * const result = checkClaim(closedForm, { seed: 1 });
 * result.holds; // → true
 * result.conjecture; // → true
 * ```
 */
export function defineConjecture<Case>(spec: ConjectureSpec<Case>): Claim<Case> {
  const { tolerance } = spec;
  const toleranceText =
    typeof tolerance.value === "number"
      ? `${tolerance.kind === "relative" ? `${tolerance.value * 100}%` : tolerance.value} ${tolerance.kind}: ${tolerance.source}`
      : `${tolerance.kind}, per case: ${tolerance.source}`;
  return {
    id: spec.id,
    statement: spec.statement,
    domain: spec.domain,
    tolerance: toleranceText,
    arbitrary: spec.arbitrary,
    defaultRuns: spec.defaultRuns,
    check(testCase: Case): CaseVerdict {
      const inputs = spec.describe ? spec.describe(testCase) : { case: testCase };
      const reason = spec.outOfDomain?.(testCase);
      if (reason !== undefined) return outOfDomainText(reason, inputs);
      const predicted = spec.predict(testCase);
      if (!Number.isFinite(predicted)) {
        return unmeasurable("prediction is not a finite number", { ...inputs, predicted });
      }
      const measurement = spec.measure(testCase);
      const m = typeof measurement === "number" ? { value: measurement } : measurement;
      if ("unmeasurable" in m) {
        return unmeasurable(m.unmeasurable, { ...inputs, predicted, ...m.details });
      }
      if ("outOfDomain" in m) {
        return outOfDomainText(m.outOfDomain, { ...inputs, predicted, ...m.details });
      }
      const details = { ...inputs, predicted, measured: m.value, ...m.details };
      const limit =
        typeof tolerance.value === "number" ? tolerance.value : tolerance.value(testCase);
      const difference = m.value - predicted;
      const relative = tolerance.kind === "relative";
      return measured({
        error: relative ? difference / Math.abs(predicted) : difference,
        tolerance: limit,
        relative,
        details,
      });
    },
  };
}
