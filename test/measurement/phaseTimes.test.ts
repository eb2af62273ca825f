import { describe, expect, it } from "vitest";
import { phaseTimes } from "../../src/measurement/phaseTimes.js";
import type { Crossing, TrainingRun } from "../../src/training/run.js";

/** A run with the given crossing times (everything else irrelevant to phaseTimes). */
function runWith(times: { A?: number; B?: number }): TrainingRun {
  const crossings: Record<string, Crossing> = {};
  for (const [name, t] of Object.entries(times)) crossings[name] = { t, step: 1, totalMap: [] };
  return {
    method: "flow",
    status: "completed",
    crossings,
    final: { t: 10, loss: 0, totalMap: [], theta: new Float64Array(0) },
    samples: [],
    steps: 1,
    rejectedSteps: 0,
    gradientEvaluations: 8,
  };
}

describe("phaseTimes", () => {
  it("reads t_A, t_B, their ratio and the unimodal-phase duration", () => {
    expect(phaseTimes(runWith({ A: 2, B: 10 }))).toEqual({
      tA: 2,
      tB: 10,
      ratio: 5,
      duration: 8,
      reached: true,
      firstModality: "A",
    });
  });

  it("names B first when B crosses first, and A at a tie", () => {
    expect(phaseTimes(runWith({ A: 3, B: 1 })).firstModality).toBe("B");
    expect(phaseTimes(runWith({ A: 1, B: 1 })).firstModality).toBe("A");
  });

  it("reports an unreached threshold as NaN and not reached (never a number)", () => {
    const onlyA = phaseTimes(runWith({ A: 2 }));
    expect(onlyA.tB).toBeNaN();
    expect(onlyA.ratio).toBeNaN();
    expect(onlyA.duration).toBeNaN();
    expect(onlyA.reached).toBe(false);
    expect(onlyA.firstModality).toBe("A");
    const onlyB = phaseTimes(runWith({ B: 2 }));
    expect(onlyB.firstModality).toBe("B");
    expect(onlyB.reached).toBe(false);
    const none = phaseTimes(runWith({}));
    expect(none.firstModality).toBeUndefined();
    expect(none.reached).toBe(false);
  });
});
