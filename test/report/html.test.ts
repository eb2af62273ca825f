import { describe, expect, it } from "vitest";
import type { ClaimResult } from "../../src/claims/runner.js";
import type { ReportPage } from "../../src/report/html.js";
import { escapeHtml, inlineSvg, reportHtml } from "../../src/report/html.js";

const HOSTILE = `<script>alert("x")</script> & 'q'`;

function claim(overrides: Partial<ClaimResult>): ClaimResult {
  return {
    id: "T2",
    statement: "t_B/t_A = 1 + (s_A − σ s_B)/‖e_B‖",
    domain: "σA/σB ≥ 1.5",
    tolerance: "25 % (measured)",
    holds: true,
    conjecture: false,
    seed: 42,
    runs: 10,
    casesRun: 10,
    outOfDomain: 3,
    outOfDomainReasons: {},
    tags: {},
    failures: 0,
    worst: { error: -0.0123, tolerance: 0.25, relative: true, details: {} },
    seconds: 1.5,
    ...overrides,
  };
}

const SVG = `<?xml version="1.0" encoding="utf-8"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><defs><clipPath id="clip1"><rect width="5" height="5"/></clipPath></defs><g clip-path="url(#clip1)"><use href="#clip1"/><text>ρ &lt; 0</text></g></svg>`;

const page: ReportPage = {
  seed: 42,
  repeats: 1,
  threads: 2,
  startedAt: "2026-01-01T00:00:00.000Z",
  claims: [
    claim({}),
    claim({
      id: "T9",
      statement: HOSTILE,
      holds: false,
      failures: 2,
      worst: { error: 3, tolerance: 1, details: {} },
      counterexample: {
        case: { n: 1 },
        verdict: { kind: "measured", error: 3, tolerance: 1, details: { note: HOSTILE } },
        path: "1:2",
        shrinks: 4,
        replay: "npx ubias check --claim T9 --seed 42 --path 1:2 --properties-dir '<dir>'",
      },
    }),
    claim({ id: "X3", conjecture: true, holds: false, failures: 1, worst: undefined }),
  ],
  figures: [
    {
      id: "toy-ratio",
      title: "t_B/t_A against ρ <b>",
      caption: `Tests T2. ${HOSTILE}`,
      claims: ["T2", "T99"],
      svg: SVG,
      csvFile: "toy-ratio.csv",
      svgFile: "toy-ratio.svg",
      jobs: 40,
    },
    {
      id: "deep",
      title: "Deep",
      caption: "Tests T5.",
      claims: [],
      svg: SVG,
      csvFile: "deep.csv",
      svgFile: "deep.svg",
      jobs: 0,
    },
  ],
  environment: {
    ubias: "0.1.0",
    node: "v20.20.2",
    packages: { vega: "5.33.1", "fast-check": "4.11.0" },
    os: "Linux 6 x64",
    cpu: "AMD <EPYC>",
    cores: 2,
  },
  timings: [{ label: "Run time (total)", seconds: 12.345 }],
};

const html = reportHtml(page);

describe("escapeHtml", () => {
  it("escapes the five HTML metacharacters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });
});

describe("inlineSvg", () => {
  it("drops the XML prolog and the namespace URLs, and prefixes ids and their references", () => {
    const svg = inlineSvg(SVG, "svg-a");
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg).not.toContain("http");
    expect(svg).not.toContain("<?xml");
    expect(svg).toContain('<clipPath id="svg-a-clip1">');
    expect(svg).toContain('clip-path="url(#svg-a-clip1)"');
    expect(svg).toContain('href="#svg-a-clip1"');
  });
});

describe("the report page", () => {
  it("is self-contained: no URL, no script, no external resource", () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/@import/i);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
  });

  it("escapes every text that comes from data", () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain("ρ <b>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
    expect(html).toContain("t_B/t_A against ρ &lt;b&gt;");
    expect(html).toContain("AMD &lt;EPYC&gt;");
    expect(html).toContain("--properties-dir &#39;&lt;dir&gt;&#39;");
  });

  it("shows every figure once, inline, with its caption, tested claims and data link", () => {
    expect(html.match(/<svg /g)).toHaveLength(2);
    for (const id of ["toy-ratio", "deep"]) {
      expect(html.match(new RegExp(`<figure id="figure-${id}">`, "g"))).toHaveLength(1);
      expect(html).toContain(`<a href="${id}.csv">${id}.csv</a>`);
      expect(html).toContain(`id="svg-${id}-clip1"`);
    }
    expect(html).toContain("Tests T5.");
    // T2 was checked (a link to its row); T99 was not (plain text).
    expect(html).toContain('Claims tested: <a href="#claim-T2">T2</a>, T99.');
    expect(html).toContain("Claims tested: none.");
    expect(html).toContain("(40 simulations)");
  });

  it("has one claims-table row per claim: cases, out of domain, failures, worst error, tolerance, seed, verdict", () => {
    const row = (id: string) => {
      const match = new RegExp(`<tr id="claim-${id}">(.*?)</tr>`).exec(html);
      expect(match).not.toBeNull();
      return [...match![1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    };
    const t2 = row("T2");
    expect(t2.slice(2)).toEqual(["10", "3", "0", "1.23%", "25.0%", "42", "1.50", "holds"]);
    const t9 = row("T9");
    expect(t9.slice(2)).toEqual(["10", "3", "2", "3.00", "1.00", "42", "1.50", "FAILS"]);
    expect(row("X3").slice(5)).toEqual(["—", "—", "42", "1.50", "refuted"]);
    expect(html).toContain("1 of 3 claims fail: T9.");
  });

  it("lists the counterexamples of failing claims and refuted conjectures", () => {
    expect(html).toContain("<h3>T9 fails</h3>");
    expect(html).toContain("Shrunk counterexample (4 shrinks)");
    expect(html).toContain("<h3>X3 refuted (a finding, not a failure)</h3>");
    expect(html).not.toContain("<h3>T2");
  });

  it("records the environment, the seed and the run times", () => {
    for (const text of [
      "<th>Node.js</th><td>v20.20.2</td>",
      "<th>vega</th><td>5.33.1</td>",
      "<th>fast-check</th><td>4.11.0</td>",
      "<th>Seed</th><td>42</td>",
      "<th>Threads</th><td>2</td>",
      "<th>Started</th><td>2026-01-01T00:00:00.000Z</td>",
      "<th>Run time (total)</th><td>12.35 s</td>",
    ]) {
      expect(html).toContain(text);
    }
  });
});

describe("a statistical claim's row (defineStatisticalClaim)", () => {
  const design = {
    event: "XOR <unlearned>",
    arms: ["v = 1", "v = 5"],
    hypotheses: [{ arm: "v = 5", atLeast: 0.5 }],
    confidence: 0.95,
  };
  const statistical = (verdict: "holds" | "refuted" | "inconclusive") => ({
    design,
    arms: [
      { arm: "v = 1", trials: 30, events: 0, lower: 0, upper: 0.116 },
      { arm: "v = 5", trials: 30, events: 28, lower: 0.779, upper: 0.992 },
    ],
    hypotheses: [{ hypothesis: design.hypotheses[0]!, text: "p(v = 5) ≥ 0.5", verdict }],
    verdict,
  });
  const statPage = (verdict: "holds" | "refuted" | "inconclusive") =>
    reportHtml({
      ...page,
      claims: [
        claim({
          id: "T12.early",
          worst: undefined,
          holds: verdict === "holds",
          statistical: statistical(verdict),
        }),
      ],
    });

  it("shows events/trials and the interval across the error and tolerance cells", () => {
    const text = statPage("holds");
    expect(text).toContain(
      '<td class="n" colspan="2">v = 1: 0/30 [0, 0.116]; v = 5: 28/30 [0.779, 0.992] (95%)</td>',
    );
    expect(text).toContain('<td class="v holds">holds</td>');
  });

  it("a refuted or inconclusive one lists its hypotheses (escaped) in place of a counterexample", () => {
    const refuted = statPage("refuted");
    expect(refuted).toContain('<td class="v FAILS">FAILS</td>');
    expect(refuted).toContain("Event: XOR &lt;unlearned&gt;.");
    expect(refuted).toContain("<li>p(v = 5) ≥ 0.5: refuted (v = 5: 28/30, 95% interval");
    expect(statPage("inconclusive")).toContain('<td class="v inconclusive">inconclusive</td>');
  });
});
