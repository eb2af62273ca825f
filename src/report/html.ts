import type { ClaimResult } from "../claims/runner.js";
import { formatStatistical, statisticalLines } from "../claims/statisticalVerdict.js";
import { formatJson } from "../format/json.js";
import { formatPercent, formatSignificant } from "../format/numbers.js";
import { tableVerdict } from "./claimsTable.js";
import type { Environment } from "./environment.js";

/**
 * The report page `ubias report` writes (issue 4): one self-contained HTML file — inline CSS
 * and inline SVG, no script, no external resource — so it opens offline and can be mailed
 * or archived as is. Every text that comes from data (claims, figures, environment) is
 * escaped; the SVG is the renderer's own markup.
 */

/** One figure as shown in the report. */
export interface ReportFigure {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  /** Claim IDs the figure tests (docs/theory.md). */
  readonly claims: readonly string[];
  /** The rendered SVG document. */
  readonly svg: string;
  /** File names (relative to the page) of the figure's data and picture. */
  readonly csvFile: string;
  readonly svgFile: string;
  /** Simulation jobs run for the figure. */
  readonly jobs: number;
}

/** A named duration of the run, in seconds. */
export interface ReportTiming {
  readonly label: string;
  readonly seconds: number;
}

export interface ReportPage {
  readonly seed: number;
  readonly repeats: number;
  readonly threads: number;
  /** ISO 8601 time at which the run started. */
  readonly startedAt: string;
  readonly claims: readonly ClaimResult[];
  readonly figures: readonly ReportFigure[];
  readonly environment: Environment;
  readonly timings: readonly ReportTiming[];
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** An id attribute value for a claim's row (IDs are like "T2.convergence"). */
export function claimAnchor(id: string): string {
  return `claim-${id.replace(/[^\w.-]/g, "_")}`;
}

/**
 * The SVG ready to sit inside the page: the XML prolog and DOCTYPE removed (invalid inside
 * HTML), the namespace declarations dropped (the HTML parser puts <svg> in the SVG
 * namespace by itself, and the page keeps no URL at all), and element ids prefixed with
 * `prefix`: ids are global in a page, and two figures' clip paths both called "clip1"
 * would otherwise clip each other's marks.
 */
export function inlineSvg(svg: string, prefix: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>/g, "")
    .replace(/<!DOCTYPE[^>]*>/gi, "")
    .replace(/\s+xmlns(:\w+)?="[^"]*"/g, "")
    .replace(/\bid="([^"]*)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]*)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]*)"/g, (_, id: string) => `href="#${prefix}-${id}"`)
    .trim();
}

function formatValue(x: number, relative: boolean | undefined): string {
  return relative ? formatPercent(Math.abs(x)) : formatSignificant(Math.abs(x));
}

function claimRow(result: ClaimResult): string {
  const verdict = tableVerdict(result);
  const worst = result.worst;
  // A statistical claim: its events/trials and intervals span the error and tolerance cells.
  const evidence =
    result.statistical !== undefined && worst === undefined
      ? [`<td class="n" colspan="2">${escapeHtml(formatStatistical(result.statistical))}</td>`]
      : [
          `<td class="n">${worst === undefined ? "—" : escapeHtml(formatValue(worst.error, worst.relative))}</td>`,
          `<td class="n">${worst === undefined ? "—" : escapeHtml(formatValue(worst.tolerance, worst.relative))}</td>`,
        ];
  const cells = [
    `<td><a href="#${claimAnchor(result.id)}">${escapeHtml(result.id)}</a></td>`,
    `<td>${escapeHtml(result.statement)}<details><summary>domain and tolerance</summary><p><b>Domain:</b> ${escapeHtml(result.domain)}</p><p><b>Tolerance:</b> ${escapeHtml(result.tolerance)}</p></details></td>`,
    `<td class="n">${result.casesRun}</td>`,
    `<td class="n">${result.outOfDomain}</td>`,
    `<td class="n">${result.failures}</td>`,
    ...evidence,
    `<td class="n">${result.seed}</td>`,
    `<td class="n">${result.seconds.toFixed(2)}</td>`,
    `<td class="v ${verdict}">${verdict}</td>`,
  ];
  return `<tr id="${claimAnchor(result.id)}">${cells.join("")}</tr>`;
}

function counterexamples(claims: readonly ClaimResult[]): string {
  const blocks = claims
    .filter((r) => !r.holds)
    .map((r) => {
      const c = r.counterexample;
      const body =
        c === undefined && r.statistical !== undefined
          ? `<p>Event: ${escapeHtml(r.statistical.design.event)}.</p><ul>${statisticalLines(
              r.statistical,
            )
              .map((line) => `<li>${escapeHtml(line)}</li>`)
              .join("")}</ul>`
          : c === undefined
            ? "<p>No counterexample was reproduced by the shrinking pass.</p>"
            : `<p>Shrunk counterexample (${c.shrinks} shrinks); replay: <code>${escapeHtml(c.replay)}</code></p><pre>${escapeHtml(formatJson(c.verdict))}</pre>`;
      const what = r.conjecture ? "refuted (a finding, not a failure)" : "fails";
      return `<h3>${escapeHtml(r.id)} ${what}</h3>${body}`;
    });
  return blocks.length === 0 ? "" : `<h2>Counterexamples</h2>${blocks.join("\n")}`;
}

function claimsSection(page: ReportPage): string {
  if (page.claims.length === 0) return "<h2>Claims</h2><p>No claims were checked.</p>";
  const failed = page.claims.filter((r) => !r.holds && !r.conjecture).map((r) => r.id);
  const summary =
    failed.length === 0
      ? `Every theorem (T series) checked holds (${page.claims.length} claims).`
      : `${failed.length} of ${page.claims.length} claims fail: ${failed.join(", ")}.`;
  const head = [
    "ID",
    "Statement",
    "Cases",
    "Out of domain",
    "Failures",
    "Worst |error|",
    "Tolerance",
    "Seed",
    "Seconds",
    "Verdict",
  ]
    .map((h) => `<th>${h}</th>`)
    .join("");
  return `<h2>Claims</h2>
<p>${escapeHtml(summary)} Each claim of docs/theory.md is checked on generated cases (predict, simulate, compare); conjectures (X series) read supported or refuted. Errors and tolerances in % are relative.</p>
<table class="claims"><thead><tr>${head}</tr></thead><tbody>
${page.claims.map(claimRow).join("\n")}
</tbody></table>
${counterexamples(page.claims)}`;
}

function claimLinks(ids: readonly string[], known: ReadonlySet<string>): string {
  if (ids.length === 0) return "none";
  return ids
    .map((id) =>
      known.has(id) ? `<a href="#${claimAnchor(id)}">${escapeHtml(id)}</a>` : escapeHtml(id),
    )
    .join(", ");
}

function figureSection(figure: ReportFigure, known: ReadonlySet<string>): string {
  return `<figure id="figure-${escapeHtml(figure.id)}">
<h3>${escapeHtml(figure.title)}</h3>
${inlineSvg(figure.svg, `svg-${escapeHtml(figure.id)}`)}
<figcaption><p>${escapeHtml(figure.caption)}</p>
<p>Claims tested: ${claimLinks(figure.claims, known)}. Data: <a href="${escapeHtml(figure.csvFile)}">${escapeHtml(figure.csvFile)}</a>, picture: <a href="${escapeHtml(figure.svgFile)}">${escapeHtml(figure.svgFile)}</a> (${figure.jobs} simulations).</p></figcaption>
</figure>`;
}

function environmentSection(page: ReportPage): string {
  const env = page.environment;
  const rows: [string, string][] = [
    ["ubias", env.ubias],
    ["Node.js", env.node],
    ...Object.entries(env.packages),
    ["OS", env.os],
    ["CPU", `${env.cpu} (${env.cores} cores available)`],
    ["Threads", String(page.threads)],
    ["Seed", String(page.seed)],
    ["Repeats", String(page.repeats)],
    ["Started", page.startedAt],
    ...page.timings.map((t): [string, string] => [t.label, `${t.seconds.toFixed(2)} s`]),
  ];
  const body = rows
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join("\n");
  return `<h2>Environment</h2><table class="env"><tbody>
${body}
</tbody></table>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.4}
table{border-collapse:collapse;margin:1rem 0}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.v{font-weight:bold}.FAILS{color:#b00}.holds,.supported{color:#070}.refuted{color:#a60}.vacuous,.inconclusive{color:#666}
details{font-size:.85em;color:#555}figure{margin:2rem 0}figcaption{max-width:60rem}svg{max-width:100%;height:auto}
pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;font-size:.85em}code{font-size:.9em}`;

/** The whole page. */
export function reportHtml(page: ReportPage): string {
  const known = new Set(page.claims.map((r) => r.id));
  const figures =
    page.figures.length === 0
      ? "<p>No figures were drawn.</p>"
      : page.figures.map((f) => figureSection(f, known)).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ubias report (seed ${page.seed})</title>
<style>${STYLE}</style>
</head>
<body>
<h1>ubias report</h1>
<p>The theory of unimodal bias in multimodal deep linear networks (Zhang, Latham &amp; Saxe, ICML 2024) checked against numerical simulation: the claims of docs/theory.md, then the paper's figures regenerated (lines: theory; markers: simulations). Seed ${page.seed}; rerun with <code>npx ubias report --seed ${page.seed} --repeats ${page.repeats}</code>.</p>
${claimsSection(page)}
<h2>Figures</h2>
${figures}
${environmentSection(page)}
</body>
</html>
`;
}
