import type { Command } from "commander";
import type { NextOrderBlock } from "../experiment/nextOrder.js";
import { balancedNextOrder, hasNextOrder } from "../experiment/nextOrder.js";
import { userModality } from "../experiment/orientation.js";
import { formatJson } from "../format/json.js";
import { formatNumber } from "../format/numbers.js";
import { keyValueList } from "../report/keyValue.js";
import type { Modality } from "../statistics/derived.js";
import { derive, orient } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import { modalityOrder } from "../theory/modalityOrder.js";
import { plateauPrediction } from "../theory/plateau.js";
import type { PhasePredictionReport } from "../theory/predict.js";
import { predictPhases } from "../theory/predict.js";
import type { ArchitectureChoice, ArchitectureOptionValues } from "./architectureOptions.js";
import {
  addArchitectureOptions,
  architectureFromOptions,
  smallInitNote,
} from "./architectureOptions.js";
import type { DataOptionValues } from "./dataOptions.js";
import { addDataOptions, statisticsFromOptions } from "./dataOptions.js";
import type { CommandContext } from "./io.js";
import { SWAP_NOTE } from "./orientation.js";

/** `ubias predict` output. Phase times and statistics in docs/theory.md's labels (A = faster). */
export interface PredictReport {
  readonly ratio: number;
  readonly tA: number;
  readonly tB: number;
  readonly duration: number;
  /** First modality learned, in the user's labels (null at a tie). */
  readonly firstModality: Modality | null;
  /** The prediction is finite: false outside the domain where t_B is defined (or on overflow). */
  readonly reached: boolean;
  readonly source: PhasePredictionReport["source"];
  readonly outOfDomain?: PhasePredictionReport["outOfDomain"];
  /** u0 beyond the small-init regime the theory describes (smallInitNote). */
  readonly domainNote?: string;
  /** The user's B was the faster modality: docs/theory.md's A is the user's B. */
  readonly swapped: boolean;
  readonly u0: number;
  readonly depth: number;
  readonly fusion: number;
  readonly data: string;
  /** L = Lf = 2: the next-order prediction for the balanced rank-one init at u0 (issue 10). */
  readonly nextOrder?: NextOrderBlock;
  readonly statistics: {
    readonly sA: number;
    readonly sB: number;
    readonly eB: number[];
    /** g = ‖W_A^uni‖. */
    readonly g: number;
    readonly wFull: number[];
    readonly wUniA: number[];
    readonly lossZero: number;
    readonly lossUniA: number;
    readonly lossUniB: number;
    readonly lossFull: number;
    readonly misattribution: number[];
    /** The first modality's unimodal loss is not the lower one (T8). */
    readonly superficial: boolean;
    /** The modality whose unimodal solution lowers the loss more, in the user's labels. */
    readonly betterModality: Modality | null;
  };
}

/** The closed-form prediction (T1/T2/T4/T5/X1) and the statistics behind it. */
export function predictReport(userStats: Statistics, arch: ArchitectureChoice): PredictReport {
  const { stats, swapped } = orient(userStats);
  const phases = predictPhases(
    stats,
    { depth: arch.depth, fusionLayer: arch.fusionLayer },
    arch.u0,
  );
  const q = derive(stats);
  const order = modalityOrder(stats);
  const plateau = plateauPrediction(stats);
  const domainNote = smallInitNote(arch.depth, arch.u0);
  return {
    ratio: phases.ratio,
    tA: phases.tA,
    tB: phases.tB,
    duration: phases.duration,
    firstModality: userModality(order.first, swapped) ?? null,
    reached: [phases.ratio, phases.tA, phases.tB].every(Number.isFinite),
    source: phases.source,
    ...(phases.outOfDomain !== undefined ? { outOfDomain: phases.outOfDomain } : {}),
    ...(domainNote !== undefined ? { domainNote } : {}),
    swapped,
    u0: arch.u0,
    depth: arch.depth,
    fusion: arch.fusionLayer,
    data: userStats.label,
    ...(hasNextOrder(arch, stats) ? { nextOrder: balancedNextOrder(stats, arch.u0) } : {}),
    statistics: {
      sA: q.sA,
      sB: q.sB,
      eB: q.eB,
      g: Math.hypot(...q.wUniA),
      wFull: plateau.finalMap,
      wUniA: q.wUniA,
      lossZero: q.lossZero,
      lossUniA: plateau.plateauLoss,
      lossUniB: q.lossUniB,
      lossFull: plateau.finalLoss,
      misattribution: plateau.misattribution,
      superficial: order.superficial,
      betterModality: userModality(order.better, swapped) ?? null,
    },
  };
}

/** "1.5" or "[1.5, -2]". */
export function formatVector(v: readonly number[]): string {
  return v.length === 1 ? formatNumber(v[0]!) : `[${v.map((x) => formatNumber(x)).join(", ")}]`;
}

/** "late" / "early" / "intermediate". */
export function fusionName(depth: number, fusionLayer: number): string {
  if (fusionLayer === 1) return "early fusion";
  return fusionLayer === depth ? "late fusion" : "intermediate fusion";
}

/** A time or ratio; "undefined (tie)" and the like where the theory gives no number. */
function timeText(x: number, report: PredictReport): string {
  if (Number.isFinite(x)) return formatNumber(x);
  return `undefined${report.outOfDomain ? ` (${report.outOfDomain})` : ""}`;
}

function predictText(report: PredictReport): string {
  const s = report.statistics;
  const lines = [
    ...(report.swapped ? [SWAP_NOTE] : []),
    keyValueList([
      ["data", report.data],
      [
        "network",
        `depth ${report.depth}, fusion layer ${report.fusion} (${fusionName(report.depth, report.fusion)})`,
      ],
      ["u0", formatNumber(report.u0)],
      [
        "source",
        report.source + (report.outOfDomain ? ` (outside its domain: ${report.outOfDomain})` : ""),
      ],
      ["caution", report.domainNote],
      ["t_B/t_A", timeText(report.ratio, report)],
      ["t_A", timeText(report.tA, report)],
      ["t_B", timeText(report.tB, report)],
      ["t_B - t_A", timeText(report.duration, report)],
      ["first", report.firstModality ?? "none (tie)"],
      ["next order", report.nextOrder ? nextOrderLine(report.nextOrder) : undefined],
      [
        "superficial",
        s.superficial ? `yes: ${s.betterModality} has the lower unimodal loss` : "no",
      ],
      ["s_A, s_B", `${formatNumber(s.sA)}, ${formatNumber(s.sB)}`],
      ["e_B", formatVector(s.eB)],
      ["g = ‖W_A^uni‖", formatNumber(s.g)],
      ["W^full", formatVector(s.wFull)],
      ["W_A^uni", formatVector(s.wUniA)],
      ["misattribution", formatVector(s.misattribution)],
      ["ℒ(0)", formatNumber(s.lossZero)],
      ["ℒ(M_A)", formatNumber(s.lossUniA)],
      ["ℒ(M_B)", formatNumber(s.lossUniB)],
      ["ℒ*", formatNumber(s.lossFull)],
    ]),
  ];
  return `${lines.join("\n")}\n`;
}

const PREDICT_HELP = `
Times are in units of τ. docs/theory.md names the faster modality (larger ‖Σ_yx‖) A: when
that is your B the blocks are swapped, "swapped" is true, t_A/t_B and the statistics use
docs/theory.md's labels, and "firstModality" uses yours. u0 defaults to 1e-6.

Example:
  ubias predict --sigma-a 2 --sigma-b 1 --rho 0.5 --depth 2 --fusion 2 --u0 1e-6 --json

Exit codes: 0 success, 2 bad input, 3 internal error.`;

export function registerPredict(program: Command, context: CommandContext): void {
  const command = program
    .command("predict")
    .description("closed-form phase times t_A, t_B and the ratio t_B/t_A (T1, T2, T4, T5, X1)");
  addDataOptions(command);
  addArchitectureOptions(command);
  command
    .option("--json", "print JSON (non-finite numbers as null)")
    .addHelpText("after", PREDICT_HELP)
    .action((options: DataOptionValues & ArchitectureOptionValues & { json?: boolean }) => {
      const stats = statisticsFromOptions(options);
      const arch = architectureFromOptions(options);
      const report = predictReport(stats, arch);
      context.io.stdout(options.json ? formatJson(report) : predictText(report));
    });
}

/** The balanced-init next-order line; a time the prediction did not reach reads "not reached". */
function nextOrderLine(n: NonNullable<PredictReport["nextOrder"]>): string {
  const value = (x: number) => (Number.isFinite(x) ? formatNumber(x) : "not reached");
  const status = n.status === "reached" ? "" : `, ${n.status}`;
  return `t_B/t_A ${value(n.ratio)} (balanced init; t_A ${value(n.tA)}, t_B ${value(n.tB)}${status})`;
}
