import { describe, expect, it } from "vitest";
import {
  expectDeterministicRendering,
  expectFigureContract,
  makeFigure,
  num,
} from "./figureContract.js";

/** Toy σA = 2, σB = 1, ρ = 0.5, w = (1, 1): ℒ(0) = 3.5, ℒ(M_A) = 0.375, ℒ* = 0 (docs/theory.md §1). */
const LEVELS = [3.5, 0.375, 0];

describe("figure depth-losses (T3, T5, T6)", () => {
  it("shows the four loss curves as symbols on a log time axis, with ℒ(0), ℒ(M_A), ℒ*", async () => {
    const figure = await makeFigure("depth-losses");
    expectFigureContract(figure, {
      axes: ["time t (units of τ, log scale)", "loss ℒ"],
      markerX: "t",
      markerY: "loss",
      xScale: "log",
      yScale: "linear",
      isMarker: (row) => row.source === "simulation",
    });
    await expectDeterministicRendering(figure);
    const levels = figure.data.rows
      .filter((r) => r.source === "theory-level")
      .map((r) => num(r, "loss"));
    expect(levels.length).toBe(3);
    levels.forEach((level, i) => {
      expect(Math.abs(level - LEVELS[i]!)).toBeLessThan(1e-12);
    });
    const series = new Set(
      figure.data.rows.filter((r) => r.source === "simulation").map((r) => r.series),
    );
    expect(series.size).toBe(4);
    for (const name of series) {
      const curve = figure.data.rows.filter((r) => r.source === "simulation" && r.series === name);
      // Every network starts on ℒ(0) and is trained to ℒ* (stopping rule: gap ≤ 1e-10 ℒ(0)).
      expect(Math.abs(num(curve[0]!, "loss") - 3.5)).toBeLessThan(0.01);
      expect(num(curve[curve.length - 1]!, "loss")).toBeLessThan(1e-6);
    }
  });
});
