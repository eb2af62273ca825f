import { describe, expect, it } from "vitest";
import {
  expectDeterministicRendering,
  expectFigureContract,
  makeFigure,
  num,
  QUICK,
} from "./figureContract.js";

/**
 * Toy σA = 2, σB = 1, w = (1, 1) at correlation ρ (docs/theory.md §1): ℒ(0) = ½(5 + 4ρ),
 * ℒ(M_A) = ½(1 − ρ²), ℒ* = 0 — 2.5, 0.5, 0 at the authors' ρ = 0; 3.5, 0.375, 0 at ρ = 0.5.
 */
const levelsAt = (rho: number) => [0.5 * (5 + 4 * rho), 0.5 * (1 - rho * rho), 0];

describe.each([
  { rho: 0, options: QUICK },
  { rho: 0.5, options: { ...QUICK, rho: 0.5 } },
])("figure depth-losses (T3, T5, T6) at ρ = $rho", ({ rho, options }) => {
  it("shows the four loss curves as symbols on a log time axis, with ℒ(0), ℒ(M_A), ℒ*", async () => {
    const figure = await makeFigure("depth-losses", options);
    const LEVELS = levelsAt(rho);
    expect((figure.data.spec.title as { subtitle: string }).subtitle).toContain(`ρ = ${rho}`);
    expect(figure.figure.caption).toContain(
      "at ρ = 0 (their default; `ubias figure depth-losses --rho 0.5`",
    );
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
      expect(Math.abs(num(curve[0]!, "loss") - LEVELS[0]!)).toBeLessThan(0.01);
      expect(num(curve[curve.length - 1]!, "loss")).toBeLessThan(1e-6);
    }
  });
});
