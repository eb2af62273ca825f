import { beforeAll, describe, expect, it } from "vitest";
import type { FigureRow } from "../../../src/report/figures/figure.js";
import type { GeneratedFigure } from "../../../src/report/figures/generate.js";
import {
  expectDeterministicRendering,
  expectFigureContract,
  makeFigure,
  num,
} from "./figureContract.js";
import { markGroups } from "./svgMarks.js";

const EARLY = "early fusion (Lf = 1)";
const LATE = "late fusion (Lf = 2)";
const FROM_AUTHORS = "from (0.01, 0.01)";
const FROM_SMALL = "from (0.0001, 0.0001)";

/**
 * The authors' fields (vis_theo.ipynb) for σA = 2, σB = 1, ρ = 0: late d1 = (4 − 4x)x,
 * d2 = (1 − y)y; early dwA = (4 − 4a)(2a² + b²) + (1 − b)ab, dwB = (4 − 4a)ab + (1 − b)(a² + 2b²).
 * The reduced gradient flow is 2× the late one and 1/‖W‖ times the early one (same directions).
 */
function authorsField(fusion: string, a: number, b: number): [number, number] {
  if (fusion === LATE) return [(4 - 4 * a) * a, (1 - b) * b];
  return [
    (4 - 4 * a) * (2 * a * a + b * b) + (1 - b) * a * b,
    (4 - 4 * a) * a * b + (1 - b) * (a * a + 2 * b * b),
  ];
}

function path(rows: readonly FigureRow[], fusion: string, source: string, series: string) {
  return rows
    .filter((r) => r.fusion === fusion && r.source === source && r.series === series)
    .map((r) => ({ t: num(r, "t"), x: num(r, "x"), y: num(r, "y") }));
}

/** Distance from p to the polyline through `line`. */
function distanceToPolyline(
  p: { x: number; y: number },
  line: readonly { x: number; y: number }[],
) {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length2 = dx * dx + dy * dy;
    const s =
      length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
    best = Math.min(best, Math.hypot(p.x - a.x - s * dx, p.y - a.y - s * dy));
  }
  return best;
}

describe("figure phase-portrait (T13)", () => {
  let figure: GeneratedFigure;
  beforeAll(async () => {
    figure = await makeFigure("phase-portrait");
  });

  it("draws every simulated sample and fixed point at its CSV values, the theory lines vertex by vertex", async () => {
    expectFigureContract(figure, {
      axes: ["W_A^tot", "W_B^tot"],
      markerX: "x",
      markerY: "y",
      xScale: "linear",
      yScale: "linear",
      isMarker: (row) => row.source === "simulation" || row.source === "fixed-point",
      isLineVertex: (row) => row.source === "theory",
    });
    // The field: one rule and one arrowhead per drawn arrow (rows with a tip), nothing else.
    const drawn = figure.data.rows.filter((r) => r.source === "field" && r.xTip !== null).length;
    expect(drawn).toBeGreaterThan(300);
    const groups = markGroups(figure.svg);
    const rules = groups.filter((g) => g.type === "rule").flatMap((g) => g.items);
    expect(rules).toHaveLength(drawn);
    const symbolCounts = groups.filter((g) => g.type === "symbol").map((g) => g.items.length);
    // Per panel: the arrowheads of that panel's drawn arrows.
    const perPanel = (fusion: string) =>
      figure.data.rows.filter((r) => r.source === "field" && r.fusion === fusion && r.xTip !== null)
        .length;
    expect(symbolCounts).toEqual(expect.arrayContaining([perPanel(EARLY), perPanel(LATE)]));
    await expectDeterministicRendering(figure);
  });

  it("marks M0, M_A, M_B, M* for late fusion and only M0, M* for early fusion, with the theory's indices", () => {
    const points = (fusion: string) =>
      figure.data.rows
        .filter((r) => r.fusion === fusion && r.source === "fixed-point")
        .map((r) => [r.series, r.x, r.y, r.negativeEigenvalues]);
    // Width 1: late M0 has index 2 (one unit per branch), M_A and M_B 1 (−‖e_B‖ = −1,
    // −‖e_A‖ = −4), M* 0; early M0 has index 1 (one shared unit), M* 0.
    expect(points(LATE)).toEqual([
      ["M0", 0, 0, 2],
      ["M_A", 1, 0, 1],
      ["M_B", 0, 1, 1],
      ["M*", 1, 1, 0],
    ]);
    expect(points(EARLY)).toEqual([
      ["M0", 0, 0, 1],
      ["M*", 1, 1, 0],
    ]);
  });

  it("draws the authors' field directions: 2× their late field, 1/‖W‖ times their early field", () => {
    const field = figure.data.rows.filter((r) => r.source === "field");
    expect(field).toHaveLength(2 * 13 * 13);
    for (const r of field) {
      const [a, b] = [num(r, "x"), num(r, "y")];
      const [u, v] = authorsField(String(r.fusion), a, b);
      const factor = r.fusion === LATE ? 2 : 1 / Math.hypot(a, b);
      const scale = Math.max(1, Math.hypot(u, v) * (Number.isFinite(factor) ? factor : 0));
      if (a === 0 && b === 0) {
        expect([r.dWA, r.dWB]).toEqual([0, 0]);
        continue;
      }
      expect(Math.abs(num(r, "dWA") - factor * u)).toBeLessThan(1e-13 * scale);
      expect(Math.abs(num(r, "dWB") - factor * v)).toBeLessThan(1e-13 * scale);
      if (r.xTip === null) continue;
      // The arrow: length 0.075 along the velocity; the arrowhead's angle the same direction.
      const dx = num(r, "xTip") - a;
      const dy = num(r, "yTip") - b;
      expect(Math.hypot(dx, dy)).toBeCloseTo(0.075, 12);
      expect(num(r, "angle")).toBeCloseTo((Math.atan2(dx, dy) * 180) / Math.PI, 9);
    }
    // At the late fixed points on the grid the field vanishes and no arrow is drawn.
    const resting = field.filter((r) => r.xTip === null).map((r) => [r.fusion, r.x, r.y]);
    expect(resting).toEqual(
      expect.arrayContaining([
        [LATE, 0, 0],
        [LATE, 1, 0],
        [LATE, 0, 1],
        [LATE, 1, 1],
        [EARLY, 0, 0],
      ]),
    );
  });

  it("puts the simulated flow on the reduced dynamics, and late fusion through M_A", () => {
    const rows = figure.data.rows;
    for (const fusion of [EARLY, LATE]) {
      for (const series of [FROM_AUTHORS, FROM_SMALL]) {
        const simulated = path(rows, fusion, "simulation", series);
        const theory = path(rows, fusion, "theory", series);
        expect(simulated.length).toBeGreaterThan(50);
        // Half a pixel: 330 px span 1.4 units of W.
        const halfPixel = 1.4 / 330 / 2;
        for (const p of simulated) expect(distanceToPolyline(p, theory)).toBeLessThan(halfPixel);
        // Both end at M* = W^full = (1, 1).
        const end = simulated.at(-1)!;
        expect(Math.hypot(end.x - 1, end.y - 1)).toBeLessThan(1e-4);
      }
    }
    // Late fusion passes the saddle M_A = (1, 0), the closer the smaller the start; early
    // fusion keeps away from it (it is no fixed point there).
    const nearest = (fusion: string, series: string) =>
      Math.min(...path(rows, fusion, "simulation", series).map((p) => Math.hypot(p.x - 1, p.y)));
    expect(nearest(LATE, FROM_SMALL)).toBeLessThan(0.01);
    expect(nearest(LATE, FROM_SMALL)).toBeLessThan(nearest(LATE, FROM_AUTHORS));
    expect(nearest(EARLY, FROM_AUTHORS)).toBeGreaterThan(0.3);
  });
});
