import { describe, expect, it } from "vitest";
import { FLOOR_FRACTION, LATE_FUSION_DIRECTIONS } from "../../../properties/T12.js";
import { expectFigureContract, makeFigure, num } from "./figureContract.js";

describe("figure xor (T12)", () => {
  it("plots final loss and neuron directions against v for early and late fusion", async () => {
    const figure = await makeFigure("xor");
    expectFigureContract(figure, {
      axes: ["variance v of the linear x_A", "final training loss", "neuron directions"],
      markerX: "variance",
      markerY: "value",
      xScale: "log",
      // Left panel (concat_0): loss on a log axis; right (concat_1): directions, linear.
      yScale: (mark) => (mark.startsWith("concat_0") ? "log" : "linear"),
      isMarker: (row) => row.source === "simulation",
    });
    const rows = figure.data.rows.filter((r) => r.source === "simulation");
    expect(rows).toHaveLength(20);
    // The T12 claim: late fusion reaches the floor (≤ 1e-3·ℒ(0), ℒ(0) = ½(1 + v)) with the
    // six directions the task needs.
    for (const row of rows.filter((r) => String(r.series).startsWith("late"))) {
      if (row.panel === "distinct neuron directions")
        expect(row.value).toBe(LATE_FUSION_DIRECTIONS);
      else
        expect(num(row, "value")).toBeLessThanOrEqual(
          FLOOR_FRACTION * 0.5 * (1 + num(row, "variance")),
        );
    }
  });
});
