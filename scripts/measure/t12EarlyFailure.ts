// T12.early's measurement (docs/theory.md T12.early): how often two-layer early-fusion ReLU
// networks leave the XOR part of T12's target unlearned within the budget, against the variance
// v of the linear modality, over seeded data + init draws (seed s draws both, as T12's runs).
// Each run is the claim's own trial (properties/T12.early.ts earlyFusionTrial) at seeds 1..N;
// per v the fixture records the event count (no XOR point fitted), its Clopper-Pearson interval,
// how near the event's threshold the runs came (the smallest |r_j| per run, by tenths), the
// histogram of final losses over the plateau levels m/8 (m = XOR points left unfitted,
// src/measurement/xorFit.ts), and the same event at t = 100 (2.5 × the budget: is it a budget effect?).
// Writes fixtures/reference/t12-early-failure.json; re-running reproduces it byte for byte (all
// draws seeded; timing is printed, not recorded).
// Run: npx tsx scripts/measure/t12EarlyFailure.ts [seeds=100]
import { writeFileSync } from "node:fs";
import { earlyFusionTrial, T12_EARLY_CONFIG } from "../../properties/T12.early.ts";
import { clopperPearson } from "../../src/claims/binomialInterval.ts";
import { XOR_POINT_FITTED } from "../../src/measurement/xorFit.ts";

const seeds = Number(process.argv[2] ?? 100);
const variances = [0.25, 0.5, 1, 2, 3, 4, 5];
const CONFIDENCE = 0.95;
/** The budget-sensitivity check's training time (2.5 × the claim's t = 40). */
const LATER = 100;
const started = performance.now();
const perVariance = [];
for (const variance of variances) {
  const losses: number[] = [];
  const smallestResidual = new Array<number>(11).fill(0);
  let events = 0;
  let eventsLater = 0;
  let partlyFitted = 0;
  let maxLoss = 0;
  const statuses: Record<string, number> = {};
  for (let seed = 1; seed <= seeds; seed++) {
    const trial = earlyFusionTrial(variance, seed);
    losses.push(trial.finalLoss);
    if (trial.xorUnlearned) events++;
    if (trial.pointsFitted > 0 && trial.pointsFitted < 4) partlyFitted++;
    const nearest = Math.min(...trial.residuals.map(Math.abs));
    smallestResidual[Math.min(10, Math.floor(nearest * 10))]!++;
    if (earlyFusionTrial(variance, seed, { maxTime: LATER }).xorUnlearned) eventsLater++;
    maxLoss = Math.max(maxLoss, trial.finalLoss);
    statuses[trial.status] = (statuses[trial.status] ?? 0) + 1;
  }
  // Final losses by the nearest plateau level m/8 (ℒ ∈ [m/8 − 1/16, m/8 + 1/16)); the last bin
  // holds everything at or above 9/16 (a run still above the XOR-unlearned level ½).
  const levels = [0, 1, 2, 3, 4, 5].map(
    (m) => losses.filter((l) => l >= m / 8 - 1 / 16 && (m === 5 || l < m / 8 + 1 / 16)).length,
  );
  const interval = clopperPearson(events, seeds, CONFIDENCE);
  const row = {
    variance,
    trials: seeds,
    xorUnlearned: events,
    rate: events / seeds,
    interval: { lower: interval.lower, upper: interval.upper, confidence: CONFIDENCE },
    partlyFitted,
    smallestResidualByTenths: smallestResidual,
    xorUnlearnedAtT100: eventsLater,
    lossLevels: {
      "0": levels[0],
      "1/8": levels[1],
      "2/8": levels[2],
      "3/8": levels[3],
      "4/8": levels[4],
      ">=9/16": levels[5],
    },
    maxFinalLoss: maxLoss,
    statuses,
  };
  perVariance.push(row);
  console.log(JSON.stringify(row), `${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const fixture = {
  generator: "scripts/measure/t12EarlyFailure.ts",
  command: `npx tsx scripts/measure/t12EarlyFailure.ts ${seeds}`,
  versions: { node: process.versions.node.split(".")[0], ubias: "0.1.0" },
  config: {
    ...T12_EARLY_CONFIG,
    xorPointFitted: XOR_POINT_FITTED,
    laterMaxTime: LATER,
    seeds: `1..${seeds}`,
  },
  perVariance,
};
writeFileSync(
  new URL("../../fixtures/reference/t12-early-failure.json", import.meta.url),
  `${JSON.stringify(fixture, null, 2)}\n`,
);
