import type { ClaimResult } from "../claims/runner.js";
import { formatStatistical } from "../claims/statisticalVerdict.js";
import { formatPercent, formatSignificant } from "../format/numbers.js";

/** Options of {@link claimsTable}. */
export interface ClaimsTableOptions {
  /** Longest statement shown before it is cut with "…" (default 60; the Markdown table never cuts). */
  readonly statementWidth?: number;
}

/**
 * The verdict column: "FAILS", "holds", or "vacuous" when every case was out of domain;
 * conjectures (X series) read "refuted" / "supported". A statistical claim whose intervals
 * neither show nor exclude its hypotheses reads "inconclusive" (it does not hold: more trials
 * decide); one whose intervals exclude them reads "FAILS" (a conjecture: "refuted").
 */
export type TableVerdict =
  | "holds"
  | "FAILS"
  | "vacuous"
  | "refuted"
  | "supported"
  | "skipped"
  | "inconclusive";

export function tableVerdict(result: ClaimResult): TableVerdict {
  if (result.skipped !== undefined) return "skipped";
  if (result.statistical !== undefined && result.failures === 0) {
    const verdict = result.statistical.verdict;
    if (verdict === "inconclusive") return "inconclusive";
    if (result.conjecture) return verdict === "holds" ? "supported" : "refuted";
    return verdict === "holds" ? "holds" : "FAILS";
  }
  if (result.conjecture && result.casesRun > result.outOfDomain)
    return result.holds ? "supported" : "refuted";
  if (!result.holds) return "FAILS";
  return result.casesRun > 0 && result.outOfDomain === result.casesRun ? "vacuous" : "holds";
}

/**
 * The worst in-domain |error| against its tolerance: percentages with 3 significant digits
 * when the claim measures relative errors ("0.906% / 2.00%"), otherwise 3 significant
 * digits ("1.23e-3 / 5.00e-3"); "—" when no case was measured.
 */
export function formatWorst(worst: ClaimResult["worst"]): string {
  if (worst === undefined) return "—";
  const format = worst.relative ? formatPercent : formatSignificant;
  return `${format(Math.abs(worst.error))} / ${format(worst.tolerance)}`;
}

/**
 * The "Worst |error| / tol" cell: a statistical claim shows its arms' events/trials and
 * intervals there instead (it has no per-case error).
 */
export function formatEvidence(result: ClaimResult): string {
  if (result.statistical !== undefined && result.worst === undefined)
    return formatStatistical(result.statistical);
  return formatWorst(result.worst);
}

const HEADERS = [
  "ID",
  "Statement",
  "Cases",
  "Out of domain",
  "Failures",
  "Worst |error| / tol",
  "Seconds",
  "Verdict",
];
/** Right-aligned columns (numbers). */
const NUMERIC = new Set([2, 3, 4, 5, 6]);

function rowOf(result: ClaimResult, statement: string): string[] {
  return [
    result.id,
    statement,
    String(result.casesRun),
    String(result.outOfDomain),
    String(result.failures),
    formatEvidence(result),
    result.seconds.toFixed(2),
    tableVerdict(result),
  ];
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * The claims table as aligned plain text: one row per claim (ID, statement, cases run,
 * out-of-domain cases, failures, worst |error| vs tolerance, seconds, verdict).
 */
export function claimsTable(
  results: readonly ClaimResult[],
  options: ClaimsTableOptions = {},
): string {
  const width = options.statementWidth ?? 60;
  const rows = results.map((r) => rowOf(r, cut(r.statement, width)));
  const widths = HEADERS.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (NUMERIC.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(HEADERS), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The same table in GitHub Markdown (statements in full, `|` escaped), for the README. */
export function markdownClaimsTable(results: readonly ClaimResult[]): string {
  const escapeCell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  const rows = results.map((r) => rowOf(r, r.statement).map(escapeCell));
  const align = HEADERS.map((_, c) => (NUMERIC.has(c) ? "---:" : "---"));
  return [HEADERS.map(escapeCell), align, ...rows]
    .map((cells) => `| ${cells.join(" | ")} |`)
    .join("\n");
}
