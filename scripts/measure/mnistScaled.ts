// Issue 18: the scaled noisy two-view MNIST runs (SCALED_CONFIG) for Lf = 1..4 over seeds,
// every epoch recorded, written to fixtures/reference/mnist-scaled-runs.json; docs/mnist.md
// reads its numbers from there. One run after another on one core (~2.5 min each here).
// Run: npx tsx scripts/measure/mnistScaled.ts [seeds=1,2,3] [out=fixtures/reference/mnist-scaled-runs.json] [width]
// (a width other than the scaled 100 wrote fixtures/counterexamples/T14-width-500.json: seeds
// 1-5, width 500, T14's counterexample at the authors' width).
import { writeFileSync } from "node:fs";
import { SCALED_CONFIG } from "../../src/mnist/config.js";
import { type MnistRun, trainMnist } from "../../src/mnist/train.js";

const seeds = (process.argv[2] ?? "1,2,3").split(",").map(Number);
const out = process.argv[3] ?? "fixtures/reference/mnist-scaled-runs.json";
const width = process.argv[4] === undefined ? SCALED_CONFIG.width : Number(process.argv[4]);
const runs: MnistRun[] = [];
for (const seed of seeds)
  for (const fusion of [1, 2, 3, 4]) {
    const run = await trainMnist({ ...SCALED_CONFIG, width, fusion, seed });
    runs.push(run);
    console.log(`seed ${seed} Lf ${fusion}: ${run.seconds.toFixed(1)} s`);
    // Written after every run, so a stopped sweep keeps what it finished.
    writeFileSync(
      out,
      `${JSON.stringify({ measured: new Date().toISOString().slice(0, 10), node: process.version, runs }, null, 1)}\n`,
    );
  }
