import type { MnistConfig } from "../mnist/config.js";
import type { ModalityDelay } from "../mnist/delay.js";
import type { MnistEpoch, MnistRun } from "../mnist/train.js";

/** The run's configuration in one line. */
export function mnistHeader(config: MnistConfig): string {
  return (
    `noisy two-view MNIST: FCN L = ${config.depth}, Lf = ${config.fusion}, width ${config.width}; ` +
    `${config.trainSize} training / ${config.testSize} test digits, batch ${config.batchSize}, ` +
    `SGD lr ${config.lr} × ${config.gamma}^(epoch − 1), ${config.epochs} epochs, seed ${config.seed}, ` +
    `tfjs ${config.backend}\n` +
    "accuracies are measured on the test digits before each epoch's training; loss is that epoch's training loss\n" +
    "epoch  acc A&B  acc A  acc B  loss(mean)  loss(1st batch)\n"
  );
}

/** One epoch's row of the table. */
export function mnistEpochLine(e: MnistEpoch): string {
  const acc = (a: number) => a.toFixed(3).padStart(5);
  return `${String(e.epoch).padStart(5)}  ${acc(e.accuracyAB).padStart(7)}  ${acc(e.accuracyA)}  ${acc(e.accuracyB)}  ${e.meanLoss.toFixed(4).padStart(10)}  ${e.firstBatchLoss.toFixed(4).padStart(15)}\n`;
}

/** The closing lines: when A and B were learned, and the time. */
export function mnistFooter(run: MnistRun, delay: ModalityDelay): string {
  const when = (n: number | undefined) =>
    n === undefined ? `not within ${run.epochs.length} epochs` : `after ${n} epochs`;
  const lag =
    delay.delay !== undefined
      ? `B lags A by ${delay.delay} epochs`
      : delay.delayAtLeast !== undefined
        ? `B lags A by more than ${delay.delayAtLeast - 1} epochs`
        : "A was not learned";
  return (
    `learned (test accuracy ≥ ${delay.level} alone): A ${when(delay.epochsA)}, B ${when(delay.epochsB)}: ${lag}\n` +
    `time: ${run.seconds.toFixed(1)} s (${(run.seconds / run.epochs.length).toFixed(2)} s per epoch)\n`
  );
}

/** The CSV of a run: one row per epoch, the numbers as computed. */
export function mnistCsv(run: MnistRun): string {
  const head = "epoch,lr,accuracy_ab,accuracy_a,accuracy_b,mean_loss,first_batch_loss\n";
  return (
    head +
    run.epochs
      .map((e) =>
        [e.epoch, e.lr, e.accuracyAB, e.accuracyA, e.accuracyB, e.meanLoss, e.firstBatchLoss].join(
          ",",
        ),
      )
      .join("\n") +
    "\n"
  );
}
