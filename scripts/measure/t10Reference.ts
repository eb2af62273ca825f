// docs/theory.md §6 T10 reference facts, reproduced with ubias (claims T10.*): D = 100 (dA = dB = 50),
// Var A = 3, Var B = 1, w* = 0.1·1, σ_ε = 0.5, width 100, gradient descent lr 0.04 (1200 steps;
// 4000 at P = 40), Gaussian init per-entry std u0. Then the stalled ‖W_B^tot‖ at P = 40 ≤ dA
// against u0. Run: npx tsx scripts/measure/t10Reference.ts [u0] [seed]
import { sampleFromStatistics } from "../../src/data/sampleFromStatistics.ts";
import { t10Statistics } from "../../src/data/t10Family.ts";
import { simulateOnSamples } from "../../src/measurement/finiteData.ts";
import { generalisationError } from "../../src/measurement/generalisation.ts";

const u0 = Number(process.argv[2] ?? 1e-3);
const seed = Number(process.argv[3] ?? 1);
const population = t10Statistics();
const eg = generalisationError(population);
const fmt = (v: number) => v.toPrecision(4);

for (const [P, steps] of [
  [70, 1200],
  [700, 1200],
  [40, 4000],
] as const) {
  const samples = sampleFromStatistics(population, { samples: P, seed });
  const runs = ([1, 2] as const).map((fusionLayer) => {
    const t0 = performance.now();
    const r = simulateOnSamples({
      samples,
      depth: 2,
      fusionLayer,
      width: 100,
      init: { kind: "gaussian", u0, seed: seed + 1000 },
      method: { kind: "gd", learningRate: 0.04 },
      maxSteps: steps,
      population,
    });
    return { r, seconds: (performance.now() - t0) / 1000 };
  });
  console.log(
    `P = ${P} (${runs[0]!.r.solution.kind}, E_g of it ${fmt(runs[0]!.r.solutionEg!)}), u0 = ${u0}, seed ${seed}`,
  );
  for (const [i, { r, seconds }] of runs.entries()) {
    const name = i === 0 ? "early" : "late ";
    const f = r.final;
    const at400 = r.eg!.reduce((best, s) =>
      Math.abs(s.t - 16) < Math.abs(best.t - 16) ? s : best,
    );
    console.log(
      `  ${name}: dist to solution ${fmt(f.distanceToSolution)}, E_g ${fmt(f.eg!)}, ‖W_A‖ ${fmt(f.normA)}, ‖W_B‖ ${fmt(f.normB)}, loss ${f.trainingLoss.toExponential(2)}, E_g(t≈${fmt(at400.t)}) ${fmt(at400.eg)}, t_A ${fmt(r.run.crossings.A?.t ?? Number.NaN)}, t_B ${fmt(r.run.crossings.B?.t ?? Number.NaN)}, ${r.run.status} after ${r.run.steps} steps, ${seconds.toFixed(1)} s`,
    );
  }
  const solutionA = Math.hypot(...runs[0]!.r.solution.w.slice(0, 50));
  const solutionB = Math.hypot(...runs[0]!.r.solution.w.slice(50));
  console.log(
    `  solution: ‖Ŵ_A‖ ${fmt(solutionA)}, ‖Ŵ_B‖ ${fmt(solutionB)}; E_g(w*-free 0) ${fmt(eg(new Array(100).fill(0)))}`,
  );
}
