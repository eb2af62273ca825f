import { describe, expect, it } from "vitest";
import { sampleFromStatistics } from "../../src/data/sampleFromStatistics.js";
import { t10Statistics } from "../../src/data/t10Family.js";
import { symmetricEigenvalues } from "../../src/linalg/eigen.js";
import { simulateOnSamples } from "../../src/measurement/finiteData.js";

// T10: training on the sample moments of a finite data set.
const population = t10Statistics({ dA: 3, dB: 3 });

describe("simulateOnSamples (T10)", () => {
  it("P > D: early and late fusion converge to least squares (stopping-rule radius)", () => {
    const samples = sampleFromStatistics(population, { samples: 120, seed: 1 });
    for (const fusionLayer of [1, 2]) {
      const r = simulateOnSamples({
        samples,
        depth: 2,
        fusionLayer,
        width: 6,
        init: { kind: "gaussian", u0: 1e-4, seed: 2 },
        method: { kind: "flow" },
        population,
      });
      expect(r.run.status).toBe("completed");
      expect(r.solution.kind).toBe("least-squares");
      const lambdaMin = symmetricEigenvalues(r.moments.sigma)[0]!;
      const radius = Math.sqrt((2 * 1e-10 * (0.5 * r.moments.sigmaY2 - r.minimumLoss)) / lambdaMin);
      expect(r.final.distanceToSolution).toBeLessThanOrEqual(radius);
      expect(r.eg!.length).toBeGreaterThan(2);
      expect(r.final.eg).toBeCloseTo(r.solutionEg!, 6);
      expect(r.run.crossings.A).toBeDefined();
      expect(r.thresholds.map((t) => t.name)).toEqual(["A", "B"]);
    }
  });

  it("P < dA: late fusion interpolates with A alone; B stays below its threshold", () => {
    // dA = 6, dB = 2: ‖Σ_yxA‖ = 0.3√6 ≫ ‖Σ_yxB‖ = 0.1√2, so k̂ is small on the samples too.
    const wideA = t10Statistics({ dA: 6, dB: 2 });
    const samples = sampleFromStatistics(wideA, { samples: 3, seed: 3 });
    const r = simulateOnSamples({
      samples,
      depth: 2,
      fusionLayer: 2,
      width: 4,
      init: { kind: "gaussian", u0: 1e-8, seed: 1 },
      method: { kind: "flow" },
    });
    expect(r.run.status).toBe("completed");
    expect(r.final.trainingLoss).toBeLessThan(1e-9);
    expect(r.run.crossings.B).toBeUndefined();
    expect(r.final.normB).toBeLessThan(1e-3 * r.final.normA);
    expect(r.eg).toBeUndefined();
  });

  it("gradient descent stops at its step budget; balanced init needs P > D; D must match", () => {
    const samples = sampleFromStatistics(population, { samples: 4, seed: 3 });
    const r = simulateOnSamples({
      samples,
      depth: 2,
      fusionLayer: 1,
      width: 3,
      init: { kind: "gaussian", u0: 1e-3, seed: 1 },
      method: { kind: "gd", learningRate: 0.05 },
      maxSteps: 10,
    });
    expect(r.run.status).toBe("step-budget");
    expect(r.run.steps).toBe(10);
    const spec = {
      samples,
      depth: 2,
      fusionLayer: 2,
      width: 3,
      method: { kind: "flow" } as const,
    };
    expect(() => simulateOnSamples({ ...spec, init: { kind: "balanced", u0: 1e-3 } })).toThrow(
      "balanced init needs P > D",
    );
    expect(() =>
      simulateOnSamples({
        ...spec,
        init: { kind: "gaussian", u0: 1e-3, seed: 1 },
        population: t10Statistics({ dA: 2, dB: 2 }),
        maxSteps: 5,
      }),
    ).toThrow("population");
    const big = sampleFromStatistics(population, { samples: 60, seed: 3 });
    const balanced = simulateOnSamples({
      ...spec,
      samples: big,
      init: { kind: "balanced", u0: 1e-3 },
    });
    expect(balanced.run.status).toBe("completed");
  });
});
