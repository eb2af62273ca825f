import type { ClaimResult } from "../claims/runner.js";
import { statisticalLines } from "../claims/statisticalVerdict.js";
import { formatJson } from "../format/json.js";
import { claimsTable, formatEvidence, tableVerdict } from "../report/claimsTable.js";
import { keyValueList } from "../report/keyValue.js";

/*
 * The text output of a claims run — `check`'s table and `conjecture`'s key-value block — apart
 * from the commands, so that `merge`, which prints the same for merged shards, loads neither
 * the runner's worker pool nor conjecture's mathjs (issue 14: commands load what they use).
 */

/** Quotes a shell word when it needs it. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

function holdsSummary(count: number): string {
  if (count === 0) return "No claims were checked.";
  return count === 1 ? "The claim holds." : `All ${count} claims hold.`;
}

/** The text output of `check` (and of `merge`, which prints the same for a merged run). */
export function resultsText(results: readonly ClaimResult[], seed: number): string {
  const failed = results.filter((r) => !r.holds && !r.conjecture);
  const refuted = results.filter((r) => !r.holds && r.conjecture);
  const parts = [`Claims checked with seed ${seed}`, "", claimsTable(results)];
  for (const result of [...failed, ...refuted]) {
    const counterexample = result.counterexample;
    parts.push("");
    if (counterexample === undefined && result.statistical !== undefined) {
      const verdict = result.statistical.verdict;
      const what =
        verdict === "inconclusive"
          ? "is inconclusive (more trials decide: --runs)"
          : result.conjecture
            ? "is refuted"
            : "fails";
      parts.push(
        `${result.id} ${what}; event: ${result.statistical.design.event}`,
        ...statisticalLines(result.statistical),
      );
    } else if (counterexample) {
      parts.push(
        `${result.id} ${result.conjecture ? "is refuted" : "fails"}; shrunk counterexample (${counterexample.shrinks} shrinks):`,
        formatJson(counterexample.verdict).trimEnd(),
        `replay: ${counterexample.replay}`,
      );
    } else {
      parts.push(`${result.id} fails; no counterexample was reproduced by the shrinking pass`);
    }
  }
  const cut = results.filter((r) => r.budget !== undefined);
  if (cut.length > 0) {
    parts.push(
      "",
      `Stopped by the time budget (--budget ${cut[0]!.budget!.seconds} s per claim; which cases is fixed by the seed, how many depends on the machine):`,
      ...cut.map((r) => `  ${r.id}: ${r.casesRun} of ${r.runs} cases`),
    );
  }
  if (refuted.length > 0) {
    parts.push(
      "",
      `Conjectures refuted (a finding, not a failure): ${refuted.map((r) => r.id).join(", ")}`,
    );
  }
  parts.push(
    "",
    failed.length === 0
      ? holdsSummary(results.length - refuted.length)
      : `${failed.length} of ${results.length} claims fail: ${failed.map((r) => r.id).join(", ")}`,
  );
  return `${parts.join("\n")}\n`;
}

/**
 * "holds", "fails", or "vacuous" when no case was inside the domain; "inconclusive" for a
 * statistical claim whose intervals neither show nor exclude its hypotheses.
 */
export function verdictWord(result: ClaimResult): "holds" | "fails" | "vacuous" | "inconclusive" {
  if (tableVerdict(result) === "inconclusive") return "inconclusive";
  if (!result.holds) return "fails";
  return tableVerdict(result) === "vacuous" || result.casesRun === 0 ? "vacuous" : "holds";
}

function reasonsText(reasons: Readonly<Record<string, number>>): string | undefined {
  const entries = Object.entries(reasons);
  if (entries.length === 0) return undefined;
  return entries.map(([reason, count]) => `${reason} ${count}`).join(", ");
}

/** The text output of `conjecture` (and of `merge` for a conjecture's shards). */
export function resultText(result: ClaimResult, replay?: string): string {
  const verdict = verdictWord(result);
  const rows = keyValueList([
    ["conjecture", result.statement],
    ["domain", result.domain],
    ["tolerance", result.tolerance],
    ["seed", String(result.seed)],
    ["cases", String(result.casesRun)],
    [
      "out of domain",
      `${result.outOfDomain}${reasonsText(result.outOfDomainReasons) ? ` (${reasonsText(result.outOfDomainReasons)})` : ""}`,
    ],
    ["failures", String(result.failures)],
    ["worst |error|", formatEvidence(result)],
    ["seconds", result.seconds.toFixed(2)],
    ["verdict", verdict],
  ]);
  const parts = [rows];
  if (result.worst) parts.push("", "worst case:", formatJson(result.worst).trimEnd());
  if (result.statistical) {
    parts.push(
      "",
      `event: ${result.statistical.design.event}`,
      ...statisticalLines(result.statistical),
    );
  }
  if (result.counterexample) {
    parts.push(
      "",
      `shrunk counterexample (${result.counterexample.shrinks} shrinks):`,
      formatJson(result.counterexample.verdict).trimEnd(),
      "",
      `replay: ${replay}`,
    );
  } else if (verdict === "fails" && result.statistical === undefined) {
    parts.push("", "no counterexample was reproduced by the shrinking pass");
  }
  if (verdict === "vacuous") parts.push("", "no generated case was inside the domain");
  return `${parts.join("\n")}\n`;
}
