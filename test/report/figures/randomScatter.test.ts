import { describe, expect, it } from "vitest";
import { logHistogram } from "../../../src/report/figures/randomScatter.js";
import { orient } from "../../../src/statistics/derived.js";
import { randomFamily } from "../../../src/statistics/randomFamily.js";
import { predictPhases } from "../../../src/theory/predict.js";
import { expectFigureContract, makeFigure, num } from "./figureContract.js";
import { markGroups } from "./svgMarks.js";

/** T2 of a draw of the paper's random family at the authors' size D = 20 (dA = 10). */
function t2Ratio(familySeed: number): number {
  const stats = orient(randomFamily(familySeed, { dimension: 20 })).stats;
  return predictPhases(stats, { depth: 2, fusionLayer: 2 }, 1e-9).ratio;
}

describe("figure random-scatter (T2 and the next order on the random family)", () => {
  it("shows every run at (prediction, measurement) for both predictions, the identity and the error histograms", async () => {
    const figure = await makeFigure("random-scatter");
    expectFigureContract(figure, {
      axes: ["predicted t_B / t_A", "measured t_B / t_A", "|measured / predicted − 1|"],
      markerX: "predicted",
      markerY: "measured",
      xScale: "log",
      yScale: "log",
      isMarker: (row) =>
        row.source === "simulation" && row.measured !== null && row.predicted !== null,
      isLineVertex: (row) => row.source === "identity",
    });
    const rows = figure.data.rows;
    const simulated = rows.filter((r) => r.source === "simulation");
    for (const row of simulated)
      expect(num(row, "relativeError")).toBe(num(row, "measured") / num(row, "predicted") - 1);

    // The authors' filter: exactly the draws 1-30 whose T2 ratio lies in [1, 20] are shown.
    const shown = [...new Set(simulated.map((r) => num(r, "familySeed")))];
    const expected = Array.from({ length: 30 }, (_, i) => i + 1).filter((seed) => {
      const ratio = t2Ratio(seed);
      return ratio >= 1 && ratio <= 20;
    });
    expect(shown).toEqual(expected);
    expect(expected.length).toBeLessThan(30); // the filter removes some draws at D = 20
    // Each draw: flow and descent from the same init, each against T2 and the next order.
    const key = (r: (typeof rows)[number]) => `${r.familySeed}/${r.repeat}`;
    for (const seed of shown) {
      const of = simulated.filter((r) => r.familySeed === seed);
      expect(of).toHaveLength(4);
      expect(new Set(of.map((r) => r.method)).size).toBe(2);
      const next = of.filter((r) => String(r.prediction).startsWith("next order"));
      expect(next).toHaveLength(2);
      // One init, one next-order prediction, whichever method is plotted against it.
      expect(next[0]!.predicted).toBe(next[1]!.predicted);
      expect(new Set(of.map(key)).size).toBe(1);
      expect(new Set(of.map((r) => r.initSeed)).size).toBe(1);
    }

    // What the figure shows: the next order follows gradient flow to the 1e-3 target
    // (measured ≤ 1e-6), T2's leading order does not (measured errors of tens of percent).
    const flow = simulated.filter((r) => r.method === "gradient flow");
    const nextErrors = flow
      .filter((r) => String(r.prediction).startsWith("next order"))
      .map((r) => Math.abs(num(r, "relativeError")));
    const t2Errors = flow
      .filter((r) => String(r.prediction).startsWith("T2"))
      .map((r) => Math.abs(num(r, "relativeError")));
    expect(Math.max(...nextErrors)).toBeLessThan(1e-3);
    expect(Math.max(...t2Errors)).toBeGreaterThan(100 * Math.max(...nextErrors));

    // Histograms: per prediction, the flow runs' |errors|, each counted once in its bin.
    const bins = rows.filter((r) => r.source === "histogram");
    for (const [series, errors] of [
      ["T2", t2Errors],
      ["next order", nextErrors],
    ] as const) {
      const own = bins.filter((b) => b.series === series);
      expect(own.reduce((n, b) => n + num(b, "count"), 0)).toBe(errors.length);
      for (const e of errors) {
        const holding = own.filter((b) => num(b, "binStart") <= e && e < num(b, "binEnd"));
        expect(holding.reduce((n, b) => n + num(b, "count"), 0)).toBeGreaterThan(0);
      }
    }
    // One rect per bin in the SVG.
    const rects = markGroups(figure.svg).filter((g) => g.type === "rect");
    expect(rects.flatMap((g) => g.items)).toHaveLength(bins.length);
  });

  it("bins |errors| by decades: [10^(k·w), 10^((k + 1)·w)), sign dropped", () => {
    expect(logHistogram([0.02, -0.05, 3e-6], 1)).toEqual([
      { start: 1e-6, end: 1e-5, count: 1 },
      { start: 1e-5, end: 1e-4, count: 0 },
      { start: 1e-4, end: 1e-3, count: 0 },
      { start: 1e-3, end: 1e-2, count: 0 },
      { start: 1e-2, end: 1e-1, count: 2 },
    ]);
    // An edge belongs to the bin it opens; 0 (no log) is counted at the 1e-12 floor.
    expect(logHistogram([1e-11, 0], 1)).toEqual([
      { start: 1e-12, end: 1e-11, count: 1 },
      { start: 1e-11, end: 1e-10, count: 1 },
    ]);
    expect(logHistogram([], 0.25)).toEqual([]);
  });
});
