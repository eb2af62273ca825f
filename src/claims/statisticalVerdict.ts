import { InternalError } from "../errors/internalError.js";
import { formatSignificant } from "../format/numbers.js";
import type { ProportionInterval } from "./binomialInterval.js";
import { clopperPearson } from "./binomialInterval.js";

/*
 * The verdict of a statistical claim (defineStatisticalClaim, src/claims/statisticalClaim.ts)
 * from its event counts. Apart from the runner (no fast-check) so that `ubias merge` judges the
 * merged counts of a sharded run with the same code.
 *
 * Each arm is a Bernoulli experiment with unknown event probability p; n trials with k events
 * give its Clopper-Pearson interval at the design's confidence. A hypothesis about the p's
 *   holds         when every p in the interval(s) satisfies it (the data show it),
 *   is refuted    when no p in the interval(s) does (the data exclude it),
 *   is inconclusive otherwise (more trials would decide: `--runs`).
 * The claim holds when every hypothesis holds and is refuted when one is refuted. Each
 * interval covers its p with probability ≥ the confidence, so with m intervals all cover at
 * once with probability ≥ 1 − m(1 − confidence) (Bonferroni): a claim with m arms "holds" by
 * chance with probability ≤ m(1 − confidence) when it is false.
 */

/** A statement about the event probabilities of the arms, named by their `name`. */
export type ProportionHypothesis =
  | { readonly arm: string; readonly atLeast: number }
  | { readonly arm: string; readonly atMost: number }
  | { readonly arm: string; readonly within: readonly [number, number] }
  | { readonly smaller: string; readonly larger: string };

/** What the runner needs to judge the counts: JSON-safe, carried in the result for `merge`. */
export interface StatisticalDesign {
  /** What a trial's event is, e.g. "XOR part unlearned". */
  readonly event: string;
  /** The arms' names, in order; each is also the tag its events are counted under. */
  readonly arms: readonly string[];
  readonly hypotheses: readonly ProportionHypothesis[];
  /** Confidence of each Clopper-Pearson interval, in (0, 1). */
  readonly confidence: number;
}

/** A hypothesis's (and a claim's) verdict: shown, excluded, or neither by the intervals. */
export type StatisticalVerdict = "holds" | "refuted" | "inconclusive";

/** One arm's estimate: events of trials and its interval. */
export interface ArmEstimate {
  readonly arm: string;
  readonly trials: number;
  readonly events: number;
  readonly lower: number;
  readonly upper: number;
}

/** One hypothesis, its text and its verdict on the intervals. */
export interface HypothesisResult {
  readonly hypothesis: ProportionHypothesis;
  /** e.g. "p(v = 5) ≥ 0.5". */
  readonly text: string;
  readonly verdict: StatisticalVerdict;
}

/** The statistical part of a ClaimResult: the design, the estimates, the verdicts. */
export interface StatisticalResult {
  readonly design: StatisticalDesign;
  readonly arms: readonly ArmEstimate[];
  readonly hypotheses: readonly HypothesisResult[];
  readonly verdict: StatisticalVerdict;
}

/** The hypothesis as text, in the arms' names. */
export function hypothesisText(h: ProportionHypothesis): string {
  if ("smaller" in h) return `p(${h.smaller}) < p(${h.larger})`;
  if ("atLeast" in h) return `p(${h.arm}) ≥ ${h.atLeast}`;
  if ("atMost" in h) return `p(${h.arm}) ≤ ${h.atMost}`;
  return `p(${h.arm}) ∈ [${h.within[0]}, ${h.within[1]}]`;
}

/** Decides one hypothesis from the intervals of the arms it names. */
function decide(
  h: ProportionHypothesis,
  interval: (arm: string) => ProportionInterval,
): StatisticalVerdict {
  // [a, b] ⊆ [lo, hi] holds; disjoint refutes; a one-sided bound is [bound, 1] or [0, bound].
  const inside = (arm: string, lo: number, hi: number): StatisticalVerdict => {
    const i = interval(arm);
    if (i.lower >= lo && i.upper <= hi) return "holds";
    if (i.upper < lo || i.lower > hi) return "refuted";
    return "inconclusive";
  };
  if ("smaller" in h) {
    const s = interval(h.smaller);
    const l = interval(h.larger);
    // Every p_s below every p_l: holds; every p_s above every p_l: refuted.
    if (s.upper < l.lower) return "holds";
    if (s.lower > l.upper) return "refuted";
    return "inconclusive";
  }
  if ("atLeast" in h) return inside(h.arm, h.atLeast, 1);
  if ("atMost" in h) return inside(h.arm, 0, h.atMost);
  return inside(h.arm, h.within[0], h.within[1]);
}

/**
 * Judges the design on `trials` observed trials (every arm is run on every trial) and the
 * event count of each arm (`events[arm]`, absent = 0). Zero trials: every hypothesis is
 * inconclusive (nothing was observed).
 */
export function judgeStatistical(
  design: StatisticalDesign,
  trials: number,
  events: Readonly<Record<string, number>>,
): StatisticalResult {
  const arms: ArmEstimate[] = design.arms.map((arm) => {
    const k = events[arm] ?? 0;
    if (k > trials) throw new InternalError(`arm ${arm}: ${k} events in ${trials} trials`);
    const interval =
      trials === 0 ? { lower: 0, upper: 1 } : clopperPearson(k, trials, design.confidence);
    return { arm, trials, events: k, lower: interval.lower, upper: interval.upper };
  });
  const byName = new Map(arms.map((a) => [a.arm, a]));
  const interval = (arm: string): ProportionInterval => {
    const a = byName.get(arm);
    if (a === undefined) throw new InternalError(`hypothesis names an unknown arm ${arm}`);
    return { lower: a.lower, upper: a.upper, confidence: design.confidence };
  };
  const hypotheses = design.hypotheses.map((hypothesis) => ({
    hypothesis,
    text: hypothesisText(hypothesis),
    verdict: trials === 0 ? ("inconclusive" as const) : decide(hypothesis, interval),
  }));
  const verdicts = hypotheses.map((h) => h.verdict);
  const verdict: StatisticalVerdict = verdicts.includes("refuted")
    ? "refuted"
    : verdicts.every((v) => v === "holds")
      ? "holds"
      : "inconclusive";
  return { design, arms, hypotheses, verdict };
}

/** The confidence as a percentage without trailing zeros: 0.95 → "95%", 0.999 → "99.9%". */
export function confidencePercent(confidence: number): string {
  return `${Number((confidence * 100).toPrecision(10))}%`;
}

/**
 * One line for the claims table: each arm's events/trials and interval, e.g.
 * "v = 1: 0/20 [0, 0.168]; v = 5: 19/20 [0.751, 0.999] (95%)".
 */
export function formatStatistical(result: StatisticalResult): string {
  const arms = result.arms.map(
    (a) =>
      `${a.arm}: ${a.events}/${a.trials} [${formatSignificant(a.lower)}, ${formatSignificant(a.upper)}]`,
  );
  return `${arms.join("; ")} (${confidencePercent(result.design.confidence)})`;
}

/**
 * The verdict of each hypothesis with the estimates it rests on, one line each, e.g.
 * "p(v = 5) ≥ 0.5: holds (v = 5: 27/30, 95% interval [0.735, 0.979])".
 */
export function statisticalLines(result: StatisticalResult): string[] {
  const estimate = (arm: string) => {
    const a = result.arms.find((x) => x.arm === arm);
    if (a === undefined) return arm;
    return `${a.arm}: ${a.events}/${a.trials}, ${confidencePercent(result.design.confidence)} interval [${formatSignificant(a.lower)}, ${formatSignificant(a.upper)}]`;
  };
  return result.hypotheses.map((h) => {
    const arms =
      "smaller" in h.hypothesis ? [h.hypothesis.smaller, h.hypothesis.larger] : [h.hypothesis.arm];
    return `${h.text}: ${h.verdict} (${arms.map(estimate).join("; ")})`;
  });
}
