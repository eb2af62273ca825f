import * as tf from "@tensorflow/tfjs-core";
import { type NormalSource, normalSource } from "../random/gaussian.js";
import { type MnistConfig, validateConfig } from "./config.js";
import { type DigitSplit, type Digits, PIXELS, shippedDigits, splitDigits } from "./digits.js";
import { disposeFcn, type FcnParams, fcnLogits, initFcn, lossAndGrads, sgdStep } from "./fcn.js";
import { useTensorBackend } from "./tensorBackend.js";
import { noisyViews, type Unimodal, unimodalViews, type ViewBatch } from "./views.js";

/** One epoch of a run: the test accuracies measured before its training, then its losses. */
export interface MnistEpoch {
  /** 1-based. */
  readonly epoch: number;
  readonly lr: number;
  /** Test accuracy on the corrupted pair (fresh views), on A alone (B blank), on B alone. */
  readonly accuracyAB: number;
  readonly accuracyA: number;
  readonly accuracyB: number;
  /** Loss of the epoch's first batch (the authors' `Ls`) and the mean over its batches. */
  readonly firstBatchLoss: number;
  readonly meanLoss: number;
}

/** A finished run: its configuration and one row per epoch. */
export interface MnistRun {
  readonly config: MnistConfig;
  readonly epochs: readonly MnistEpoch[];
  /** Wall-clock seconds of training and testing (data loading excluded). */
  readonly seconds: number;
}

/** What a caller can watch or supply besides the configuration. */
export interface TrainOptions {
  /** Called after every SGD step with (steps done, steps in the run). */
  readonly progress?: (done: number, total: number) => void;
  /** Called with each epoch's row as soon as it is complete. */
  readonly onEpoch?: (epoch: MnistEpoch) => void;
  /** The digits to use; default: the shipped digits split by the config's sizes. */
  readonly split?: DigitSplit;
}

/**
 * Independent random streams of a run, so that changing one use (say the width, which
 * changes how many init draws there are) does not shift the views or the batch order: for
 * the same seed, every Lf sees the same batches and the same views.
 */
function stream(seed: number, index: number): NormalSource {
  return normalSource(
    (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(index, 0x632be5ab)) >>> 0,
  );
}

function shuffled(count: number, rng: NormalSource): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

function batches(order: readonly number[], size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += size) out.push(order.slice(i, i + size));
  return out;
}

function tensors(views: ViewBatch, rows: number): [tf.Tensor2D, tf.Tensor2D] {
  return [tf.tensor2d(views.xA, [rows, PIXELS]), tf.tensor2d(views.xB, [rows, PIXELS])];
}

/** Fraction of `test` classified correctly from the views `make` builds, 1 000 rows at a time. */
function accuracy(
  params: FcnParams,
  test: Digits,
  make: (rows: readonly number[]) => ViewBatch,
): number {
  let correct = 0;
  for (const rows of batches(
    Array.from({ length: test.count }, (_, i) => i),
    1000,
  )) {
    const [xA, xB] = tensors(make(rows), rows.length);
    const predicted = tf.tidy(() => tf.argMax(fcnLogits(params, xA, xB), 1)).dataSync();
    xA.dispose();
    xB.dispose();
    rows.forEach((row, k) => {
      if (predicted[k] === test.labels[row]) correct++;
    });
  }
  return correct / test.count;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Trains the authors' FCN on the noisy two-view digits (docs/mnist.md): before each epoch
 * the three test accuracies, then one pass of plain SGD over the shuffled training set with
 * the epoch's learning rate. Same config (seed included) → the same numbers bit for bit
 * on the same backend.
 */
export async function trainMnist(
  config: MnistConfig,
  options: TrainOptions = {},
): Promise<MnistRun> {
  validateConfig(config);
  await useTensorBackend(config.backend);
  const { progress = () => {}, onEpoch = () => {} } = options;
  const { train, test } =
    options.split ?? splitDigits(shippedDigits(), config.trainSize, config.testSize);
  const start = performance.now();
  let params = initFcn(config, stream(config.seed, 1));
  const trainRng = stream(config.seed, 2);
  const testRng = stream(config.seed, 3);
  const steps = Math.ceil(train.count / config.batchSize);
  const epochs: MnistEpoch[] = [];
  try {
    for (let e = 1; e <= config.epochs; e++) {
      const lr = config.lr * config.gamma ** (e - 1);
      const unimodal = (only: Unimodal) => (rows: readonly number[]) =>
        unimodalViews(test.images, rows, only);
      const accuracyAB = accuracy(params, test, (rows) => noisyViews(test.images, rows, testRng));
      const accuracyA = accuracy(params, test, unimodal("A"));
      const accuracyB = accuracy(params, test, unimodal("B"));
      const losses: number[] = [];
      for (const rows of batches(shuffled(train.count, trainRng), config.batchSize)) {
        const [xA, xB] = tensors(noisyViews(train.images, rows, trainRng), rows.length);
        const labels = tf.tensor1d(
          rows.map((r) => train.labels[r] ?? 0),
          "int32",
        );
        const { loss, grads } = lossAndGrads(params, xA, xB, labels);
        losses.push(loss.dataSync()[0] ?? Number.NaN);
        for (const t of [xA, xB, labels, loss]) t.dispose();
        params = sgdStep(params, grads, lr);
        progress((e - 1) * steps + losses.length, config.epochs * steps);
        await yieldToEventLoop();
      }
      const row: MnistEpoch = {
        epoch: e,
        lr,
        accuracyAB,
        accuracyA,
        accuracyB,
        firstBatchLoss: losses[0] ?? Number.NaN,
        meanLoss: losses.reduce((s, l) => s + l, 0) / losses.length,
      };
      epochs.push(row);
      onEpoch(row);
    }
  } finally {
    disposeFcn(params);
  }
  return { config, epochs, seconds: (performance.now() - start) / 1000 };
}
