/** The human-readable output of `ubias simulate` (the JSON report is its report objects). */

import { required } from "../errors/internalError.js";
import type { NextOrderRunBlock } from "../experiment/nextOrder.js";
import type { TrainingData } from "../experiment/types.js";
import { formatNumber, formatPercent } from "../format/numbers.js";
import { keyValueList } from "../report/keyValue.js";
import { SWAP_NOTE } from "./orientation.js";
import { formatVector, fusionName } from "./predictCommand.js";
import type { SimulateRepeatsReport, SimulateReport, StateReport } from "./simulateReport.js";

/**
 * What happened, in words, when the run could not measure everything: a threshold not
 * reached, divergence, step-size underflow. Undefined for a clean run.
 */
export function outcomeMessage(
  report: Pick<SimulateReport, "tA" | "tB" | "status">,
): string | undefined {
  const missing = [
    Number.isNaN(report.tA) ? "t_A" : undefined,
    Number.isNaN(report.tB) ? "t_B" : undefined,
  ].filter((name) => name !== undefined);
  const status = `(status: ${report.status})`;
  const cause =
    report.status === "diverged"
      ? "the run diverged"
      : report.status === "step-underflow"
        ? "the integrator's step size underflowed"
        : undefined;
  if (missing.length > 0) {
    const subject = `${missing.join(" and ")} not reached`;
    return cause ? `${subject}: ${cause} ${status}` : `${subject} within the budget ${status}`;
  }
  return cause ? `both thresholds were crossed, then ${cause} ${status}` : undefined;
}

function methodText(report: SimulateReport): string {
  return report.method === "gd"
    ? `gradient descent, lr ${formatNumber(required(report.lr, "lr of a gradient-descent report"))}`
    : `gradient flow (DOPRI5, rtol ${formatNumber(required(report.rtol, "rtol of a gradient-flow report"))})`;
}

function optionalNumberText(x: number): string {
  return Number.isNaN(x) ? "not reached" : formatNumber(x);
}

/** Text of `--repeats`: the setting, the ratio's statistics, then one line per run. */
export function repeatsText(report: SimulateRepeatsReport): string {
  const { runs, ratio, notReached } = report.repeats;
  const last = required(runs.at(-1), "a run of --repeats (at least one)").seed;
  const statuses = [...new Set(runs.filter((r) => !r.reached).map((r) => r.status))];
  const prediction = Number.isFinite(report.prediction.ratio)
    ? `${report.prediction.source} predicts ${formatNumber(report.prediction.ratio)}`
    : `${report.prediction.source} gives no prediction`;
  const medianError = Number.isFinite(report.repeats.medianRelativeError)
    ? `: median ${formatPercent(report.repeats.medianRelativeError)}`
    : "";
  const stats =
    ratio.count === 0
      ? `no run reached t_B (${prediction})`
      : [
          `median ${formatNumber(ratio.median)} (${prediction}${medianError})`,
          `IQR ${formatNumber(ratio.iqr)} [${formatNumber(ratio.q1)}, ${formatNumber(ratio.q3)}]`,
          `min ${formatNumber(ratio.min)}, max ${formatNumber(ratio.max)}`,
          `mean ${formatNumber(ratio.mean)}, sd ${formatNumber(ratio.std)}`,
        ].join("; ");
  const header = [
    ...(report.swapped ? [SWAP_NOTE] : []),
    keyValueList([
      ["data", report.data],
      [
        "network",
        `depth ${report.depth}, fusion layer ${report.fusion} (${fusionName(report.depth, report.fusion)}), width ${report.width}`,
      ],
      ["init", `${report.init}, u0 = ${formatNumber(report.u0)}, seeds ${report.seed} … ${last}`],
      ["method", methodText(report)],
      [
        "runs",
        `${runs.length}: ${ratio.count} reached t_B, ${notReached} not reached${statuses.length > 0 ? ` (status: ${statuses.join(", ")})` : ""}, ${report.repeats.wallSeconds.toFixed(2)} s`,
      ],
      ["t_B/t_A", stats],
    ]),
  ];
  // Two-layer late fusion: each seed's own next-order ratio, before the (left-aligned) status.
  const withNext = runs.some((r) => r.nextOrder !== undefined);
  const table = [
    ["seed", "t_B/t_A", "t_A", "t_B", ...(withNext ? ["next-order"] : []), "status"],
    ...runs.map((r) => [
      String(r.seed),
      r.reached ? formatNumber(r.ratio) : "n/r",
      optionalNumberText(r.tA),
      optionalNumberText(r.tB),
      ...(withNext ? [r.nextOrder ? optionalNumberText(r.nextOrder.ratio) : ""] : []),
      r.status,
    ]),
  ];
  const statusColumn = table[0]!.length - 1;
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const rows = table.map((row) =>
    row
      .map((cell, c) =>
        c === 0 || c === statusColumn ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
      )
      .join("  ")
      .trimEnd(),
  );
  return `${[...header, "", ...rows].join("\n")}\n`;
}

/** "t_B/t_A 4.99 (t_A 6.9, t_B 34.4): measured +0.01%", on one line. */
function nextOrderText(n: NextOrderRunBlock, reached: boolean): string {
  const status = n.status === "reached" ? "" : ` [${n.status}]`;
  const times = `t_A ${optionalNumberText(n.tA)}, t_B ${optionalNumberText(n.tB)}`;
  const error = reached ? `: measured ${formatPercent(n.relativeError)}` : "";
  return `t_B/t_A ${optionalNumberText(n.ratio)} (${times})${status}${error}`;
}

function describeState(state: StateReport): string {
  return `t = ${formatNumber(state.t)}, loss = ${formatNumber(state.loss)}, W^tot = ${formatVector(state.wTot)}`;
}

const TRAINING_TEXT: Record<TrainingData, string> = {
  population: "the population statistics",
  "population-closed-form": "the Gaussian population loss (two-layer arc-cosine closed form, T11)",
  "sample-moments": "the samples (full batch, exactly their moments: T10)",
  samples: "the samples (full batch)",
  "samples-feature-moments":
    "the samples (full batch, exactly through the moments of relu(±x_A), relu(±x_B))",
};

/** The lines of T10-T12's measurements: training data, E_g, norms, solution, directions. */
function dataLines(report: SimulateReport): [string, string | undefined][] {
  const p = report.samples !== undefined ? `P = ${report.samples}` : undefined;
  const seed = report.dataSeed !== undefined ? `, data seed ${report.dataSeed}` : "";
  const g = report.generalisation;
  const at = (label: string, x: number) => (Number.isNaN(x) ? [] : [`${label} ${formatNumber(x)}`]);
  const eg =
    g === null
      ? `not available: ${report.generalisationNote}`
      : [
          `${formatNumber(g.final)} at the end`,
          ...at("at t_A", g.atTA),
          ...at("at t_B", g.atTB),
        ].join(", ");
  const solution = report.solution;
  const directions = report.directions;
  return [
    [
      "training",
      `${report.activation} network on ${TRAINING_TEXT[report.training]}${p ? `, ${p}${seed}` : ""}`,
    ],
    ["E_g", eg],
    [
      "norms",
      `‖W_A^tot‖ = ${formatNumber(report.normA)}, ‖W_B^tot‖ = ${formatNumber(report.normB)}, training loss ${formatNumber(report.trainingLoss)}`,
    ],
    [
      "solution",
      solution === undefined
        ? undefined
        : `${solution.kind}, ‖W^tot − it‖ = ${formatNumber(solution.distance)}${solution.eg !== undefined ? `, its E_g ${formatNumber(solution.eg)}` : ""}`,
    ],
    [
      "directions",
      directions === undefined
        ? undefined
        : `${directions.count} distinct among ${directions.significant} significant neurons`,
    ],
  ];
}

export function simulateText(report: SimulateReport): string {
  const method = methodText(report);
  const p = report.prediction;
  const predictionError =
    p === undefined
      ? ""
      : !Number.isFinite(p.ratio)
        ? ` (${p.source} gives no prediction${p.outOfDomain ? `: ${p.outOfDomain}` : ""})`
        : Number.isFinite(p.relativeError)
          ? ` (${p.source} predicts ${formatNumber(p.ratio)}: ${formatPercent(p.relativeError)})`
          : ` (${p.source} predicts ${formatNumber(p.ratio)})`;
  const outcome = report.timesNote === undefined ? outcomeMessage(report) : undefined;
  const timeLines: [string, string | undefined][] =
    report.timesNote !== undefined
      ? [["t_A, t_B", report.timesNote]]
      : [
          [
            "t_B/t_A",
            report.reached ? formatNumber(report.ratio) + predictionError : "not measured",
          ],
          ["next order", p?.nextOrder ? nextOrderText(p.nextOrder, report.reached) : undefined],
          ["t_A", Number.isNaN(report.tA) ? "not reached" : formatNumber(report.tA)],
          ["t_B", Number.isNaN(report.tB) ? "not reached" : formatNumber(report.tB)],
          ["t_B - t_A", report.reached ? formatNumber(report.duration) : undefined],
          ["first", report.firstModality ?? "none"],
        ];
  const lines = [
    ...(report.swapped ? [SWAP_NOTE] : []),
    ...(outcome ? [outcome] : []),
    keyValueList([
      ["data", report.data],
      [
        "network",
        `depth ${report.depth}, fusion layer ${report.fusion} (${fusionName(report.depth, report.fusion)}), width ${report.width}`,
      ],
      [
        "init",
        `${report.init}, u0 = ${formatNumber(report.u0)}${report.init === "gaussian" ? `, seed ${report.seed}` : ""}`,
      ],
      ["method", method],
      [
        "run",
        `${report.status}: ${report.steps} steps, ${report.rejectedSteps} rejected, ${report.gradientEvaluations} gradient evaluations, ${report.wallSeconds.toFixed(2)} s`,
      ],
      ...timeLines,
      ["caution", report.domainNote],
      ["divergence", report.divergence?.reason],
      ["plateau", report.plateau ? describeState(report.plateau) : undefined],
      ["final", describeState(report.final)],
      ...dataLines(report),
    ]),
  ];
  return `${lines.join("\n")}\n`;
}
