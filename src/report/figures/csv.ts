import type { FigureRow } from "./figure.js";

/**
 * A figure's data file: one line per plotted row, columns in first-appearance order. Numbers
 * are written in their shortest round-trip form (String(x); −0 as "-0", NaN and ±Infinity as
 * JavaScript spells them), so that Number(field) gives back the plotted double bit for bit.
 * null is an empty field; strings are quoted (RFC 4180) when they hold a comma, a quote or a
 * line break.
 */

/** Every column that appears in `rows`, in order of first appearance. */
export function csvColumns(rows: readonly FigureRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** The CSV text of `rows` (header line, then one line per row, final newline). */
export function toCsv(rows: readonly FigureRow[]): string {
  const columns = csvColumns(rows);
  const lines = [columns.map(quote).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(","));
  return `${lines.join("\n")}\n`;
}

/** One field: a number in round-trip form, a (quoted if needed) string, empty for null. */
export function csvField(value: number | string | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "boolean") return String(value);
  return quote(value);
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
