import { afterEach, describe, expect, it, vi } from "vitest";
import { T13 } from "../../properties/T13.js";
import { checkClaim } from "../../src/claims/runner.js";
import { derive } from "../../src/statistics/derived.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import type { FixedPointPrediction, TwoLayerFusion } from "../../src/theory/fixedPoints.js";

/**
 * T13 with its theory swapped for a wrong one, one bug at a time: the claim must fail on each
 * at the suite's seed, with every tolerance computed as before (the tolerances are rounding
 * bounds of the statistics and the point; a prediction enters them only through its scale,
 * times ≤ 1e-11). Only src/theory/fixedPoints.ts's fixedPointPredictions is replaced.
 */
type Bug =
  | "none"
  | "M_A-from-W-full" // M_A at the A block of W^full instead of W_A^uni (wrong with ρ ≠ 0)
  | "M_A-scaled" // W_A^uni off by 1e-6 relative
  | "loss-M_B" // ℒ(M_B) written as ℒ(M_A)
  | "M_A-index-0" // M_A a minimum: its −‖e_B‖ eigenvalues reported as +‖e_B‖
  | "no-sqrt2" // an active chain's eigenvalues of √w Σ √w instead of P^{1/2} Σ P^{1/2}
  | "early-M_A-critical"; // early fusion's M_A called a fixed point (gradient 0)

const inject = vi.hoisted(() => ({ bug: "none" as string }));

vi.mock("../../src/theory/fixedPoints.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/theory/fixedPoints.js")>();
  const wrong = (stats: Statistics, fusion: TwoLayerFusion, width: number) => {
    const points = original.fixedPointPredictions(stats, fusion, width);
    const q = derive(stats);
    const replace = (name: string, f: (p: FixedPointPrediction) => FixedPointPrediction) =>
      points.map((p) => (p.name === name ? f(p) : p));
    switch (inject.bug) {
      case "M_A-from-W-full":
        return replace("M_A", (p) => ({
          ...p,
          totalMap: [...q.wFull.slice(0, stats.dA), ...p.totalMap.slice(stats.dA)],
        }));
      case "M_A-scaled":
        return replace("M_A", (p) => ({
          ...p,
          totalMap: p.totalMap.map((w) => w * (1 + 1e-6)),
        }));
      case "loss-M_B":
        return replace("M_B", (p) => ({ ...p, loss: q.lossUniA }));
      case "M_A-index-0":
        return replace("M_A", (p) => {
          if (!p.hessianSpectrum) return p;
          const e = Math.hypot(...q.eB);
          const spectrum = p.hessianSpectrum
            .map((v) => (Math.abs(v + e) <= 1e-12 * e ? e : v))
            .sort((a, b) => a - b);
          return { ...p, hessianSpectrum: spectrum, inertia: original.inertiaOf(spectrum) };
        });
      case "no-sqrt2":
        return replace("M*", (p) => {
          if (!p.hessianSpectrum) return p;
          // P = w·I instead of w(I + n̂n̂ᵀ): the largest eigenvalue loses its factor.
          const spectrum = [...p.hessianSpectrum];
          spectrum[spectrum.length - 1] = spectrum[spectrum.length - 1]! / 2;
          spectrum.sort((a, b) => a - b);
          return { ...p, hessianSpectrum: spectrum };
        });
      case "early-M_A-critical":
        return replace("M_A", (p) => (p.critical ? p : { ...p, gradientNorm: 0 }));
      default:
        return points;
    }
  };
  return { ...original, fixedPointPredictions: wrong };
});

afterEach(() => {
  inject.bug = "none";
});

const seed = Number(process.env.UBIAS_SEED ?? 20240527);

describe("T13 with an injected wrong theory", () => {
  it("holds with the theory as written (the mock passes it through)", () => {
    expect(checkClaim(T13, { seed, runs: 20 }).holds).toBe(true);
  });

  for (const bug of [
    "M_A-from-W-full",
    "M_A-scaled",
    "loss-M_B",
    "M_A-index-0",
    "no-sqrt2",
    "early-M_A-critical",
  ] as const satisfies readonly Bug[]) {
    it(`fails on ${bug}`, () => {
      inject.bug = bug;
      const result = checkClaim(T13, { seed, runs: 20 });
      expect(result.holds).toBe(false);
      // A measured failure, not an exception inside the check.
      expect(result.counterexample?.verdict.kind).toBe("measured");
    });
  }
});
