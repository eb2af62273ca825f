// T10.unimodal-stall: late fusion with dA ≥ P interpolates with modality A alone; B stalls at
// the size it reached by t_A. Leading order (two layers, small init): each modality's total
// map grows from ~u0² like e^{2 ŝ_m t} (ŝ_m = ‖Σ̂_yxm‖) while the data residual is ≈ y; A
// interpolates at t_A ≈ ln(1/u0²)/(2 ŝ_A), after which the residual is 0 and B's gradient
// vanishes. Hence ‖W_B^stall‖ ∝ u0^{2(1 − k̂)}, k̂ = ŝ_B/ŝ_A. This script measures the slope
// of ln ‖W_B^final‖ against ln u0 and compares it with 2(1 − k̂).
// Run: npx tsx scripts/measure/t10Stall.ts [D-scale: full|small]
import { sampleMoments } from "../../src/data/moments.ts";
import { sampleFromStatistics } from "../../src/data/sampleFromStatistics.ts";
import { t10Statistics } from "../../src/data/t10Family.ts";
import { simulateOnSamples } from "../../src/measurement/finiteData.ts";

const full = (process.argv[2] ?? "full") === "full";
const configs = full
  ? [{ dA: 50, dB: 50, P: 40, width: 100 }]
  : [
      { dA: 6, dB: 6, P: 4, width: 8 },
      { dA: 8, dB: 4, P: 6, width: 8 },
      { dA: 5, dB: 7, P: 5, width: 16 },
    ];
const u0s = [1e-1, 1e-2, 1e-3, 1e-4, 1e-6, 1e-8];
for (const cfg of configs) {
  for (const seed of full ? [1, 2, 3] : [1, 2, 3, 4]) {
    const population = t10Statistics({ dA: cfg.dA, dB: cfg.dB });
    const samples = sampleFromStatistics(population, { samples: cfg.P, seed });
    const m = sampleMoments(samples);
    const sA = Math.hypot(...m.sigmaYX.slice(0, cfg.dA));
    const sB = Math.hypot(...m.sigmaYX.slice(cfg.dA));
    const k = sB / sA;
    const rows: [number, number][] = [];
    for (const u0 of u0s) {
      const t0 = performance.now();
      const r = simulateOnSamples({
        samples,
        moments: m,
        depth: 2,
        fusionLayer: 2,
        width: cfg.width,
        init: { kind: "gaussian", u0, seed: seed + 1000 },
        method: { kind: "flow" },
        maxSteps: 200_000,
      });
      rows.push([u0, r.final.normB]);
      const wB = Math.hypot(...r.solution.w.slice(cfg.dA));
      console.log(
        `dA=${cfg.dA} dB=${cfg.dB} P=${cfg.P} h=${cfg.width} seed=${seed} u0=${u0.toExponential(0)}: ‖W_B‖=${r.final.normB.toExponential(3)} (‖Ŵ_B^mn‖ ${wB.toPrecision(3)}), loss ${r.final.trainingLoss.toExponential(1)}, ${r.run.status}, ${r.run.steps} steps, ${((performance.now() - t0) / 1000).toFixed(2)} s`,
      );
    }
    const slopes = rows
      .slice(1)
      .map(([u, b], i) => Math.log(b / rows[i]![1]) / Math.log(u / rows[i]![0]));
    console.log(
      `  k̂ = ${k.toFixed(4)}, predicted exponent 2(1−k̂) = ${(2 * (1 - k)).toFixed(4)}; local slopes ${slopes.map((s) => s.toFixed(3)).join(", ")}`,
    );
  }
}
