import { describe, expect, it } from "vitest";
import { outcomeMessage } from "../../src/cli/simulateText.js";

const NaN_ = Number.NaN;

describe("outcomeMessage", () => {
  it("a clean run (both times, completed) has no message", () => {
    expect(outcomeMessage({ tA: 1, tB: 2, status: "completed" })).toBeUndefined();
    expect(outcomeMessage({ tA: 1, tB: 2, status: "time-budget" })).toBeUndefined();
  });

  it("names the missing thresholds and the budget when nothing went wrong", () => {
    expect(outcomeMessage({ tA: 1, tB: NaN_, status: "time-budget" })).toBe(
      "t_B not reached within the budget (status: time-budget)",
    );
    expect(outcomeMessage({ tA: NaN_, tB: NaN_, status: "step-budget" })).toBe(
      "t_A and t_B not reached within the budget (status: step-budget)",
    );
  });

  it("names the cause when the run diverged or the step size underflowed", () => {
    expect(outcomeMessage({ tA: 1, tB: NaN_, status: "diverged" })).toBe(
      "t_B not reached: the run diverged (status: diverged)",
    );
    expect(outcomeMessage({ tA: NaN_, tB: NaN_, status: "step-underflow" })).toBe(
      "t_A and t_B not reached: the integrator's step size underflowed (status: step-underflow)",
    );
  });

  it("a run that crossed both thresholds and then failed says so", () => {
    expect(outcomeMessage({ tA: 1, tB: 2, status: "diverged" })).toBe(
      "both thresholds were crossed, then the run diverged (status: diverged)",
    );
  });
});
