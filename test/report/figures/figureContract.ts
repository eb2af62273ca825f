import { expect } from "vitest";
import { figureById } from "../../../src/report/figures/catalogue.js";
import type { FigureRow } from "../../../src/report/figures/figure.js";
import type { GeneratedFigure } from "../../../src/report/figures/generate.js";
import { generateFigure } from "../../../src/report/figures/generate.js";
import { renderSvg } from "../../../src/report/figures/render.js";
import { csvRecords } from "../../helpers/csvRecords.js";
import type { SvgMarkGroup } from "./svgMarks.js";
import { axisTitles, isBalanced, markGroups, pathVertices } from "./svgMarks.js";

/** The cheapest settings of a figure: one init draw per marker, the default seed. */
export const QUICK = { repeats: 1, seed: 20240527 } as const;

export async function makeFigure(id: string, options = QUICK): Promise<GeneratedFigure> {
  return generateFigure(figureById(id), options, { threads: 1 });
}

/** What a figure's SVG must show, stated by its test. */
export interface FigureExpectation {
  /** Axis titles that must appear (substrings of the titles). */
  readonly axes: readonly string[];
  /** CSV columns plotted on x and y by the markers, and the scale type of each. */
  readonly markerX: string;
  readonly markerY: string;
  /** The x scale type, or per mark group (as yScale). */
  readonly xScale: "linear" | "log" | ((markName: string) => "linear" | "log");
  /** The y scale type, or per mark group (Vega's mark name, e.g. "concat_0_layer_1_marks"). */
  readonly yScale: "linear" | "log" | ((markName: string) => "linear" | "log");
  /** Rows drawn as markers (simulations); each must be one SVG symbol and vice versa. */
  readonly isMarker: (row: FigureRow) => boolean;
  /** Vega mark type of the markers (default "symbol"; "rect" for a heat map's cells). */
  readonly markerType?: "symbol" | "rect";
  /** Rows drawn as theory lines: their count equals the lines' vertices in the SVG. */
  readonly isLineVertex?: (row: FigureRow) => boolean;
}

/**
 * Residual allowed between a marker's pixel position and the affine image of its CSV value:
 * Vega writes positions with full double precision, so only the scale's own round-off
 * (~1e-13 px on a few hundred pixels) remains; 1e-6 px is far below any visible offset.
 */
const PIXEL_TOLERANCE = 1e-6;

/** The CSV parses back to exactly the rows: numbers bit for bit, strings, nulls as "". */
export function expectCsvRoundTrip(figure: GeneratedFigure): void {
  const parsed = csvRecords(figure.csv);
  expect(parsed).toHaveLength(figure.data.rows.length);
  figure.data.rows.forEach((row, i) => {
    const back = parsed[i]!;
    for (const [key, value] of Object.entries(row)) {
      const field = back[key];
      if (value === null) expect(field).toBe("");
      else if (typeof value === "number") expect(Object.is(Number(field), value)).toBe(true);
      else expect(field).toBe(String(value));
    }
  });
}

function numericField(record: Record<string, string>, column: string): number {
  return Number(record[column]);
}

/**
 * Every position in a group is the same affine map of the value (or of its log10): fitted
 * on the two extreme values, checked on all.
 */
function expectAffine(pixels: number[], values: number[], scale: "linear" | "log"): void {
  const v = scale === "log" ? values.map(Math.log10) : values;
  let lo = 0;
  let hi = 0;
  v.forEach((value, i) => {
    if (value < v[lo]!) lo = i;
    if (value > v[hi]!) hi = i;
  });
  if (v[hi] === v[lo]) return; // one distinct value: nothing to fit
  const slope = (pixels[hi]! - pixels[lo]!) / (v[hi]! - v[lo]!);
  v.forEach((value, i) => {
    expect(Math.abs(pixels[i]! - (pixels[lo]! + slope * (value - v[lo]!)))).toBeLessThan(
      PIXEL_TOLERANCE,
    );
  });
}

/**
 * The contract of every figure: a well-formed SVG without external resources, the named axis
 * titles, one symbol per marker row (found through its aria-label, the CSV row index) at the
 * position its CSV values map to, theory lines with one vertex per theory row, and a CSV that
 * reproduces the rows exactly.
 */
export function expectFigureContract(figure: GeneratedFigure, e: FigureExpectation): void {
  const { svg, data } = figure;
  expect(svg.startsWith("<svg")).toBe(true);
  expect(isBalanced(svg)).toBe(true);
  // No external resource: no href, no url() but to the SVG's own defs, no <image>, no
  // @import (namespace declarations aside).
  const external = /href=|url\((?!#)|<image|@import/.test(
    svg.replaceAll(/xmlns(:\w+)?="[^"]*"/g, ""),
  );
  expect(external).toBe(false);
  const titles = axisTitles(svg);
  for (const title of e.axes) expect(titles.some((t) => t.includes(title))).toBe(true);
  expectCsvRoundTrip(figure);

  const csv = csvRecords(figure.csv);
  const groups = markGroups(svg);
  // Marker items are those labelled with a CSV row index (other marks carry Vega's text).
  const markers = groups
    .filter((g) => g.type === (e.markerType ?? "symbol"))
    .map((g) => ({ ...g, items: g.items.filter((item) => /^\d+$/.test(item.label ?? "")) }))
    .filter((g) => g.items.length > 0);
  const plotted = markers.flatMap((g) => g.items.map((item) => Number(item.label) - 1));
  const expected = data.rows.flatMap((row, i) => (e.isMarker(row) ? [i] : []));
  expect(expected.length).toBeGreaterThan(0);
  expect([...plotted].sort((a, b) => a - b)).toEqual(expected);
  if ((e.markerType ?? "symbol") === "symbol")
    for (const group of markers) expectGroupPositions(group, csv, e);

  if (e.isLineVertex) {
    const lines = groups.filter((g) => g.type === "line");
    const vertices = lines
      .flatMap((g) => g.items)
      .reduce((n, item) => n + pathVertices(item.d!), 0);
    expect(vertices).toBe(data.rows.filter(e.isLineVertex).length);
  }
}

function expectGroupPositions(
  group: SvgMarkGroup,
  csv: Record<string, string>[],
  e: FigureExpectation,
): void {
  const records = group.items.map((item) => csv[Number(item.label) - 1]!);
  expectAffine(
    group.items.map((item) => item.x!),
    records.map((r) => numericField(r, e.markerX)),
    typeof e.xScale === "function" ? e.xScale(group.name) : e.xScale,
  );
  // SVG y grows downwards: still affine, with a negative slope.
  expectAffine(
    group.items.map((item) => item.y!),
    records.map((r) => numericField(r, e.markerY)),
    typeof e.yScale === "function" ? e.yScale(group.name) : e.yScale,
  );
}

/**
 * Rendering the same rows twice gives the same bytes, but for the ids Vega numbers from a
 * counter global to the process (a legend's gradient_N, a clipped mark's clipN): a second
 * rendering in the same process differs in those only, so they are compared normalised.
 */
export async function expectDeterministicRendering(figure: GeneratedFigure): Promise<void> {
  const normalise = (svg: string) => svg.replaceAll(/\b(gradient_|clip)\d+\b/g, "$1");
  expect(normalise(await renderSvg(figure.data))).toBe(normalise(figure.svg));
}

/** A row's number in column `key` (the test fails if it is not a number). */
export function num(row: FigureRow, key: string): number {
  const value = row[key];
  expect(typeof value).toBe("number");
  return value as number;
}
