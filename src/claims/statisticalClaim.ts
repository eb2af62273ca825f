import type fc from "fast-check";
import { InputError } from "../errors/inputError.js";
import type { CaseDetails, CaseVerdict, Claim } from "./claim.js";
import type { ProportionHypothesis, StatisticalDesign } from "./statisticalVerdict.js";
import { confidencePercent, hypothesisText } from "./statisticalVerdict.js";
import { unmeasurable } from "./verdict.js";

/**
 * One trial's outcome in one arm: whether the event happened (optionally with what to print),
 * or why the trial could not be run to its end (a diverged run: the claim fails, as any
 * unmeasurable case does — a broken simulation is not an event).
 */
export type TrialOutcome =
  | boolean
  | { readonly event: boolean; readonly details?: CaseDetails }
  | { readonly unmeasurable: string; readonly details?: CaseDetails };

/** One Bernoulli experiment: a name (used in hypotheses and in the table) and its trial. */
export interface BernoulliArm<Case> {
  readonly name: string;
  readonly trial: (testCase: Case) => TrialOutcome;
}

/**
 * A claim about probabilities: the event rate of one or more arms, each estimated from seeded
 * Bernoulli trials, with hypotheses judged by Clopper-Pearson intervals (statisticalVerdict.ts).
 */
export interface StatisticalClaimSpec<Case> {
  readonly id: string;
  readonly statement: string;
  /** Where it is asserted: the configuration of the trials and the arms. */
  readonly domain: string;
  /** What the event is, e.g. "XOR part unlearned (no XOR point fitted)". */
  readonly event: string;
  /** The experiments; every trial runs each arm on the same generated case. */
  readonly arms: readonly BernoulliArm<Case>[];
  /** What is asserted about the arms' event probabilities. */
  readonly hypotheses: readonly ProportionHypothesis[];
  /** Confidence of each interval (e.g. 0.95). */
  readonly confidence: number;
  /** One trial's draw (e.g. its data and init seed); `ubias check --seed` fixes the draws. */
  readonly arbitrary: fc.Arbitrary<Case>;
  /** Trials per check by default (each arm runs on every one); `--runs` overrides. */
  readonly defaultTrials: number;
  /** Where the bounds come from: a recorded measurement and its script, and what n gives. */
  readonly source: string;
  /** The inputs printed with every trial (default: the case itself). */
  readonly describe?: (testCase: Case) => CaseDetails;
}

function validate<Case>(spec: StatisticalClaimSpec<Case>): void {
  if (!(spec.confidence > 0 && spec.confidence < 1)) {
    throw new InputError(`${spec.id}: confidence`, `must be in (0, 1), got ${spec.confidence}`);
  }
  const names = spec.arms.map((a) => a.name);
  if (names.length === 0) throw new InputError(`${spec.id}: arms`, "must name at least one arm");
  if (new Set(names).size !== names.length) {
    throw new InputError(`${spec.id}: arms`, `names must be distinct, got ${names.join(", ")}`);
  }
  if (spec.hypotheses.length === 0) {
    throw new InputError(`${spec.id}: hypotheses`, "must state at least one hypothesis");
  }
  const probability = (p: number) => p >= 0 && p <= 1;
  for (const h of spec.hypotheses) {
    const named = "smaller" in h ? [h.smaller, h.larger] : [h.arm];
    for (const arm of named) {
      if (!names.includes(arm)) {
        throw new InputError(
          `${spec.id}: hypotheses`,
          `${hypothesisText(h)} names the arm "${arm}", not one of ${names.join(", ")}`,
        );
      }
    }
    const bounds =
      "atLeast" in h ? [h.atLeast] : "atMost" in h ? [h.atMost] : "within" in h ? h.within : [];
    if (!bounds.every(probability) || ("within" in h && h.within[0] > h.within[1])) {
      throw new InputError(
        `${spec.id}: hypotheses`,
        `${hypothesisText(h)}: bounds must be probabilities in [0, 1] (low ≤ high)`,
      );
    }
  }
}

/**
 * Defines a statistical claim: each generated case is one trial, run in every arm; each arm's
 * events over the trials give a Clopper-Pearson interval at `confidence`, and the claim holds
 * when every hypothesis holds for every p in the intervals, is refuted when one is excluded by
 * them, and is otherwise inconclusive (the table says so; more trials, `--runs`, decide). Like
 * any claim it runs in `ubias check` (a file under `--claims` too), shards and merges, and the
 * same seed gives the same trials and counts; `--path k` replays trial k alone.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { checkClaim, defineStatisticalClaim } from "ubias/claims";
 *
 * // A seeded coin (a stand-in for a simulation's outcome): heads with probability `bias`.
 * const coin = (seed: number, bias: number) => Math.abs(Math.sin(seed + 1) * 1e4) % 1 < bias;
 * const claim = defineStatisticalClaim({
 *   id: "U92",
 *   statement: "the biased coin comes up more often than the fair-ish one",
 *   domain: "seeds 0 ≤ s ≤ 10⁶",
 *   event: "heads",
 *   arms: [
 *     { name: "bias 0.1", trial: (seed: number) => coin(seed, 0.1) },
 *     { name: "bias 0.9", trial: (seed: number) => coin(seed, 0.9) },
 *   ],
 *   hypotheses: [{ smaller: "bias 0.1", larger: "bias 0.9" }, { arm: "bias 0.9", atLeast: 0.5 }],
 *   confidence: 0.95,
 *   arbitrary: fc.nat({ max: 1_000_000 }),
 *   defaultTrials: 40,
 *   source: "the coins' biases (n = 40: a 0/40 arm's interval is [0, 0.088])",
 * });
 * const result = checkClaim(claim, { seed: 1 });
 * result.statistical?.verdict; // → "holds"
 * result.holds; // → true
 * // The opposite statement is refuted by the same trials.
 * const opposite = defineStatisticalClaim({
 *   ...claim.spec,
 *   id: "U92.opposite",
 *   hypotheses: [{ arm: "bias 0.9", atMost: 0.5 }],
 * });
 * checkClaim(opposite, { seed: 1 }).statistical?.verdict; // → "refuted"
 * ```
 */
export function defineStatisticalClaim<Case>(
  spec: StatisticalClaimSpec<Case>,
): Claim<Case> & { readonly spec: StatisticalClaimSpec<Case> } {
  validate(spec);
  const design: StatisticalDesign = {
    event: spec.event,
    arms: spec.arms.map((a) => a.name),
    hypotheses: spec.hypotheses,
    confidence: spec.confidence,
  };
  const percent = confidencePercent(spec.confidence);
  return {
    id: spec.id,
    statement: spec.statement,
    domain: spec.domain,
    tolerance: `Clopper-Pearson ${percent} interval of "${spec.event}" per arm; asserted: ${spec.hypotheses.map(hypothesisText).join(", ")}; ${spec.source}`,
    arbitrary: spec.arbitrary,
    defaultRuns: spec.defaultTrials,
    statistical: design,
    spec,
    check(testCase: Case): CaseVerdict {
      const inputs = spec.describe ? spec.describe(testCase) : { case: testCase };
      const events: string[] = [];
      const outcomes: Record<string, unknown> = {};
      for (const arm of spec.arms) {
        const raw = arm.trial(testCase);
        const outcome = typeof raw === "boolean" ? { event: raw } : raw;
        if ("unmeasurable" in outcome) {
          return unmeasurable(`${arm.name}: ${outcome.unmeasurable}`, {
            ...inputs,
            arm: arm.name,
            ...outcome.details,
          });
        }
        if (outcome.event) events.push(arm.name);
        outcomes[arm.name] = { event: outcome.event, ...outcome.details };
      }
      return { kind: "observed", events, details: { ...inputs, outcomes } };
    },
  };
}
