import type { DataMeasurements } from "../experiment/finiteRun.js";
import type { InitKind } from "../network/initialisation.js";
import type { SampleSummary } from "../report/summary.js";
import type { Modality } from "../statistics/derived.js";
import type { PhasePredictionReport } from "../theory/predict.js";
import type { DivergenceReport, IntegratorUsage, RunStatus } from "../training/run.js";
import type { NextOrderRunBlock } from "./nextOrderReport.js";

/*
 * The report types of `ubias simulate`, apart from the command so that its text renderer
 * (simulateText.ts) and the command (simulateCommand.ts) both import them and neither the
 * other's module.
 */

/** A point of the trajectory; wTot in the user's input order [x_A, x_B]. */
export interface StateReport {
  readonly t: number;
  readonly loss: number;
  readonly wTot: number[];
}

/** `ubias simulate` output. Phase times in THEORY.md's labels (A = faster). */
export interface SimulateReport extends DataMeasurements {
  readonly ratio: number;
  readonly tA: number;
  readonly tB: number;
  readonly duration: number;
  /** The modality whose threshold was crossed first, in the user's labels (null: neither). */
  readonly firstModality: Modality | null;
  readonly reached: boolean;
  readonly status: RunStatus;
  /** With status "diverged": where, and the rule that fired (src/training/run.ts). */
  readonly divergence?: DivergenceReport;
  readonly steps: number;
  readonly rejectedSteps: number;
  readonly gradientEvaluations: number;
  /** Gradient flow: steps per integrator (DOPRI5, then Rosenbrock once the run turned stiff). */
  readonly integrators?: IntegratorUsage;
  readonly final: StateReport;
  readonly plateau?: StateReport;
  /** Absent where no closed form applies (XOR data; CSV data with P ≤ D). */
  readonly prediction?: PredictionReport;
  readonly seed: number;
  readonly init: InitKind;
  readonly width: number;
  readonly method: "flow" | "gd";
  readonly lr?: number;
  readonly rtol?: number;
  readonly u0: number;
  readonly depth: number;
  readonly fusion: number;
  readonly swapped: boolean;
  readonly data: string;
  readonly wallSeconds: number;
}

/** A linear run on the population: the closed-form prediction always applies. */
export type PopulationSimulateReport = SimulateReport & { readonly prediction: PredictionReport };

/** The closed-form prediction of t_B/t_A and how far the run is from it. */
export interface PredictionReport {
  readonly ratio: number;
  readonly source: PhasePredictionReport["source"];
  /** measured / predicted − 1 (NaN when either is missing). */
  readonly relativeError: number;
  readonly outOfDomain?: PhasePredictionReport["outOfDomain"];
  /** Two-layer late fusion on the population: the next-order prediction for this run's init. */
  readonly nextOrder?: NextOrderRunBlock;
}

/** One run of `--repeats`. */
export interface RepeatRun {
  readonly seed: number;
  readonly ratio: number;
  readonly tA: number;
  readonly tB: number;
  readonly reached: boolean;
  readonly status: RunStatus;
  readonly steps: number;
  /** As the single run's prediction.nextOrder: for this seed's own init. */
  readonly nextOrder?: NextOrderRunBlock;
}

/** `repeats` of the JSON report: the runs and the ratio's statistics over those that reached t_B. */
export interface RepeatsReport {
  readonly runs: readonly RepeatRun[];
  /** Statistics of t_B/t_A over the runs with both thresholds reached. */
  readonly ratio: SampleSummary;
  /** median / predicted − 1 (NaN when either is missing). */
  readonly medianRelativeError: number;
  /** Runs in which t_A or t_B was not reached. */
  readonly notReached: number;
  readonly wallSeconds: number;
}

/** The first run's report (seed `settings.seed`) with every run and the ratio's statistics. */
export type SimulateRepeatsReport = PopulationSimulateReport & { readonly repeats: RepeatsReport };
