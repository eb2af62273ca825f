/**
 * T11.linear-part — what T11 times is the right quantity (docs/theory.md T11): the "linear part"
 * ½Σ_i a_i w_i that the ReLU runs threshold (src/network/reluLinearPart.ts) is the best linear
 * approximation of the two-layer late-fusion ReLU network for zero-mean Gaussian x, i.e.
 * Σ·W^lin = E[x f(x)] (Stein's lemma). This claim checks that identity by Monte Carlo, with
 * its own sampler (x_A = σ_A z₁, x_B = σ_B(ρz₁ + √(1 − ρ²) z₂)) and its own forward pass
 * f(x) = Σ_i a_{A,i} relu(w_{A,i} x_A) + Σ_i a_{B,i} relu(w_{B,i} x_B): a wrong factor in the
 * linear part shifts every T11 threshold consistently and leaves T11's ratio nearly intact.
 *
 * Tolerance (derived): each component of the sample mean of x_j f(x) has standard error
 * sd(x_j f)/√P (estimated from the same samples); |z| ≤ Z_BOUND = 6 (false alarm ≈ 2e-9 per
 * component). A 10 % error in the factor ½ is ≈ 0.1·|E[x_j f]|/SE ≈ 20σ at P = 20000.
 */
import fc from "fast-check";
import { toyParameters } from "../src/claims/arbitraries/index.js";
import { defineClaim } from "../src/claims/claim.js";
import { measured } from "../src/claims/verdict.js";
import { fusionArchitecture } from "../src/network/architecture.js";
import { gaussianInit } from "../src/network/initialisation.js";
import { parameterLayout } from "../src/network/layout.js";
import { twoLayerLinearPart } from "../src/network/reluLinearPart.js";
import { normalSource } from "../src/random/gaussian.js";
import { fromToy } from "../src/statistics/toy.js";

const SAMPLES = 20_000;
/** |z| bound per component (derived, see the module comment). */
export const Z_BOUND = 6;

export const T11LinearPart = defineClaim({
  id: "T11.linear-part",
  statement:
    "Two-layer late-fusion ReLU, Gaussian x: the linear part ½Σa_i w_i that T11 times is Σ⁻¹E[x f(x)], the best linear approximation",
  domain:
    "toy family (teacher (1,1) or random: Σ only), width 1-12, Gaussian weights (u0 = 1), P = 20000 Monte Carlo samples",
  tolerance: "|E_P[x_j f] − (Σ W^lin)_j| ≤ 6 standard errors per component (derived)",
  arbitrary: fc.record({
    toy: fc.oneof(toyParameters(), toyParameters({ teacher: "random" })),
    width: fc.integer({ min: 1, max: 12 }),
    seed: fc.nat({ max: 0x7fffffff }),
  }),
  defaultRuns: 20,
  check: ({ toy, width, seed }) => {
    const stats = fromToy(toy);
    const layout = parameterLayout(
      fusionArchitecture({ depth: 2, fusionLayer: 2, width, dA: 1, dB: 1, activation: "relu" }),
    );
    const theta = gaussianInit(layout, 1, seed);
    const linear = new Float64Array(2);
    twoLayerLinearPart(layout, theta, linear);
    const predicted = [0, 1].map(
      (i) => stats.sigma[i]![0]! * linear[0]! + stats.sigma[i]![1]! * linear[1]!,
    );
    const branch = (m: "A" | "B", x: number) => {
      const [hidden, output] = layout.chains[m];
      let f = 0;
      for (let i = 0; i < width; i++) {
        const pre = theta[hidden!.offset + i]! * x;
        if (pre > 0) f += theta[output!.offset + i]! * pre;
      }
      return f;
    };
    const sA = Math.sqrt(stats.sigma[0]![0]!);
    const sB = Math.sqrt(stats.sigma[1]![1]!);
    const rho = stats.sigma[0]![1]! / (sA * sB);
    const normals = normalSource(seed);
    const sum = [0, 0];
    const sumSq = [0, 0];
    for (let p = 0; p < SAMPLES; p++) {
      const z1 = normals.next();
      const z2 = normals.next();
      const x = [sA * z1, sB * (rho * z1 + Math.sqrt(1 - rho * rho) * z2)];
      const f = branch("A", x[0]!) + branch("B", x[1]!);
      for (let j = 0; j < 2; j++) {
        sum[j]! += x[j]! * f;
        sumSq[j]! += (x[j]! * f) ** 2;
      }
    }
    const z = [0, 1].map((j) => {
      const mean = sum[j]! / SAMPLES;
      const se = Math.sqrt(Math.max(sumSq[j]! / SAMPLES - mean * mean, 0) / SAMPLES);
      // A branch whose neurons are all inactive or zero gives f ≡ 0 on that side: then both
      // sides are exactly 0 and so is the deviation.
      return se > 0 ? Math.abs(mean - predicted[j]!) / se : Math.abs(mean - predicted[j]!);
    });
    const error = Math.max(...z);
    return measured({
      error: Number.isNaN(error) ? Number.POSITIVE_INFINITY : error,
      tolerance: Z_BOUND,
      details: { stats: stats.label, width, seed, linearPart: Array.from(linear), z },
    });
  },
});
