import type { Command } from "commander";
import { InputError } from "../errors/inputError.js";
import { runSeedSweep } from "../experiment/repeats.js";
import { runExperiment } from "../experiment/run.js";
import { formatJson } from "../format/json.js";
import { MAX_WIDTH } from "../network/architecture.js";
import { DEFAULT_FLOW_RTOL, MIN_FLOW_RTOL } from "../training/gradientFlow.js";
import { addArchitectureOptions } from "./architectureOptions.js";
import { addDataOptions, statisticsFromOptions } from "./dataOptions.js";
import type { CommandContext } from "./io.js";
import { openOutputFile } from "./outputFile.js";
import { runProgress } from "./runProgress.js";
import {
  addFiniteDataOptions,
  dataChoiceFromOptions,
  experimentData,
  withXorDefaults,
} from "./simulateData.js";
import type { SimulateOptionValues } from "./simulateOptions.js";
import { experimentInput, MAX_REPEATS, simulateSettings } from "./simulateOptions.js";
import { simulateRepeatsReport, simulateReport } from "./simulateReport.js";
import { repeatsText, simulateText } from "./simulateText.js";
import { trajectoryCsv } from "./trajectoryCsv.js";

/**
 * `ubias simulate`: options → an experiment (src/experiment) → its report as text or JSON,
 * and the trajectory as CSV.
 */

const SIMULATE_HELP = `
Times are in units of τ. Defaults: width 8, --init gaussian, --seed 0, --method flow with
rtol ${DEFAULT_FLOW_RTOL} (the trainer's), u0 1e-6; without --max-time/--max-steps the
trainer's budgets apply (flow: t ≤ 1e15 and 1e6 accepted steps; gd: 1e7 steps).
--lr is required with --method gd and rejected with flow; --rtol is for flow only.

--repeats N (Gaussian init only) runs seeds seed … seed + N − 1 and adds "repeats":
{runs: [{seed, ratio, tA, tB, reached, status, steps, nextOrder}], ratio: {count, mean,
median, min, max, std, q1, q3, iqr} over the runs that reached t_B, medianRelativeError,
notReached, wallSeconds}; the other keys are the first run's (seed). std is the sample
standard deviation (n − 1), quartiles interpolate linearly.

Two-layer late fusion (--depth 2 --fusion 2) adds prediction.nextOrder {ratio, tA, tB,
status, relativeError}: the next-order prediction for this run's own initial weights
(all orders in 1/ln(1/u0) that T2 drops; src/theory/nextOrderLateFusion.ts).

docs/theory.md names the faster modality A: when that is your B, "swapped" is true, t_A/t_B use
docs/theory.md's labels, "firstModality" and every W^tot (final, plateau, --trajectory columns
wA_*, wB_*) use yours.

A threshold not reached, a divergence or a step-size underflow is reported ("reached":
false, "status"; null times in JSON) with exit code 0: the simulation ran and its outcome
is data. Exit codes: 0 ran, 2 bad input, 3 internal error.

Finite data and ReLU units (docs/theory.md T10-T12):
  --samples P                draw P samples from the statistics (seed --data-seed, default
                             --seed; the toy family's teacher adds --noise) and train on them:
                             a linear network on their moments (exact full-batch training), a
                             relu network on the samples.
  --activation relu          without --samples: the two-layer Gaussian population loss in
                             closed form (--depth 2 only); with samples: any depth.
  --data xor --var-lin v     T12's data (P = --samples, default 256, a multiple of 4); relu
                             unless --activation linear; trains to --max-time (default 100);
                             T12's training defaults: --width 16, --u0 1e-3, --method gd
                             --lr 0.05/max(1, v) (about 0.3 s).
  --csv FILE --target y --modality-a a1,a2 [--modality-b b1,b2]
                             your data (B: every other column by default); no statistics flags.
  --relu-model m             which ReLU path trains: auto (default) = population without samples,
                             the four feature moments for L = Lf = 2 on scalar samples,
                             back-propagation over the samples otherwise; sampled (any samples,
                             any depth), moments (L = Lf = 2, dA = dB = 1, samples), population
                             (the two-layer closed form, no samples). A path that cannot train
                             the data or network exits 2 saying why. JSON "reluModel" names it.
JSON adds: activation, training, reluModel (relu), dataSource, samples, dataSeed, trainingLoss, normA, normB,
generalisation {final, atTA, atTB} (E_g; null without a population, e.g. CSV data:
generalisationNote says why), solution {kind, wTot, distance, minimumLoss, eg} (linear on
finite data), directions {count, significant, directions, weights} (relu). --trajectory on
finite data adds a column eg when the population is known. Linear networks on samples stop at
the training-loss minimum; --repeats is for linear population runs only.`;

export function registerSimulate(program: Command, context: CommandContext): void {
  const command = program
    .command("simulate")
    .description("train a deep linear fusion network and measure t_A, t_B (docs/theory.md §3)");
  addDataOptions(command);
  addFiniteDataOptions(command);
  addArchitectureOptions(command);
  command
    .option("--width <h>", `hidden width, an integer in [1, ${MAX_WIDTH}] (default 8)`)
    .option("--init <kind>", "initialisation: balanced | gaussian (default gaussian)")
    .option("--seed <s>", "seed of the Gaussian init, an integer in [0, 4294967295] (default 0)")
    .option("--method <m>", "flow (gradient flow, DOPRI5) | gd (gradient descent) (default flow)")
    .option("--lr <n>", "learning rate of --method gd, > 0 (time advances by lr per step)")
    .option(
      "--rtol <n>",
      `local relative tolerance of --method flow, in [${MIN_FLOW_RTOL}, 1) (default ${DEFAULT_FLOW_RTOL})`,
    )
    .option("--max-time <T>", "time budget in units of τ, > 0")
    .option("--max-steps <n>", "step budget, an integer >= 1")
    .option(
      "--until-converged",
      "keep training after t_B until the loss is within 1e-10 of ℒ* (relative to ℒ(0) − ℒ*)",
    )
    .option(
      "--trajectory <file.csv>",
      "write the samples (t, loss, wA_1.., wB_1..) as CSV; creates the directory",
    )
    .option(
      "--repeats <n>",
      `runs with seeds seed … seed + n − 1 and the ratio's statistics, an integer in [1, ${MAX_REPEATS}] (default 1; needs --init gaussian)`,
    )
    .option(
      "--relu-model <m>",
      "ReLU path: auto | sampled | moments | population (default auto; see below)",
    )
    .option("--json", "print JSON (non-finite numbers as null)")
    .addHelpText("after", SIMULATE_HELP)
    .action((given: SimulateOptionValues) => simulateAction(given, context));
}

function simulateAction(given: SimulateOptionValues, context: CommandContext): void {
  const options = withXorDefaults(given);
  const settings = simulateSettings(options);
  const choice = dataChoiceFromOptions(options, settings.seed, settings.depth);
  const kind = choice.source.kind;
  const linearPopulation = kind === "population" && choice.activation === "linear";
  if (!linearPopulation && settings.repeats > 1) {
    throw new InputError(
      "--repeats",
      "linear population runs only: not with --samples, --data, --csv or --activation relu",
    );
  }
  const stats =
    kind === "population" || kind === "sampled" ? statisticsFromOptions(options) : undefined;
  const { io } = context;
  if (settings.repeats > 1) {
    const input = experimentInput(
      settings,
      choice.activation,
      experimentData(choice.source, stats),
    );
    const sweep = runSeedSweep(input, settings.repeats, (done, total) => {
      // A live line on a terminal, cleared after the last run.
      if (io.isTTY) io.stderr(`\r\x1b[2K${done < total ? `run ${done}/${total}` : ""}`);
    });
    const report = simulateRepeatsReport(sweep, settings);
    io.stdout(options.json ? formatJson(report) : repeatsText(report));
    return;
  }
  // Opened before the (possibly long) run: an unwritable path fails at once with exit code 2.
  const file =
    options.trajectory === undefined
      ? undefined
      : openOutputFile(options.trajectory, "--trajectory");
  const progress = linearPopulation ? runProgress(io, "simulate") : undefined;
  try {
    const data = experimentData(choice.source, stats);
    const result = runExperiment(
      experimentInput(settings, choice.activation, data, progress?.onProgress),
    );
    progress?.done();
    file?.write(trajectoryCsv(result.trajectory, result.dA, result.dB));
    const report = simulateReport(result, settings);
    io.stdout(options.json ? formatJson(report) : simulateText(report));
  } finally {
    progress?.done();
    file?.close();
  }
}
