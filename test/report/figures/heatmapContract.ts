import { expect } from "vitest";
import type { FigureRow } from "../../../src/report/figures/figure.js";
import type { GeneratedFigure } from "../../../src/report/figures/generate.js";
import { HEATMAP_RHOS, HEATMAP_SIGMA_RATIOS } from "../../../src/report/figures/toyHeatmap.js";
import { num } from "./figureContract.js";
import { markGroups } from "./svgMarks.js";

/** A drawn cell: its CSV row, its pixel box and its fill. */
export interface DrawnCell {
  readonly row: FigureRow;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly rgb: readonly [number, number, number];
}

/** Vega's rect path "Mx,yhwvh…Z" → box; its fill "rgb(r, g, b)". */
function box(d: string): { x: number; y: number; width: number; height: number } {
  const m = /^M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)h/.exec(d);
  expect(m, d).not.toBeNull();
  return { x: Number(m![1]), y: Number(m![2]), width: Number(m![3]), height: Number(m![4]) };
}

/**
 * The cells of a heat map as the SVG draws them: one rect per theory row (found through its
 * aria-label, the CSV row index), each at the pixel box its CSV edges map to, on the full
 * 47 × 41 grid of the authors' axes.
 */
export function drawnCells(figure: GeneratedFigure): DrawnCell[] {
  const rows = figure.data.rows;
  const theory = rows.flatMap((row, i) => (row.source === "theory" ? [i] : []));
  expect(theory).toHaveLength(HEATMAP_RHOS.length * HEATMAP_SIGMA_RATIOS.length);
  const rectGroups = figure.svg.match(/<g class="mark-rect role-mark [^"]*"[^>]*>.*?<\/g>/gs) ?? [];
  const fills = rectGroups.flatMap((group) => [
    ...group.matchAll(
      /<path aria-label="(\d+)"[^>]*? d="([^"]*)" fill="rgb\((\d+), (\d+), (\d+)\)"/g,
    ),
  ]);
  const rects = markGroups(figure.svg)
    .filter((g) => g.type === "rect")
    .flatMap((g) => g.items.filter((item) => /^\d+$/.test(item.label ?? "")));
  expect(rects.map((r) => Number(r.label) - 1)).toEqual(theory);
  expect(fills).toHaveLength(theory.length);
  const cells = fills.map((m) => {
    const row = rows[Number(m[1]) - 1]!;
    return {
      row,
      ...box(m[2]!),
      rgb: [Number(m[3]), Number(m[4]), Number(m[5])] as const,
    };
  });
  // Pixel boxes: x affine in ρ (left and right edges on one map), y in σA/σB (downwards).
  expectAffinePair(
    cells.map((c) => [c.x, num(c.row, "rhoLow")]),
    cells.map((c) => [c.x + c.width, num(c.row, "rhoHigh")]),
  );
  expectAffinePair(
    cells.map((c) => [c.y, num(c.row, "sigmaRatioHigh")]),
    cells.map((c) => [c.y + c.height, num(c.row, "sigmaRatioLow")]),
  );
  return cells;
}

/** Vega writes positions in full double precision: only ~1e-13 px of round-off (figureContract). */
const PIXEL_TOLERANCE = 1e-6;

function expectAffinePair(a: [number, number][], b: [number, number][]): void {
  const all = [...a, ...b];
  const lo = all.reduce((p, q) => (q[1] < p[1] ? q : p));
  const hi = all.reduce((p, q) => (q[1] > p[1] ? q : p));
  const slope = (hi[0] - lo[0]) / (hi[1] - lo[1]);
  for (const [pixel, value] of all)
    expect(Math.abs(pixel - (lo[0] + slope * (value - lo[1])))).toBeLessThan(PIXEL_TOLERANCE);
}

/**
 * Rounding slack of `brightness`: Vega writes each channel rounded to an integer (≤ 0.5 off),
 * and the weights sum to 1, so each brightness is within 0.5 of the scale's exact colour and
 * two of them compare within 1.
 */
export const BRIGHTNESS_ROUNDING = 1;

/** Brightness of an sRGB fill, Rec. 709 weights (a monotone proxy is enough here). */
export function brightness([r, g, b]: readonly [number, number, number]): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The value labels the SVG writes (text marks without an axis role). */
export function valueLabels(figure: GeneratedFigure): string[] {
  return markGroups(figure.svg)
    .filter((g) => g.type === "text" && g.name.endsWith("_marks"))
    .flatMap((g) => g.items.map((i) => i.text ?? ""));
}
