// Issue 18 item 2: which tfjs backend trains the MNIST FCN faster here. One SGD step
// (forward, the written-out backward pass, update) of the authors' FCN at a given width and
// batch, per backend, median of repeated steps after warm-up; prints a Markdown table.
// Run: npx tsx scripts/measure/mnistBackend.ts [width=500] [batch=1000] [steps=5]
import * as tf from "@tensorflow/tfjs-core";
import { shippedDigits, splitDigits } from "../../src/mnist/digits.js";
import { initFcn, lossAndGrads, sgdStep } from "../../src/mnist/fcn.js";
import { TENSOR_BACKENDS, useTensorBackend } from "../../src/mnist/tensorBackend.js";
import { noisyViews } from "../../src/mnist/views.js";
import { normalSource } from "../../src/random/gaussian.js";

const width = Number(process.argv[2] ?? 500);
const batch = Number(process.argv[3] ?? 1000);
const steps = Number(process.argv[4] ?? 5);
const { train } = splitDigits(shippedDigits(), batch, 100);
const rows = Array.from({ length: batch }, (_, i) => i);
const views = noisyViews(train.images, rows, normalSource(7));

console.log(`| backend | Lf | ms per step (median of ${steps}) | loss after the steps |`);
console.log("| --- | ---: | ---: | ---: |");
for (const backend of TENSOR_BACKENDS) {
  await useTensorBackend(backend);
  const xA = tf.tensor2d(views.xA, [batch, 784]);
  const xB = tf.tensor2d(views.xB, [batch, 784]);
  const labels = tf.tensor1d(Array.from(train.labels), "int32");
  for (const fusion of [1, 2, 3, 4]) {
    let params = initFcn({ depth: 4, fusion, width }, normalSource(1));
    const times: number[] = [];
    let last = Number.NaN;
    for (let s = 0; s < steps + 1; s++) {
      const t0 = performance.now();
      const { loss, grads } = lossAndGrads(params, xA, xB, labels);
      params = sgdStep(params, grads, 0.04);
      last = loss.dataSync()[0] ?? Number.NaN;
      loss.dispose();
      // The first step compiles and allocates: not timed.
      if (s > 0) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `| ${backend} | ${fusion} | ${times[Math.floor(times.length / 2)]?.toFixed(1)} | ${last.toFixed(6)} |`,
    );
  }
  tf.dispose([xA, xB, labels]);
}
