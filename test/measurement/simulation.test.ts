import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import { phaseTimes } from "../../src/measurement/phaseTimes.js";
import { CONVERGED_LOSS_GAP, phaseThresholds, simulate } from "../../src/measurement/simulation.js";
import { derive } from "../../src/statistics/derived.js";
import { fromTeacher } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { assertClose } from "../helpers/numeric.js";

const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });

describe("phaseThresholds", () => {
  it("puts t_A at ½‖W_A^uni‖ and t_B at ½‖W_B^full‖ (acceptance toy: 5/8 and 1/2)", () => {
    const [a, b] = phaseThresholds(TOY);
    expect(a).toEqual({ name: "A", start: 0, end: 1, level: 0.625 });
    expect(b!.name).toBe("B");
    expect([b!.start, b!.end]).toEqual([1, 2]);
    // W^full = [1, 1] to a few ulps.
    expect(Math.abs(b!.level - 0.5)).toBeLessThan(1e-15);
  });

  it("uses Euclidean norms over vector blocks", () => {
    const stats = fromTeacher(
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      [3, 4, 1],
      0,
      2,
    );
    // Σ = I: W_A^uni = (3, 4) and W^full_B = 1.
    expect(phaseThresholds(stats)).toEqual([
      { name: "A", start: 0, end: 2, level: 2.5 },
      { name: "B", start: 2, end: 3, level: 0.5 },
    ]);
  });

  it("omits B's threshold when W_B^full = 0 (t_B undefined, reported as not reached)", () => {
    const noB = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5, wB: 0 });
    expect(derive(noB).wFull[1]).toBe(0);
    expect(phaseThresholds(noB).map((t) => t.name)).toEqual(["A"]);
  });
});

describe("simulate", () => {
  it("trains by flow and by descent from the spec", () => {
    const base = {
      stats: TOY,
      depth: 2,
      fusionLayer: 2,
      width: 3,
      init: { kind: "balanced" as const, u0: 1e-3 },
    };
    const flow = simulate({ ...base, method: { kind: "flow" } });
    const gd = simulate({ ...base, method: { kind: "gd", learningRate: 0.01 } });
    expect(flow.method).toBe("flow");
    expect(gd.method).toBe("gd");
    expect(phaseTimes(flow).reached).toBe(true);
    expect(phaseTimes(gd).reached).toBe(true);
  });

  it("passes rtol, budgets and the sampling density through", () => {
    const spec = {
      stats: TOY,
      depth: 2,
      fusionLayer: 2,
      width: 3,
      init: { kind: "gaussian" as const, u0: 1e-3, seed: 1 },
    };
    expect(simulate({ ...spec, method: { kind: "flow", rtol: 1e-6 }, maxSteps: 4 }).steps).toBe(4);
    expect(simulate({ ...spec, method: { kind: "flow" }, maxTime: 0.5 }).final.t).toBe(0.5);
    expect(
      simulate({ ...spec, method: { kind: "gd", learningRate: 0.1 }, maxSteps: 7 }).steps,
    ).toBe(7);
    const sparse = simulate({
      ...spec,
      method: { kind: "flow" },
      maxTime: 100,
      samplesPerDecade: 1,
    });
    // t = 0, 1e-2, 1e-1, 1, 10, 100 and the crossings.
    expect(sparse.samples.length).toBeLessThanOrEqual(6 + 2);
  });

  it("trains to ℒ* when untilConverged (T3's end point)", () => {
    const q = derive(TOY);
    const run = simulate({
      stats: TOY,
      depth: 3,
      fusionLayer: 2,
      width: 2,
      init: { kind: "balanced", u0: 0.05 },
      method: { kind: "flow" },
      untilConverged: true,
    });
    expect(run.status).toBe("completed");
    expect(run.final.loss - q.lossFull).toBeLessThanOrEqual(
      CONVERGED_LOSS_GAP * (q.lossZero - q.lossFull),
    );
    // At that loss gap, ‖W − W^full‖_Σ² = 2(ℒ − ℒ*) ≤ 7e-10: W within ~1e-4 of [1, 1].
    assertClose(run.final.totalMap, q.wFull, { rtol: 0, atol: 1e-4 });
  });

  it("rejects a non-positive learning rate and a bad architecture, naming the field", () => {
    const spec = {
      stats: TOY,
      depth: 2,
      fusionLayer: 2,
      width: 3,
      init: { kind: "balanced" as const, u0: 0.1 },
    };
    expect(() => simulate({ ...spec, method: { kind: "gd", learningRate: 0 } })).toThrow(/^lr: /);
    expect(() => simulate({ ...spec, fusionLayer: 3, method: { kind: "flow" } })).toThrow(
      InputError,
    );
  });
});
