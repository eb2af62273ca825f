import { beforeAll, describe, expect, it } from "vitest";
import type { FigureRow } from "../../../src/report/figures/figure.js";
import type { GeneratedFigure } from "../../../src/report/figures/generate.js";
import { expectFigureContract, makeFigure, num, QUICK } from "./figureContract.js";

/**
 * Toy σA = 2, σB = 1, w = (1, 1) at correlation ρ (docs/theory.md §1): W_A^uni = 1 + ρσB/σA,
 * W^full = (1, 1), ℒ(0) = ½wᵀΣw = ½(5 + 4ρ), ℒ(M_A) = ½(σ_y² − Σ_yxA²/σA²) = ½(1 − ρ²),
 * ℒ* = 0, T2 ratio 1 + 3/(1 − ρ²): at the authors' ρ = 0, 1, 0.5 and 4; at ρ = 0.5, 1.25,
 * 0.375 and 5.
 */
const wAUni = (rho: number) => 1 + rho / 2;
const lossPlateau = (rho: number) => 0.5 * (1 - rho * rho);
const t2Ratio = (rho: number) => 1 + 3 / (1 - rho * rho);
/** Balanced init u0 = 1e-4: T2's error ≲ 0.5/ln(1/u0) = 5.4 % (docs/theory.md §6, worst case). */
const T2_TOLERANCE = 0.5 / Math.log(1e4);

const LATE = "late fusion (Lf = 2)";
const EARLY = "early fusion (Lf = 1)";

function crossing(rows: readonly FigureRow[], fusion: string, series: string): FigureRow {
  return rows.find(
    (r) =>
      r.fusion === fusion && r.source === "crossing" && r.series === series && r.panel !== "loss ℒ",
  )!;
}

describe.each([
  { rho: 0, options: QUICK, shown: "the authors' ρ = 0 (default)" },
  { rho: 0.5, options: { ...QUICK, rho: 0.5 }, shown: "ρ = 0.5 (--rho 0.5)" },
])("figure trajectories (T1, T2, T3) at $shown", ({ rho, options }) => {
  let figure: GeneratedFigure;
  beforeAll(async () => {
    figure = await makeFigure("trajectories", options);
  });

  it("names the ρ drawn in its subtitle, and the caption the default and the option", () => {
    const title = figure.data.spec.title as { subtitle: string };
    expect(title.subtitle).toContain(`ρ = ${rho}`);
    expect(figure.figure.caption).toContain("ρ = 0; `ubias figure trajectories --rho 0.5`");
  });

  it("shows the sampled trajectories and crossings as symbols at their CSV values", () => {
    expectFigureContract(figure, {
      axes: ["time t (units of τ)"],
      markerX: "t",
      markerY: "value",
      xScale: "linear",
      yScale: "linear",
      isMarker: (row) => row.source === "simulation" || row.source === "crossing",
    });
    // Plateau and end values and the predicted times are drawn as rules.
    expect(figure.svg).toContain("mark-rule role-mark");
  });

  it("marks the plateau W_A^uni and ℒ(M_A) for late fusion only", () => {
    const levels = figure.data.rows.filter((r) => r.source === "theory-level");
    const plateau = levels.filter((r) => String(r.series).includes("plateau"));
    expect(plateau.every((r) => r.fusion === LATE)).toBe(true);
    expect(plateau.map((r) => r.value).sort()).toEqual([lossPlateau(rho), wAUni(rho)].sort());
  });

  it("rests late fusion on the plateau between t_A and t_B, and not early fusion (T1, T3)", () => {
    const rows = figure.data.rows;
    const tA = num(crossing(rows, LATE, "t_A"), "t");
    const tB = num(crossing(rows, LATE, "t_B"), "t");
    expect(Math.abs(tB / tA / t2Ratio(rho) - 1)).toBeLessThan(T2_TOLERANCE);
    const mid = rows.filter(
      (r) =>
        r.fusion === LATE &&
        r.source === "simulation" &&
        r.series === "W_A^tot" &&
        num(r, "t") > tA + 1 &&
        num(r, "t") < tB - 2,
    );
    expect(mid.length).toBeGreaterThan(10);
    for (const r of mid) expect(Math.abs(num(r, "value") - wAUni(rho))).toBeLessThan(0.01);
    const early = num(crossing(rows, EARLY, "t_B"), "t") / num(crossing(rows, EARLY, "t_A"), "t");
    // T1 at two layers converges slowly: 1.1-1.7 measured at u0 = 1e-3 (docs/theory.md §6).
    expect(early).toBeLessThan(1.7);
  });
});
