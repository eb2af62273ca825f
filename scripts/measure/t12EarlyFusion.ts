// Exploration behind docs/theory.md T12's early-fusion clause ("may fail to learn the XOR part,
// depending on v"): final loss of two-layer early (Lf = 1) and late (Lf = 2) fusion ReLU
// networks on XOR + Gaussian data, over v, init scale, width and training time. The XOR part
// unlearned means a final loss ≈ ½·E[(x_A1 x_A2)²] = ½ (above the floor 0).
// Run: npx tsx scripts/measure/t12EarlyFusion.ts [seeds]
import { xorSampleSet } from "../../src/data/xor.ts";
import { simulateRelu } from "../../src/measurement/reluSimulation.ts";

const seeds = Number(process.argv[2] ?? 2);
const settings: { v: number; u0: number; width: number; maxTime: number }[] = [];
for (const v of [1, 4, 16, 64])
  for (const u0 of [1e-3, 1e-6])
    for (const width of [16, 4]) settings.push({ v, u0, width, maxTime: 100 });
for (const v of [16, 64]) settings.push({ v, u0: 1e-6, width: 16, maxTime: 20 });

console.log("v\tu0\twidth\tt_max\tseed\tfusion\tfinal loss\tdirections\tseconds");
for (const s of settings)
  for (let seed = 1; seed <= seeds; seed++)
    for (const fusionLayer of [1, 2] as const) {
      const started = performance.now();
      const samples = xorSampleSet({ variance: s.v, samples: 256, seed });
      const sim = simulateRelu({
        data: { kind: "samples", samples },
        depth: 2,
        fusionLayer,
        width: s.width,
        init: { kind: "gaussian", u0: s.u0, seed },
        // T12_CONFIG's step: η = 0.05/max(1, v) (stable over the recorded range).
        method: { kind: "gd", learningRate: 0.05 / Math.max(1, s.v) },
        until: "budget",
        maxTime: s.maxTime,
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `${s.v}\t${s.u0}\t${s.width}\t${s.maxTime}\t${seed}\t${fusionLayer === 1 ? "early" : "late"}\t${sim.finalLoss.toExponential(3)}\t${sim.directions.count}\t${seconds}`,
      );
    }
