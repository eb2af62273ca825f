import { describe, expect, it } from "vitest";
import { expectFigureContract, makeFigure, num } from "./figureContract.js";
import { markGroups } from "./svgMarks.js";

/** T5 at Lf > 2, u0 ≤ 0.01: 2 % (README tolerances; measured 0.62 %). */
const T5_TOLERANCE = 0.02;

describe("figure validity-T5", () => {
  it("draws one coloured cell per measured grid point, grey outside T5's domain, labels as in the CSV", async () => {
    const figure = await makeFigure("validity-T5");
    expectFigureContract(figure, {
      axes: ["correlation ρ", "init scale u0"],
      markerX: "rho",
      markerY: "u0",
      xScale: "linear",
      yScale: "linear",
      markerType: "rect",
      isMarker: (row) => row.source === "simulation",
    });
    const rows = figure.data.rows;
    expect(rows).toHaveLength(42);
    // ρ ≤ −σB/σA = −0.5 is outside T5's domain (docs/theory.md §4).
    for (const row of rows) expect(row.source === "out-of-domain").toBe(num(row, "rho") <= -0.5);
    const texts = markGroups(figure.svg)
      .filter((g) => g.type === "text")
      .flatMap((g) => g.items.map((i) => i.text));
    expect(texts).toEqual(expect.arrayContaining(rows.map((r) => r.label)));
    for (const row of rows.filter((r) => r.source === "simulation" && num(r, "u0") <= 0.01))
      expect(Math.abs(num(row, "relativeError"))).toBeLessThan(T5_TOLERANCE);
  });
});
