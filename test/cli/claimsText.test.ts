import { describe, expect, it } from "vitest";
import type { ClaimResult } from "../../src/claims/runner.js";
import { resultsText, shellWord, verdictWord } from "../../src/cli/claimsText.js";

const base = {
  id: "T2",
  statement: "s",
  domain: "d",
  tolerance: "t",
  holds: true,
  conjecture: false,
  seed: 7,
  runs: 3,
  casesRun: 3,
  outOfDomain: 0,
  outOfDomainReasons: {},
  tags: {},
  failures: 0,
  seconds: 0.1,
} satisfies ClaimResult;

describe("claims text", () => {
  it("quotes a shell word only when it needs it, escaping single quotes", () => {
    expect(shellWord("properties/T2.ts")).toBe("properties/T2.ts");
    expect(shellWord("python3 sim.py")).toBe("'python3 sim.py'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
  });

  it("verdictWord: fails, holds, or vacuous when no case was in the domain", () => {
    expect(verdictWord(base)).toBe("holds");
    expect(verdictWord({ ...base, holds: false, failures: 1 })).toBe("fails");
    expect(verdictWord({ ...base, outOfDomain: 3 })).toBe("vacuous");
  });

  it("resultsText names the seed, a failing theorem and its replay, and the summary", () => {
    const failing: ClaimResult = {
      ...base,
      holds: false,
      failures: 1,
      counterexample: {
        case: 1,
        verdict: { kind: "unmeasurable", reason: "r", details: {} },
        path: "0",
        shrinks: 2,
        replay: "npx ubias check --claim T2 --seed 7 --path 0",
      },
    };
    const text = resultsText([failing], 7);
    expect(text).toContain("Claims checked with seed 7");
    expect(text).toContain("T2 fails; shrunk counterexample (2 shrinks):");
    expect(text).toContain("replay: npx ubias check --claim T2 --seed 7 --path 0");
    expect(text.trimEnd().endsWith("1 of 1 claims fail: T2")).toBe(true);
    expect(resultsText([base], 7).trimEnd().endsWith("The claim holds.")).toBe(true);
  });
});
