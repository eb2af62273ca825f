import { describe, expect, it } from "vitest";
import { clopperPearson } from "../../src/claims/binomialInterval.js";
import type { StatisticalDesign } from "../../src/claims/statisticalVerdict.js";
import {
  confidencePercent,
  formatStatistical,
  hypothesisText,
  judgeStatistical,
  statisticalLines,
} from "../../src/claims/statisticalVerdict.js";

const design = (hypotheses: StatisticalDesign["hypotheses"]): StatisticalDesign => ({
  event: "heads",
  arms: ["a", "b"],
  hypotheses,
  confidence: 0.95,
});

// 95% intervals used below (closed forms, test/claims/binomialInterval.test.ts):
// 0/20 → [0, 0.168]; 2/20 → [0.0123, 0.317]; 10/20 → [0.272, 0.728]; 19/20 → [0.751, 0.999].
const verdictOf = (hypotheses: StatisticalDesign["hypotheses"], a: number, b: number) =>
  judgeStatistical(design(hypotheses), 20, { a, b }).verdict;

describe("judgeStatistical: a hypothesis holds when the whole interval satisfies it", () => {
  it("at-least: holds above, refuted below, inconclusive across", () => {
    expect(verdictOf([{ arm: "b", atLeast: 0.5 }], 0, 19)).toBe("holds");
    expect(verdictOf([{ arm: "b", atLeast: 0.5 }], 0, 2)).toBe("refuted");
    expect(verdictOf([{ arm: "b", atLeast: 0.5 }], 0, 10)).toBe("inconclusive");
  });

  it("at-most: the mirror image", () => {
    expect(verdictOf([{ arm: "a", atMost: 0.3 }], 0, 0)).toBe("holds");
    // 2/20's upper end 0.317 lies above 0.3: not shown, not excluded.
    expect(verdictOf([{ arm: "a", atMost: 0.3 }], 2, 0)).toBe("inconclusive");
    expect(verdictOf([{ arm: "a", atMost: 0.1 }], 19, 0)).toBe("refuted");
  });

  it("within: inside holds, disjoint refutes, overlap is inconclusive", () => {
    // 10/20 → [0.272, 0.728]
    expect(verdictOf([{ arm: "a", within: [0.25, 0.75] }], 10, 0)).toBe("holds");
    expect(verdictOf([{ arm: "a", within: [0.3, 0.7] }], 10, 0)).toBe("inconclusive");
    expect(verdictOf([{ arm: "a", within: [0.4, 0.6] }], 19, 0)).toBe("refuted");
  });

  it("ordering: separated intervals in the stated order hold, in the other order refute", () => {
    expect(verdictOf([{ smaller: "a", larger: "b" }], 0, 19)).toBe("holds");
    expect(verdictOf([{ smaller: "a", larger: "b" }], 19, 0)).toBe("refuted");
    expect(verdictOf([{ smaller: "a", larger: "b" }], 2, 10)).toBe("inconclusive");
  });

  it("the claim: refuted if one is refuted, holds only if all hold", () => {
    const both = [
      { arm: "a", atMost: 0.3 },
      { arm: "b", atLeast: 0.5 },
    ] as const;
    expect(verdictOf(both, 0, 19)).toBe("holds");
    expect(verdictOf(both, 2, 19)).toBe("inconclusive");
    expect(verdictOf(both, 2, 2)).toBe("refuted");
  });

  it("carries the Clopper-Pearson interval of each arm", () => {
    const result = judgeStatistical(design([{ arm: "a", atMost: 0.3 }]), 20, { a: 2 });
    const expected = clopperPearson(2, 20, 0.95);
    expect(result.arms[0]).toEqual({
      arm: "a",
      trials: 20,
      events: 2,
      lower: expected.lower,
      upper: expected.upper,
    });
    expect(result.arms[1]!.events).toBe(0);
  });

  it("no trials: inconclusive, interval [0, 1]", () => {
    const result = judgeStatistical(design([{ arm: "a", atMost: 0.3 }]), 0, {});
    expect(result.verdict).toBe("inconclusive");
    expect(result.arms[0]).toMatchObject({ lower: 0, upper: 1 });
  });

  it("more events than trials is an internal error", () => {
    expect(() => judgeStatistical(design([{ arm: "a", atMost: 0.3 }]), 2, { a: 3 })).toThrow(
      /3 events in 2 trials/,
    );
  });
});

describe("the texts", () => {
  it("hypotheses, the table cell and the lines", () => {
    expect(hypothesisText({ arm: "v = 1", atMost: 0.3 })).toBe("p(v = 1) ≤ 0.3");
    expect(hypothesisText({ arm: "v = 5", atLeast: 0.5 })).toBe("p(v = 5) ≥ 0.5");
    expect(hypothesisText({ arm: "a", within: [0.1, 0.2] })).toBe("p(a) ∈ [0.1, 0.2]");
    expect(hypothesisText({ smaller: "a", larger: "b" })).toBe("p(a) < p(b)");
    expect(confidencePercent(0.95)).toBe("95%");
    expect(confidencePercent(0.999)).toBe("99.9%");
    const result = judgeStatistical(design([{ smaller: "a", larger: "b" }]), 20, { b: 19 });
    expect(formatStatistical(result)).toBe("a: 0/20 [0, 0.168]; b: 19/20 [0.751, 0.999] (95%)");
    expect(statisticalLines(result)).toEqual([
      "p(a) < p(b): holds (a: 0/20, 95% interval [0, 0.168]; b: 19/20, 95% interval [0.751, 0.999])",
    ]);
  });
});
