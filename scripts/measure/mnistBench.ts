// Issue 18 item 6: per-epoch time of `ubias mnist` (tfjs WebAssembly, one thread) against
// the authors' PyTorch FCN (scripts/measure/mnistTorch.py over their MNIST/model.py) on the
// same configuration and the same digits, in paired alternating runs: ubias, PyTorch,
// ubias, PyTorch, … Each run trains EPOCHS epochs; its first epoch is a warm-up and is not
// counted. Prints the per-epoch medians and their ratio.
// Run: npx tsx scripts/measure/mnistBench.ts AUTHORS_MNIST_DIR [width=100] [batch=100]
//        [train=2000] [test=1000] [epochs=3] [pairs=3] [python=/usr/bin/python3]
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SCALED_CONFIG } from "../../src/mnist/config.js";
import { PIXELS, shippedDigits, splitDigits } from "../../src/mnist/digits.js";
import { trainMnist } from "../../src/mnist/train.js";
import { PIXEL_MEAN, PIXEL_STD } from "../../src/mnist/views.js";

const [modelDir, ...rest] = process.argv.slice(2);
if (modelDir === undefined)
  throw new Error(
    "usage: mnistBench.ts AUTHORS_MNIST_DIR [width batch train test epochs pairs python]",
  );
const [width, batch, trainSize, testSize, epochs, pairs] = [100, 100, 2000, 1000, 3, 3].map(
  (d, i) => (rest[i] === undefined ? d : Number(rest[i])),
) as [number, number, number, number, number, number];
const python = rest[6] ?? "/usr/bin/python3";
const fusion = 2;

const split = splitDigits(shippedDigits(), trainSize, testSize);
const prefix = join(tmpdir(), `ubias-mnist-bench-${process.pid}`);
for (const [name, set] of [
  ["train", split.train],
  ["test", split.test],
] as const) {
  const normalised = Float32Array.from(set.images, (v) => (v - PIXEL_MEAN) / PIXEL_STD);
  writeFileSync(`${prefix}-${name}-images.f32`, normalised);
  writeFileSync(`${prefix}-${name}-labels.u8`, set.labels);
}
const torchScript = fileURLToPath(new URL("./mnistTorch.py", import.meta.url));

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ubiasEpochs: number[] = [];
const torchEpochs: number[] = [];
let torchThreads = 0;
for (let pair = 0; pair < pairs; pair++) {
  const stamps: number[] = [performance.now()];
  await trainMnist(
    {
      ...SCALED_CONFIG,
      fusion,
      width,
      batchSize: batch,
      trainSize,
      testSize,
      epochs,
      seed: pair + 1,
    },
    { split, onEpoch: () => stamps.push(performance.now()) },
  );
  // trainMnist's clock starts after the backend and data are ready; stamps[0] is before the
  // call, so epoch 1 (dropped) absorbs that set-up.
  const own = stamps.slice(1).map((t, i) => (t - stamps[i]!) / 1000);
  ubiasEpochs.push(...own.slice(1));
  const out = execFileSync(
    python,
    [
      torchScript,
      modelDir,
      prefix,
      String(fusion),
      String(width),
      String(batch),
      String(epochs),
      String(pair + 1),
    ],
    { encoding: "utf8" },
  );
  const rows = out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { seconds: number; threads: number });
  torchThreads = rows[0]?.threads ?? 0;
  torchEpochs.push(...rows.slice(1).map((r) => r.seconds));
  console.log(
    `pair ${pair + 1}: ubias ${own.map((s) => s.toFixed(2)).join(" ")} s; PyTorch ${rows.map((r) => r.seconds.toFixed(2)).join(" ")} s`,
  );
}
const u = median(ubiasEpochs);
const t = median(torchEpochs);
console.log(
  `FCN L = 4, Lf = ${fusion}, width ${width}, batch ${batch}, ${trainSize}/${testSize} digits (${PIXELS} px): ` +
    `ubias ${u.toFixed(2)} s/epoch (median of ${ubiasEpochs.length}), PyTorch ${t.toFixed(2)} s/epoch (median of ${torchEpochs.length}, ${torchThreads} thread${torchThreads === 1 ? "" : "s"}): ubias/PyTorch = ${(u / t).toFixed(2)}`,
);
