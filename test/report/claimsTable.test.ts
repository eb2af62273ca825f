import { describe, expect, it } from "vitest";
import type { ClaimResult } from "../../src/claims/runner.js";
import {
  claimsTable,
  formatWorst,
  markdownClaimsTable,
  tableVerdict,
} from "../../src/report/claimsTable.js";

function result(fields: Partial<ClaimResult> & Pick<ClaimResult, "id">): ClaimResult {
  return {
    statement: `statement of ${fields.id}`,
    domain: "d",
    tolerance: "t",
    holds: true,
    conjecture: false,
    seed: 1,
    runs: 10,
    casesRun: 10,
    outOfDomain: 0,
    outOfDomainReasons: {},
    tags: {},
    failures: 0,
    seconds: 1.234,
    ...fields,
  };
}

const T2 = result({
  id: "T2",
  statement: "Two-layer late fusion time ratio | signed form",
  outOfDomain: 2,
  worst: { error: -0.00906, tolerance: 0.02, relative: true, details: {} },
});
const T3 = result({
  id: "T3",
  holds: false,
  failures: 3,
  seconds: 12.5,
  worst: { error: 0.0123456, tolerance: 0.005, details: {} },
});
const X6 = result({ id: "X6", outOfDomain: 10 });

describe("formatWorst", () => {
  it("prints relative errors as percentages and absolute ones with 3 significant digits", () => {
    expect(formatWorst(T2.worst)).toBe("0.906% / 2.00%");
    expect(formatWorst(T3.worst)).toBe("0.0123 / 0.00500");
    expect(formatWorst(undefined)).toBe("—");
    expect(formatWorst({ error: Number.NaN, tolerance: 0.1, relative: true, details: {} })).toBe(
      "NaN / 10.0%",
    );
  });
});

describe("tableVerdict", () => {
  it("distinguishes holds, FAILS and vacuous (every case out of domain)", () => {
    expect([T2, T3, X6].map(tableVerdict)).toEqual(["holds", "FAILS", "vacuous"]);
  });
});

describe("claimsTable", () => {
  it("has one aligned row per claim under the header", () => {
    const text = claimsTable([T2, T3, X6]);
    const rows = text.split("\n");
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(
      /^ID\s+Statement\s+Cases\s+Out of domain\s+Failures\s+Worst \|error\| \/ tol\s+Seconds\s+Verdict$/,
    );
    expect(rows[1]).toMatch(/^-+( +-+){7}$/);
    expect(rows[2]).toMatch(
      /^T2\s+Two-layer late fusion time ratio \| signed form\s+10\s+2\s+0\s+0\.906% \/ 2\.00%\s+1\.23\s+holds$/,
    );
    expect(rows[3]).toMatch(/^T3\s.*\s3\s+0\.0123 \/ 0\.00500\s+12\.50\s+FAILS$/);
    expect(rows[4]).toMatch(/\s—\s+1\.23\s+vacuous$/);
    // Columns line up: every verdict starts at the same offset.
    const verdictColumn = rows[0]!.indexOf("Verdict");
    for (const row of rows.slice(2))
      expect(row.slice(verdictColumn)).toMatch(/^(holds|FAILS|vacuous)$/);
  });

  it("cuts long statements with an ellipsis", () => {
    const long = result({ id: "T5", statement: "x".repeat(100) });
    const row = claimsTable([long], { statementWidth: 20 }).split("\n")[2]!;
    expect(row).toContain(`${"x".repeat(19)}…`);
    expect(row).not.toContain("x".repeat(20));
  });
});

describe("markdownClaimsTable", () => {
  it("writes a GitHub table with escaped pipes and right-aligned numbers", () => {
    const rows = markdownClaimsTable([T2, T3]).split("\n");
    expect(rows[0]).toBe(
      "| ID | Statement | Cases | Out of domain | Failures | Worst \\|error\\| / tol | Seconds | Verdict |",
    );
    expect(rows[1]).toBe("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
    expect(rows[2]).toBe(
      "| T2 | Two-layer late fusion time ratio \\| signed form | 10 | 2 | 0 | 0.906% / 2.00% | 1.23 | holds |",
    );
    expect(rows[3]).toContain("| FAILS |");
  });
});
