import type { ValidityCell } from "../validityMap.js";
import {
  CLAIM_ARCHITECTURE,
  cellKind,
  cellText,
  VALIDITY_DEFAULTS,
  validityCell,
} from "../validityMap.js";
import { figureSpec, markerDescription, where } from "./chart.js";
import type { FigureRow } from "./figure.js";
import { defineFigure } from "./figure.js";

/** The grid of `ubias validity --claim T5` (its defaults): L = 4, Lf = 3, σA/σB = 2. */
const GRID = {
  ...CLAIM_ARCHITECTURE.T5,
  sigmaA: VALIDITY_DEFAULTS.sigmaA,
  sigmaB: VALIDITY_DEFAULTS.sigmaB,
};

type CellJob = { readonly rho: number; readonly u0: number };

/** A cell as plain JSON (non-finite numbers as null). */
type CellResult = {
  readonly rho: number;
  readonly u0: number;
  readonly predicted: number | null;
  readonly measured: number | null;
  readonly relativeError: number | null;
  readonly status: string;
  readonly outOfDomain: string | null;
  readonly kind: string;
  readonly label: string;
};

function nullable(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function cellResult(cell: ValidityCell): CellResult {
  return {
    rho: cell.rho,
    u0: cell.u0,
    predicted: nullable(cell.predicted),
    measured: nullable(cell.measured),
    relativeError: nullable(cell.relativeError),
    status: cell.status,
    outOfDomain: cell.outOfDomain ?? null,
    kind: cellKind(cell),
    label: cellText(cell),
  };
}

/** Heat-map colour: |error| spans 1e-5 to 0.4, so a log scale (floored for exact zeros). */
const ERROR_FLOOR = 1e-6;

export const validityT5Figure = defineFigure<CellJob, CellResult>({
  id: "validity-T5",
  title: "Where T5 holds: relative error of t_B/t_A over u0 × ρ",
  caption: `T5 validity map (the grid of \`ubias validity --claim T5\`): intermediate fusion L = ${GRID.depth}, Lf = ${GRID.fusionLayer}, toy family σA/σB = ${GRID.sigmaA}, w = (1, 1), balanced init, width 1, gradient flow. Each cell is the signed relative error measured/predicted − 1 of t_B/t_A; the colour is its magnitude on a log scale. The leading-order formula converges as u0 → 0 (0.09-0.35 % at u0 = 0.01, below 0.05 % at u0 ≤ 0.003) and stops being accurate above u0 ≈ 0.03 (−6 to −10 % at 0.1, −28 to −39 % at 0.3); the measured ratio is always below the prediction. Grey cells (—) are outside T5's domain (ρ ≤ −σB/σA: Σ_yxB and e_B of opposite signs) and not simulated.`,
  claims: ["T5"],
  jobs() {
    const jobs: CellJob[] = [];
    for (const u0 of VALIDITY_DEFAULTS.u0s)
      for (const rho of VALIDITY_DEFAULTS.rhos) jobs.push({ rho, u0 });
    return jobs;
  },
  runJob(job) {
    return cellResult(validityCell(GRID, job.rho, job.u0));
  },
  assemble(_options, results) {
    const rows: FigureRow[] = results.map((c) => ({
      source: c.kind === "measured" ? "simulation" : c.kind,
      u0: c.u0,
      rho: c.rho,
      predicted: c.predicted,
      measured: c.measured,
      relativeError: c.relativeError,
      absoluteError:
        c.relativeError === null ? null : Math.max(Math.abs(c.relativeError), ERROR_FLOOR),
      label: c.label,
      status: c.status,
      outOfDomain: c.outOfDomain,
    }));
    const x = {
      field: "rho",
      type: "ordinal",
      title: "correlation ρ",
      sort: [...VALIDITY_DEFAULTS.rhos],
      axis: { labelAngle: 0, grid: false },
    };
    const y = {
      field: "u0",
      type: "ordinal",
      title: "init scale u0",
      sort: [...VALIDITY_DEFAULTS.u0s],
      axis: { grid: false },
    };
    const spec = figureSpec(
      this.title,
      `L = ${GRID.depth}, Lf = ${GRID.fusionLayer}, toy σA/σB = ${GRID.sigmaA} · balanced init, gradient flow · cells: measured / T5 − 1`,
      rows,
      {
        width: 560,
        height: 300,
        encoding: { x, y },
        layer: [
          {
            transform: [where("source", "simulation")],
            mark: { type: "rect", stroke: "white", strokeWidth: 1 },
            encoding: {
              color: {
                field: "absoluteError",
                type: "quantitative",
                title: "|relative error|",
                scale: { type: "log", scheme: "orangered", domain: [ERROR_FLOOR, 1] },
                legend: { format: ".0e", gradientLength: 260 },
              },
              ...markerDescription,
            },
          },
          {
            transform: [{ filter: "datum.source != 'simulation'" }],
            mark: { type: "rect", color: "#d9d9d9", stroke: "white", strokeWidth: 1 },
          },
          {
            mark: { type: "text", fontSize: 11 },
            encoding: {
              text: { field: "label", type: "nominal" },
              color: {
                condition: { test: "datum.absoluteError > 0.03", value: "white" },
                value: "black",
              },
            },
          },
        ],
      },
    );
    return { rows, spec };
  },
});
