import type { ReluModelChoice } from "../measurement/reluSimulation.js";
import type { TrainingRun } from "../training/run.js";
import type { PreparedData } from "./data.js";
import type { ExperimentNote } from "./notes.js";
import type {
  DirectionsReport,
  ExperimentInput,
  GeneralisationReport,
  SolutionReport,
  TrainingData,
  TrajectoryRow,
} from "./types.js";

/** What a trainer hands to the experiment: the run and the measurements only it can make. */
export interface TrainedRun {
  readonly run: TrainingRun;
  readonly training: TrainingData;
  /** ReLU runs: the path that trained. */
  readonly reluModel?: Exclude<ReluModelChoice, "auto">;
  /** In the user's input order. */
  readonly trajectory: TrajectoryRow[];
  readonly generalisation: GeneralisationReport | null;
  readonly notes: ExperimentNote[];
  readonly solution?: SolutionReport;
  readonly directions?: DirectionsReport;
}

/** A trainer's inputs: the experiment, its prepared data, and the map to the user's order. */
export interface TrainerContext {
  readonly input: ExperimentInput;
  readonly data: PreparedData;
  readonly order: (row: readonly number[]) => number[];
}

/** The network and init of the input as the simulation entry points take them. */
export function networkSpec(input: ExperimentInput) {
  return {
    depth: input.model.depth,
    fusionLayer: input.model.fusionLayer,
    width: input.model.width,
    init: { kind: input.init.kind, u0: input.init.u0, seed: input.init.seed },
    method: input.method,
  };
}

/** The budgets given (absent ones stay absent: the trainer's defaults apply). */
export function givenBudgets(input: ExperimentInput) {
  const { maxTime, maxSteps } = input.budgets;
  return {
    ...(maxTime !== undefined ? { maxTime } : {}),
    ...(maxSteps !== undefined ? { maxSteps } : {}),
  };
}

/** E_g at the end and at the t_A, t_B crossings (NaN where a threshold was not reached). */
export function landmarkGeneralisation(
  eg: (totalMap: readonly number[]) => number,
  run: TrainingRun,
): GeneralisationReport {
  const at = (name: string) => {
    const crossing = run.crossings[name];
    return crossing === undefined ? Number.NaN : eg(crossing.totalMap);
  };
  return { final: eg(run.final.totalMap), atTA: at("A"), atTB: at("B") };
}

/** The run's samples in the user's order, with the E_g series when given. */
export function trajectoryRows(
  run: TrainingRun,
  order: (row: readonly number[]) => number[],
  eg?: readonly { readonly eg: number }[],
): TrajectoryRow[] {
  return run.samples.map((s, i) => ({
    t: s.t,
    loss: s.loss,
    wTot: order(s.totalMap),
    ...(eg !== undefined ? { eg: eg[i]!.eg } : {}),
  }));
}
