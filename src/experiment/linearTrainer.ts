import { required } from "../errors/internalError.js";
import { simulateOnSamples } from "../measurement/finiteData.js";
import { generalisationError } from "../measurement/generalisation.js";
import { simulate } from "../measurement/simulation.js";
import type { ExperimentNote } from "./notes.js";
import { smallInitCaution } from "./notes.js";
import type { TrainedRun, TrainerContext } from "./trainer.js";
import { givenBudgets, landmarkGeneralisation, networkSpec, trajectoryRows } from "./trainer.js";

/**
 * Linear network on the population moments (docs/theory.md §2-§3): E_g = ½(W − w*)Σ(W − w*)ᵀ
 * = ℒ(W) − ℒ* (T10) at the end and at the crossings.
 */
export function trainLinearPopulation({ input, data, order }: TrainerContext): TrainedRun {
  const stats = required(data.population, "the population of a population run");
  const run = simulate({
    stats,
    ...networkSpec(input),
    untilConverged: input.budgets.untilConverged,
    ...givenBudgets(input),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  const caution = smallInitCaution(input.model.depth, input.init.u0);
  return {
    run,
    training: "population",
    trajectory: trajectoryRows(run, order),
    generalisation: landmarkGeneralisation(generalisationError(stats), run),
    notes: caution !== undefined ? [caution] : [],
  };
}

/**
 * Linear network, full batch on the samples (exactly a run on their moments, T10): it stops
 * at the training-loss minimum and is compared with the sample solution Σ̂⁺Σ̂_yxᵀ.
 */
export function trainLinearSamples({ input, data, order }: TrainerContext): TrainedRun {
  const { population, set } = data;
  const finite = simulateOnSamples({
    samples: required(set, "the sample set of a run on samples"),
    ...networkSpec(input),
    ...(population !== undefined ? { population } : {}),
    ...givenBudgets(input),
  });
  const run = finite.run;
  const notes: ExperimentNote[] = [];
  if (population === undefined) {
    notes.push({
      code: input.data.kind === "xor" ? "xor-target-not-linear" : "no-population",
    });
  }
  return {
    run,
    training: "sample-moments",
    trajectory: trajectoryRows(run, order, finite.eg),
    generalisation:
      population !== undefined
        ? landmarkGeneralisation(generalisationError(population), run)
        : null,
    notes,
    solution: {
      kind: finite.solution.kind,
      wTot: order(finite.solution.w),
      distance: finite.final.distanceToSolution,
      minimumLoss: finite.minimumLoss,
      ...(finite.solutionEg !== undefined ? { eg: finite.solutionEg } : {}),
    },
  };
}
