import { describe, expect, it } from "vitest";
import { histogram } from "../../../src/report/figures/randomScatter.js";
import { expectFigureContract, makeFigure, num } from "./figureContract.js";
import { markGroups } from "./svgMarks.js";

describe("figure random-scatter (T2 on the random family)", () => {
  it("shows every measured case at (prediction, measurement) with the identity and the error histogram", async () => {
    const figure = await makeFigure("random-scatter");
    expectFigureContract(figure, {
      axes: ["T2 prediction", "measured t_B / t_A", "relative error"],
      markerX: "predicted",
      markerY: "measured",
      xScale: "log",
      yScale: "log",
      isMarker: (row) => row.source === "simulation" && row.measured !== null,
      isLineVertex: (row) => row.source === "identity",
    });
    const rows = figure.data.rows;
    const inDomain = rows.filter(
      (r) => r.source === "simulation" && r.outOfDomain === null && r.measured !== null,
    );
    const bins = rows.filter((r) => r.source === "histogram");
    expect(bins.reduce((n, b) => n + num(b, "count"), 0)).toBe(inDomain.length);
    // One rect per bin in the SVG.
    const rects = markGroups(figure.svg).filter((g) => g.type === "rect");
    expect(rects.flatMap((g) => g.items)).toHaveLength(bins.length);
    for (const row of inDomain)
      expect(num(row, "relativeError")).toBe(num(row, "measured") / num(row, "predicted") - 1);
  });

  it("bins errors into [k·w, (k + 1)·w) covering them all", () => {
    expect(histogram([0.01, 0.04, 0.06, -0.01], 0.05)).toEqual([
      { start: -0.05, end: 0, count: 1 },
      { start: 0, end: 0.05, count: 2 },
      { start: 0.05, end: 0.1, count: 1 },
    ]);
    expect(histogram([], 0.05)).toEqual([]);
  });
});
