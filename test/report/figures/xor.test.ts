import { describe, expect, it } from "vitest";
import { FLOOR_FRACTION, LATE_FUSION_DIRECTIONS } from "../../../properties/T12.js";
import { linspace } from "../../../src/report/figures/chart.js";
import { expectFigureContract, makeFigure, num } from "./figureContract.js";

const SWEEP_PANEL = "xor_sweep: distinct neuron directions";

describe("figure xor (T12, T12.early)", () => {
  it("plots loss and directions against v (T12's runs) and the authors' xor_sweep", async () => {
    const figure = await makeFigure("xor");
    expectFigureContract(figure, {
      axes: [
        "variance v of the linear x_A",
        "final training loss",
        "neuron directions",
        "xor_sweep",
      ],
      markerX: "variance",
      markerY: "value",
      // Top row (concat_0): log v; the sweep below (concat_1): the authors' linear v axis.
      xScale: (mark) => (mark.startsWith("concat_0") ? "log" : "linear"),
      // Top left (concat_0_concat_0): loss on a log axis; the direction counts linear.
      yScale: (mark) => (mark.startsWith("concat_0_concat_0") ? "log" : "linear"),
      isMarker: (row) => row.source === "simulation",
    });
    const simulated = figure.data.rows.filter((r) => r.source === "simulation");
    const rows = simulated.filter((r) => r.panel !== SWEEP_PANEL);
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

    // The sweep: the authors' 40 values of v (sweep.py: linspace(0.01, 2, 30), linspace(2.1, 5,
    // 10)), one run per value for each fusion.
    const sweep = simulated.filter((r) => r.panel === SWEEP_PANEL);
    const authors = [...linspace(0.01, 2, 30), ...linspace(2.1, 5, 10)];
    for (const fusion of ["early", "late"]) {
      const series = sweep.filter((r) => String(r.series).startsWith(fusion));
      expect(series.map((r) => r.variance)).toEqual(authors);
      for (const r of series) expect(Number.isInteger(r.value)).toBe(true);
    }
    expect(authors[0]).toBe(0.01);
    expect(authors[29]).toBeCloseTo(2, 14);
    expect(authors[39]).toBe(5);
    // What the panel shows (T12.early): above v = 2, early fusion mostly keeps only ±x_B
    // (2 directions, no XOR point fitted) while late fusion keeps its 6 at most v.
    const above = (fusion: string) =>
      sweep.filter((r) => String(r.series).startsWith(fusion) && num(r, "variance") > 2);
    const early = above("early");
    expect(early.filter((r) => r.value === 2 && r.xorPointsFitted === 0).length).toBeGreaterThan(
      early.length / 2,
    );
    const late = above("late");
    expect(late.filter((r) => r.value === LATE_FUSION_DIRECTIONS).length).toBeGreaterThan(
      late.length / 2,
    );
  });
});
