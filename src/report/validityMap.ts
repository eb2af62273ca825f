import type { NetworkCase, SimulatedCase } from "../claims/twoLayerCase.js";
import { simulateCase } from "../claims/twoLayerCase.js";
import { isUnmeasurableRun } from "../errors/unmeasurableRun.js";
import { formatNumber } from "../format/numbers.js";
import { orient } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import { fromToy } from "../statistics/toy.js";
import { phaseTwoSign } from "../theory/initAwareLateFusion.js";
import type { PhasePredictionReport, PredictionSource } from "../theory/predict.js";
import { predictPhases } from "../theory/predict.js";
import type { RunStatus } from "../training/run.js";

/**
 * Validity map of a claim's prediction of t_B/t_A: the signed relative error against
 * balanced-init gradient flow over a grid of init scales u0 × correlations ρ of the toy
 * family (w = (1, 1)). The grid computation is deterministic (balanced init, width 1); the
 * simulator can be injected for tests.
 */

/** Claims a validity map can be asked for; each selects a default architecture. */
export const VALIDITY_CLAIMS = ["T5", "T4", "T2"] as const;
export type ValidityClaim = (typeof VALIDITY_CLAIMS)[number];

/** Default depth and fusion layer of each claim (T5: intermediate, T4: deep late, T2: two-layer). */
export const CLAIM_ARCHITECTURE: Readonly<
  Record<ValidityClaim, { readonly depth: number; readonly fusionLayer: number }>
> = {
  T5: { depth: 4, fusionLayer: 3 },
  T4: { depth: 4, fusionLayer: 4 },
  T2: { depth: 2, fusionLayer: 2 },
};

/** The default grid: u0 from 0.3 down to 1e-3, ρ from −0.9 to 0.9, σA = 2, σB = 1. */
export const VALIDITY_DEFAULTS = {
  u0s: [0.3, 0.1, 0.03, 0.01, 0.003, 0.001],
  rhos: [-0.9, -0.6, -0.3, 0, 0.3, 0.6, 0.9],
  sigmaA: 2,
  sigmaB: 1,
} as const;

export interface ValidityGridSpec {
  /** The requested claim (it only chose the default architecture; cells carry the source used). */
  readonly claim: ValidityClaim;
  readonly depth: number;
  readonly fusionLayer: number;
  readonly sigmaA: number;
  readonly sigmaB: number;
  /** Rows of the map. */
  readonly u0s: readonly number[];
  /** Columns of the map. */
  readonly rhos: readonly number[];
}

/**
 * Why a cell is not simulated: the prediction's own domain issue (predictPhases), or
 * "balanced-init-degenerate" — late fusion (Lf = L) with Σ_yxB·e_B < 0, where balanced init
 * puts B's layers at exactly opposite signs along e_B so B is never learned (a saddle; the
 * classification of src/claims/lateFusionDomain.ts). For 1 < Lf < L the same cases are T5's "signs-apart".
 */
export type ValidityDomainIssue =
  | NonNullable<PhasePredictionReport["outOfDomain"]>
  | "balanced-init-degenerate";

/**
 * Status of a cell: the simulation's, "not-simulated" outside the prediction's domain, or
 * "unmeasurable" when the run gave no answer (an external simulator's failure, issue 15).
 */
export type ValidityStatus = RunStatus | "not-simulated" | "unmeasurable";

export interface ValidityCell {
  /** The statement that produced the prediction (predictPhases' source: T5, T4, T2, T1). */
  readonly claim: PredictionSource;
  readonly rho: number;
  readonly u0: number;
  /** Predicted t_B/t_A (NaN when the prediction is undefined). */
  readonly predicted: number;
  /** Measured t_B/t_A (NaN when not simulated or t_B not reached). */
  readonly measured: number;
  /** measured/predicted − 1 (NaN unless both are numbers and the cell is in domain). */
  readonly relativeError: number;
  readonly tA: number;
  readonly tB: number;
  readonly status: ValidityStatus;
  /** Why the cell is outside the prediction's domain (then it is not simulated). */
  readonly outOfDomain?: ValidityDomainIssue;
  /** Accepted integrator steps (0 when not simulated). */
  readonly steps: number;
  /** Why the run gave no measurement (status "unmeasurable"), in one line. */
  readonly unmeasurable?: string;
}

/** The cell's outcome in one word. */
export type CellKind = "measured" | "out-of-domain" | "not-reached";

export function cellKind(cell: ValidityCell): CellKind {
  if (cell.outOfDomain !== undefined) return "out-of-domain";
  return Number.isFinite(cell.relativeError) ? "measured" : "not-reached";
}

export interface ValidityMap {
  readonly claim: ValidityClaim;
  readonly depth: number;
  readonly fusion: number;
  readonly sigmaA: number;
  readonly sigmaB: number;
  readonly wA: 1;
  readonly wB: 1;
  readonly width: 1;
  readonly init: "balanced";
  readonly method: "flow";
  /** The data parameter of the columns. */
  readonly parameter: "rho";
  readonly u0s: readonly number[];
  readonly rhos: readonly number[];
  /** Row-major: u0s[0] × every ρ, then u0s[1] × every ρ, … */
  readonly cells: readonly ValidityCell[];
  readonly counts: {
    readonly measured: number;
    readonly outOfDomain: number;
    readonly notReached: number;
  };
}

/** Simulates one cell; the default is the claims' balanced-init gradient flow. */
export type CellSimulator = (stats: Statistics, net: NetworkCase) => SimulatedCase;

export interface ValidityMapOptions {
  readonly simulate?: CellSimulator;
  /** Called after each cell (index from 1) — for a progress line. */
  readonly onCell?: (done: number, total: number, cell: ValidityCell) => void;
}

/** One cell: predict, and simulate only when the prediction is in its domain. */
export function validityCell(
  spec: Pick<ValidityGridSpec, "depth" | "fusionLayer" | "sigmaA" | "sigmaB">,
  rho: number,
  u0: number,
  simulate: CellSimulator = simulateCase,
): ValidityCell {
  const { stats } = orient(fromToy({ sigmaA: spec.sigmaA, sigmaB: spec.sigmaB, rho }));
  const arch = { depth: spec.depth, fusionLayer: spec.fusionLayer };
  const prediction = predictPhases(stats, arch, u0);
  const base = { claim: prediction.source, rho, u0, predicted: prediction.ratio };
  const degenerate =
    arch.fusionLayer === arch.depth && arch.depth >= 2 && phaseTwoSign(stats) < 0
      ? "balanced-init-degenerate"
      : undefined;
  const outOfDomain: ValidityDomainIssue | undefined = prediction.outOfDomain ?? degenerate;
  if (outOfDomain !== undefined) {
    return {
      ...base,
      measured: Number.NaN,
      relativeError: Number.NaN,
      tA: Number.NaN,
      tB: Number.NaN,
      status: "not-simulated",
      outOfDomain,
      steps: 0,
    };
  }
  const net = { ...arch, width: 1, init: "balanced", seed: 0, u0 } as const;
  let simulated: SimulatedCase;
  try {
    simulated = simulate(stats, net);
  } catch (error) {
    if (!isUnmeasurableRun(error)) throw error;
    const nan = Number.NaN;
    const reason = error.message;
    return {
      ...base,
      measured: nan,
      relativeError: nan,
      tA: nan,
      tB: nan,
      status: "unmeasurable",
      steps: 0,
      unmeasurable: reason,
    };
  }
  const { run, times } = simulated;
  const measured = times.reached ? times.ratio : Number.NaN;
  return {
    ...base,
    measured,
    relativeError: measured / prediction.ratio - 1,
    tA: times.tA,
    tB: times.tB,
    status: run.status,
    steps: run.steps,
  };
}

/** Computes the whole grid, rows u0, columns ρ. */
export function validityMap(spec: ValidityGridSpec, options: ValidityMapOptions = {}): ValidityMap {
  const total = spec.u0s.length * spec.rhos.length;
  const cells: ValidityCell[] = [];
  for (const u0 of spec.u0s) {
    for (const rho of spec.rhos) {
      const cell = validityCell(spec, rho, u0, options.simulate);
      cells.push(cell);
      options.onCell?.(cells.length, total, cell);
    }
  }
  const kinds = cells.map(cellKind);
  const count = (kind: CellKind) => kinds.filter((k) => k === kind).length;
  return {
    claim: spec.claim,
    depth: spec.depth,
    fusion: spec.fusionLayer,
    sigmaA: spec.sigmaA,
    sigmaB: spec.sigmaB,
    wA: 1,
    wB: 1,
    width: 1,
    init: "balanced",
    method: "flow",
    parameter: "rho",
    u0s: [...spec.u0s],
    rhos: [...spec.rhos],
    cells,
    counts: {
      measured: count("measured"),
      outOfDomain: count("out-of-domain"),
      notReached: count("not-reached"),
    },
  };
}

/** The cells of row `row` (one u0). */
export function rowCells(map: ValidityMap, row: number): readonly ValidityCell[] {
  const n = map.rhos.length;
  return map.cells.slice(row * n, (row + 1) * n);
}

/** Out-of-domain mark of the text table. */
export const OUT_OF_DOMAIN_MARK = "—";
/** Not-reached mark of the text table. */
export const NOT_REACHED_MARK = "n/r";

/**
 * A signed percentage with 3 significant digits, in exponent notation below 0.001 %:
 * "+1.23%", "-0.456%", "+1.41e-7%", "0%".
 */
export function formatSignedPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return formatNumber(fraction);
  if (fraction === 0) return "0%";
  const percent = Math.abs(fraction * 100);
  const digits =
    percent < 1e-3 ? percent.toExponential(2).replace("e+", "e") : percent.toPrecision(3);
  return `${fraction > 0 ? "+" : "-"}${digits}%`;
}

/** The text of one table entry. */
export function cellText(cell: ValidityCell): string {
  switch (cellKind(cell)) {
    case "out-of-domain":
      return OUT_OF_DOMAIN_MARK;
    case "not-reached":
      return NOT_REACHED_MARK;
    default:
      return formatSignedPercent(cell.relativeError);
  }
}

function fusionName(depth: number, fusionLayer: number): string {
  if (fusionLayer === 1) return "early fusion";
  return fusionLayer === depth ? "late fusion" : "intermediate fusion";
}

/**
 * The map as aligned text: a title, then rows u0 and columns ρ with the signed relative
 * error of t_B/t_A in %, a last column with the row's largest |error|, then a legend for
 * "—" (out of domain, with the reasons met) and "n/r" (t_B not reached, with the statuses).
 */
export function validityTable(map: ValidityMap): string {
  const sources = [...new Set(map.cells.map((c) => c.claim))].join("/");
  const title = [
    `${sources} validity: depth ${map.depth}, fusion layer ${map.fusion} (${fusionName(map.depth, map.fusion)}), width 1, balanced init, gradient flow`,
    `data: toy σA = ${formatNumber(map.sigmaA)}, σB = ${formatNumber(map.sigmaB)}, w = (1, 1); entries: t_B/t_A measured / predicted − 1`,
  ];
  const header = ["u0 \\ ρ", ...map.rhos.map((r) => formatNumber(r)), "max |err|"];
  const rows = map.u0s.map((u0, i) => {
    const cells = rowCells(map, i);
    const errors = cells.filter((c) => cellKind(c) === "measured").map((c) => c.relativeError);
    const worst = errors.length > 0 ? Math.max(...errors.map(Math.abs)) : Number.NaN;
    return [
      formatNumber(u0),
      ...cells.map(cellText),
      Number.isFinite(worst) ? formatSignedPercent(worst).replace(/^\+/, "") : "",
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join("  ")
      .trimEnd();
  const legend: string[] = [];
  const outside = map.cells.filter((c) => c.outOfDomain !== undefined);
  if (outside.length > 0) {
    const reasons = [...new Set(outside.map((c) => c.outOfDomain))].join(", ");
    legend.push(
      `${OUT_OF_DOMAIN_MARK}   outside the prediction's domain (${reasons}): not simulated`,
    );
  }
  const notReached = map.cells.filter((c) => cellKind(c) === "not-reached");
  if (notReached.length > 0) {
    const statuses = [...new Set(notReached.map((c) => c.status))].join(", ");
    const reasons = [...new Set(notReached.flatMap((c) => c.unmeasurable ?? []))];
    const why = reasons.length > 0 ? ` — ${reasons.join("; ")}` : "";
    legend.push(`${NOT_REACHED_MARK} t_B not reached (status: ${statuses}${why})`);
  }
  const { measured, outOfDomain, notReached: nr } = map.counts;
  legend.push(`${measured} measured, ${outOfDomain} out of domain, ${nr} not reached`);
  return `${[...title, "", line(header), ...rows.map(line), "", ...legend].join("\n")}\n`;
}

/** Columns of {@link validityCsv}. */
export const VALIDITY_CSV_COLUMNS = [
  "claim",
  "depth",
  "fusion",
  "sigmaA",
  "sigmaB",
  "rho",
  "u0",
  "predicted",
  "measured",
  "relativeError",
  "tA",
  "tB",
  "status",
  "outOfDomain",
  "steps",
] as const;

/** A CSV number: shortest round-trip form, empty when not finite. */
function csvNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : "";
}

/**
 * The map as CSV, one row per cell (row-major as `cells`): numbers in round-trip form,
 * empty fields for undefined numbers and for the reason of an in-domain cell.
 */
export function validityCsv(map: ValidityMap): string {
  const lines = [VALIDITY_CSV_COLUMNS.join(",")];
  for (const c of map.cells) {
    lines.push(
      [
        c.claim,
        String(map.depth),
        String(map.fusion),
        csvNumber(map.sigmaA),
        csvNumber(map.sigmaB),
        csvNumber(c.rho),
        csvNumber(c.u0),
        csvNumber(c.predicted),
        csvNumber(c.measured),
        csvNumber(c.relativeError),
        csvNumber(c.tA),
        csvNumber(c.tB),
        c.status,
        c.outOfDomain ?? "",
        String(c.steps),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
