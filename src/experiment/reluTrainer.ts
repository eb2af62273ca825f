import { sampleMoments } from "../data/moments.js";
import { InputError } from "../errors/inputError.js";
import { required } from "../errors/internalError.js";
import { reluModelName, simulateRelu } from "../measurement/reluSimulation.js";
import { reluPopulationModel } from "../network/reluPopulation.js";
import type { Modality } from "../statistics/derived.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { ExperimentNote } from "./notes.js";
import { userModality } from "./orientation.js";
import type { TrainedRun, TrainerContext } from "./trainer.js";
import { givenBudgets, networkSpec, trajectoryRows } from "./trainer.js";
import type { GeneralisationReport } from "./types.js";

/**
 * Time budget of a ReLU run on XOR data without maxTime/maxSteps: T12's (properties/T12.ts,
 * T12_CONFIG.maxTime = 100 τ; late fusion is at its floor well before, measured by
 * scripts/measure/t12Curve.ts).
 */
export const DEFAULT_XOR_MAX_TIME = 100;

/** The statistics whose §3 thresholds time a run on samples without a population. */
function sampleThresholdStats({ input, data }: TrainerContext): Statistics {
  const set = required(data.set, "the sample set of a run on samples");
  const d = data.dA + data.dB;
  if (input.data.kind !== "xor" && set.samples <= d) {
    throw new InputError(
      "--activation",
      `relu on CSV data needs more rows than input columns (P > D, got P = ${set.samples}, D = ${d}): the §3 thresholds invert Σ̂`,
    );
  }
  return sampleMoments(set);
}

/**
 * ReLU E_g on the Gaussian population (two layers): the closed-form population loss minus its
 * floor ℒ* (= ½σ_ε² with a teacher), the same quantity as the linear E_g (ℒ(W) − ℒ*).
 */
function reluGeneralisation(
  context: TrainerContext,
  populationLoss: () => number,
): { generalisation: GeneralisationReport | null; note: ExperimentNote } {
  const population = context.data.population;
  const depth = context.input.model.depth;
  if (population === undefined) {
    const xor = context.input.data.kind === "xor";
    return {
      generalisation: null,
      note: { code: xor ? "xor-target-not-linear" : "no-population" },
    };
  }
  if (depth !== 2) {
    return { generalisation: null, note: { code: "relu-eg-needs-two-layers", depth } };
  }
  return {
    generalisation: {
      final: populationLoss() - derive(population).lossFull,
      atTA: Number.NaN,
      atTB: Number.NaN,
    },
    note: { code: "relu-eg-final-only" },
  };
}

/**
 * ReLU network (T11, T12): on the two-layer Gaussian population closed form, or full batch on
 * the samples. XOR data (and untilConverged) train to the budget.
 */
export function trainRelu(context: TrainerContext): TrainedRun {
  const { input, data, order } = context;
  const xor = input.data.kind === "xor";
  const { maxTime, maxSteps, untilConverged } = input.budgets;
  const toBudget = xor || untilConverged;
  if (toBudget && !xor && maxTime === undefined && maxSteps === undefined) {
    throw new InputError(
      "--until-converged",
      "a ReLU network has no known loss floor on samples: give --max-time or --max-steps",
    );
  }
  const { population, set } = data;
  const thresholdStats =
    set !== undefined && population === undefined ? sampleThresholdStats(context) : population;
  const sim = simulateRelu({
    data:
      set === undefined
        ? { kind: "population", stats: required(population, "the population of a population run") }
        : {
            kind: "samples",
            samples: set,
            thresholdStats: required(thresholdStats, "the statistics that time a run on samples"),
          },
    ...networkSpec(input),
    ...(input.model.reluModel !== undefined ? { model: input.model.reluModel } : {}),
    ...(toBudget ? { until: "budget" as const } : {}),
    ...(xor && maxTime === undefined && maxSteps === undefined
      ? { maxTime: DEFAULT_XOR_MAX_TIME }
      : givenBudgets(input)),
  });
  const run = sim.run;
  const notes: ExperimentNote[] = [];
  if (sim.oneSidedBranches.length > 0) {
    const branches = sim.oneSidedBranches.map((m) => userModality(m, data.swapped) as Modality);
    notes.push({ code: "one-sided-branches", branches });
  }
  const eg = reluGeneralisation(context, () =>
    reluPopulationModel(sim.layout, required(population, "the population E_g is measured on")).loss(
      run.final.theta,
    ),
  );
  notes.push(eg.note);
  return {
    run,
    training:
      set === undefined
        ? "population-closed-form"
        : sim.model === "scalar-sufficient"
          ? "samples-feature-moments"
          : "samples",
    reluModel: reluModelName(sim.model),
    trajectory: trajectoryRows(run, order),
    generalisation: eg.generalisation,
    notes,
    directions: {
      count: sim.directions.count,
      significant: sim.directions.significant,
      directions: sim.directions.directions.map((u) => order(u)),
      weights: [...sim.directions.weights],
    },
  };
}
