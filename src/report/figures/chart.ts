import type { FigureRow } from "./figure.js";

/**
 * Shared Vega-Lite building blocks of the figures: one fixed font (installed with the system,
 * so rendering needs no external resource), inline data, and a row index that ties every
 * simulation marker of the SVG to its line of the CSV.
 */

/** The one font family of every figure (DejaVu Sans ships with the OS image; no web fonts). */
export const FONT = "DejaVu Sans";

/**
 * 1-based index of a row in the figure's CSV (a window row_number over the inline rows, in
 * order). Markers carry it as their description, which Vega writes as the SVG `aria-label`
 * of each symbol: a test reads it back to match every plotted position with its CSV values.
 */
export const ROW_INDEX = "csvRow";

/** Where the simulated markers come from (set on every row). */
export type RowSource = "theory" | "simulation";

export type VegaLiteSpec = Record<string, unknown>;

/** The top-level specification: title, inline rows with their index, shared look. */
export function figureSpec(
  title: string,
  subtitle: string,
  rows: readonly FigureRow[],
  body: VegaLiteSpec,
): VegaLiteSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: { text: title, subtitle, anchor: "start", subtitleColor: "#444" },
    data: { values: rows.map((row) => ({ ...row })) },
    transform: [{ window: [{ op: "row_number", as: ROW_INDEX }] }],
    ...body,
    config: {
      font: FONT,
      background: "white",
      view: { stroke: "#bbb" },
      axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: "#e6e6e6" },
      legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320, titleLimit: 320 },
      title: { fontSize: 15, subtitleFontSize: 12 },
      header: { labelFontSize: 12, titleFontSize: 12 },
    },
  };
}

/** A Vega-Lite filter keeping rows whose `field` equals `value`. */
export function where(field: string, value: string | number): VegaLiteSpec {
  return { filter: { field, equal: value } };
}

/** Keeps rows whose fields are all finite numbers (not null). */
export function finite(...fields: string[]): VegaLiteSpec {
  return { filter: fields.map((f) => `isFinite(datum[${JSON.stringify(f)}])`).join(" && ") };
}

/** A quantitative position channel. */
export function axis(
  field: string,
  title: string,
  options: { log?: boolean; zero?: boolean; domain?: readonly number[]; format?: string } = {},
): VegaLiteSpec {
  // A log scale has no zero (Vega-Lite drops the setting with a warning).
  const scale: Record<string, unknown> = options.log
    ? { type: "log" }
    : { zero: options.zero ?? false };
  if (options.domain) {
    scale.domain = [...options.domain];
    scale.nice = false;
  }
  return {
    field,
    type: "quantitative",
    title,
    scale,
    ...(options.format ? { axis: { format: options.format } } : {}),
  };
}

/** The marker encoding extra: the CSV row index as the symbol's SVG aria-label. */
export const markerDescription = { description: { field: ROW_INDEX, type: "nominal" } };

/** The master seed and a job index → the job's seed (distinct for index < 65536). */
export function jobSeed(master: number, index: number): number {
  return ((master >>> 0) * 0x10000 + index) % 2 ** 32;
}

/** `count` numbers evenly spaced on [from, to] (both ends included). */
export function linspace(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/** `count` numbers evenly spaced in log on [from, to] (both ends included, exactly). */
export function logspace(from: number, to: number, count: number): number[] {
  const a = Math.log(from);
  const b = Math.log(to);
  return Array.from({ length: count }, (_, i) =>
    i === 0 ? from : i === count - 1 ? to : Math.exp(a + ((b - a) * i) / (count - 1)),
  );
}

/**
 * A log-axis domain around the finite positive `values`: [min/pad, max·pad], so that markers
 * at the ends are not cut and the axis does not round out to whole decades of empty space.
 */
export function logDomain(values: readonly (number | null)[], pad = 1.3): [number, number] {
  const positive = values.filter((v): v is number => v !== null && Number.isFinite(v) && v > 0);
  return [Math.min(...positive) / pad, Math.max(...positive) * pad];
}

/** null for NaN and ±Infinity (a row's "not measured"), the number otherwise. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * The two layers most figures share: theory rows as lines (one per `series`), simulation
 * rows with a finite `field` as filled, outlined markers (each labelled with its CSV row,
 * see markerDescription). `encoding` holds the shared channels (x, y, color); `markerExtra`
 * adds channels to the markers only (e.g. shape).
 */
export function theoryLinesAndMarkers(
  field: string,
  encoding: VegaLiteSpec,
  marker: { readonly size: number; readonly opacity: number },
  markerExtra: VegaLiteSpec = {},
): VegaLiteSpec[] {
  return [
    {
      transform: [where("source", "theory")],
      mark: { type: "line", strokeWidth: 2 },
      encoding: { ...encoding, detail: { field: "series" } },
    },
    {
      transform: [where("source", "simulation"), finite(field)],
      mark: { type: "point", filled: true, ...marker, stroke: "black", strokeWidth: 0.5 },
      encoding: { ...encoding, ...markerExtra, ...markerDescription },
    },
  ];
}

/**
 * The layers of a trajectory figure: theory levels as dashed horizontal rules
 * (source "theory-level"), theory times as dotted vertical rules ("theory-time"), and the
 * simulated trajectory as small markers ("simulation").
 */
export function levelsTimesAndTrajectory(
  encoding: { readonly x: VegaLiteSpec; readonly y: VegaLiteSpec; readonly color: VegaLiteSpec },
  markerSize: number,
): VegaLiteSpec[] {
  const { x, y, color } = encoding;
  return [
    {
      transform: [where("source", "theory-level")],
      mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y, color },
    },
    {
      transform: [where("source", "theory-time")],
      mark: { type: "rule", strokeDash: [2, 3], strokeWidth: 1.5 },
      encoding: { x, color },
    },
    {
      transform: [where("source", "simulation")],
      mark: { type: "point", filled: true, size: markerSize, opacity: 0.9 },
      encoding: { x, y, color, ...markerDescription },
    },
  ];
}
