import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { balancedInit, gaussianInit, initialise } from "../../src/network/initialisation.js";
import type { LayerBlock, ParameterLayout } from "../../src/network/layout.js";
import { parameterLayout } from "../../src/network/layout.js";
import { linearNetworkModel } from "../../src/network/linearNetwork.js";
import { fromTeacher } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { assertClose, EPS } from "../helpers/numeric.js";

const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
/** dA = 2, dB = 3 statistics with Σ_yxm not along any axis (diagonal Σ, dyadic teacher). */
const VECTOR = fromTeacher(
  [
    [1, 0, 0, 0, 0],
    [0, 2, 0, 0, 0],
    [0, 0, 1, 0, 0],
    [0, 0, 0, 0.5, 0],
    [0, 0, 0, 0, 1],
  ],
  [1.5, -0.5, 0.25, 1, -0.75],
  0,
  2,
);

function layoutOf(depth: number, fusionLayer: number, width: number, dA: number, dB: number) {
  return parameterLayout(fusionArchitecture({ depth, fusionLayer, width, dA, dB }));
}

const blockValues = (theta: Float64Array, b: LayerBlock) =>
  Array.from(theta.subarray(b.offset, b.offset + b.rows * b.cols));

/** Architectures covering L = 1, Lf = 1, Lf = L and intermediate fusion. */
const ARCHS: [number, number][] = [
  [1, 1],
  [2, 1],
  [2, 2],
  [3, 1],
  [3, 2],
  [3, 3],
  [4, 2],
  [5, 3],
];

describe("balancedInit", () => {
  it.each(ARCHS)(
    "L=%i Lf=%i: rank-one blocks with singular value u0 (√2·u0 after fusion)",
    (L, Lf) => {
      const u0 = 0.3;
      const layout = layoutOf(L, Lf, 3, 2, 3);
      const theta = balancedInit(layout, VECTOR, u0);
      for (const block of layout.blocks) {
        const values = blockValues(theta, block);
        // Rank one: every row but the first is zero, so the only singular value is the
        // Frobenius norm of that row.
        expect(values.slice(block.cols).every((v) => v === 0)).toBe(true);
        const sv = Math.hypot(...values);
        const expected = block.owner === "shared" ? Math.SQRT2 * u0 : u0;
        // A unit direction times u0: a norm of a few roundings, ≤ 4 ulps.
        expect(Math.abs(sv - expected)).toBeLessThanOrEqual(4 * EPS * expected);
      }
    },
  );

  it.each(ARCHS)("L=%i Lf=%i: W_m^tot = u0^L·2^((L−Lf)/2)·Σ_yxm/‖Σ_yxm‖", (L, Lf) => {
    const u0 = 0.3;
    const layout = layoutOf(L, Lf, 3, 2, 3);
    const model = linearNetworkModel(layout, VECTOR);
    const w = new Float64Array(5);
    model.totalMap(balancedInit(layout, VECTOR, u0), w);
    const gain = u0 ** L * 2 ** ((L - Lf) / 2);
    const yx = VECTOR.sigmaYX;
    const nA = Math.hypot(yx[0]!, yx[1]!);
    const nB = Math.hypot(yx[2]!, yx[3]!, yx[4]!);
    const expected = yx.map((v, i) => (gain * v) / (i < 2 ? nA : nB));
    // A product of L ≤ 5 rounded factors and a normalisation: ≤ ~10 roundings.
    assertClose(w, expected, { rtol: 10 * EPS, atol: 0 });
  });

  it("B's direction falls back to e_B when Σ_yxB = 0 (toy σA = 2, ρ = −1/2)", () => {
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.5 });
    expect(stats.sigmaYX[1]).toBe(0);
    const layout = layoutOf(2, 2, 2, 1, 1);
    const w = new Float64Array(2);
    linearNetworkModel(layout, stats).totalMap(balancedInit(layout, stats, 0.1), w);
    // e_B = σB²(1 − ρ²) > 0, so W_B^tot = +u0²; W_A^tot = u0² sign(Σ_yxA) = +u0².
    expect(Array.from(w)).toEqual([0.1 * 0.1, 0.1 * 0.1]);
  });

  it("throws when a modality has no direction (Σ_yxA = 0, or Σ_yxB = e_B = 0)", () => {
    // σA = 1, σB = 2, ρ = −1/2: Σ_yxA = 1 − 1 = 0.
    const noA = fromToy({ sigmaA: 1, sigmaB: 2, rho: -0.5 });
    const layout = layoutOf(2, 2, 2, 1, 1);
    expect(() => balancedInit(layout, noA, 0.1)).toThrow(/^init: .*Σ_yxA/);
    // Teacher w = (1, 0) with independent inputs: Σ_yxB = 0 and e_B = 0.
    const noB = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0, wB: 0 });
    expect(() => balancedInit(layout, noB, 0.1)).toThrow(/^init: .*Σ_yxB/);
  });

  it("rejects u0 ≤ 0", () => {
    expect(() => balancedInit(layoutOf(2, 2, 2, 1, 1), TOY, 0)).toThrow(InputError);
  });
});

describe("gaussianInit", () => {
  /** Sample standard deviation of a block's entries, with its standard error. */
  function sampleStd(values: number[]) {
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    // For normal data the sample std has standard error σ/√(2(n−1)).
    return { std, relativeStandardError: 1 / Math.sqrt(2 * (n - 1)) };
  }
  /** 5 standard errors: a correct draw fails with probability ≈ 6e-7 per check. */
  const Z = 5;

  function expectStd(values: number[], expected: number, label: string) {
    const { std, relativeStandardError } = sampleStd(values);
    const error = Math.abs(std / expected - 1);
    expect(error, `${label}: std ${std} vs ${expected}`).toBeLessThan(Z * relativeStandardError);
  }

  it("uses std u0 per entry for depth ≤ 2 (the paper's two-layer convention)", () => {
    // Fusion blocks 1×300 and hidden 300×(dA, dB) = 300×100: 3e4 + entries each.
    const layout = layoutOf(2, 2, 300, 100, 100);
    const u0 = 0.01;
    const theta = gaussianInit(layout, u0, 1);
    for (const block of layout.blocks) {
      expectStd(blockValues(theta, block), u0, `layer ${block.layer} ${block.owner}`);
    }
  });

  it("uses u0/√numel on branch layers and √2·u0/√numel from the fusion layer on (depth > 2)", () => {
    const h = 200;
    const layout = layoutOf(4, 2, h, 100, 100);
    const u0 = 0.1;
    const theta = gaussianInit(layout, u0, 2);
    const fusionNumel = 2 * h * h; // [W_A^Lf, W_B^Lf] together
    for (const block of layout.blocks) {
      const numel = block.rows * block.cols;
      const expected =
        block.layer < 2
          ? u0 / Math.sqrt(numel)
          : block.layer === 2
            ? (Math.SQRT2 * u0) / Math.sqrt(fusionNumel)
            : (Math.SQRT2 * u0) / Math.sqrt(numel);
      // The last layer is 1×h = 200 entries: SE 5%, still a 5-SE test.
      expectStd(blockValues(theta, block), expected, `layer ${block.layer} ${block.owner}`);
    }
  });

  it("is deterministic per seed, and the same seed at two u0 gives the same θ/u0", () => {
    const layout = layoutOf(4, 3, 5, 2, 3);
    expect(gaussianInit(layout, 0.1, 9)).toEqual(gaussianInit(layout, 0.1, 9));
    expect(gaussianInit(layout, 0.1, 9)).not.toEqual(gaussianInit(layout, 0.1, 10));
    const a = gaussianInit(layout, 1e-3, 9).map((v) => v / 1e-3);
    const b = gaussianInit(layout, 0.7, 9).map((v) => v / 0.7);
    // θ/u0 = (u0·c/√n)·z/u0: three roundings on each side, ≤ 4 ulps apart.
    assertClose(a, b, { rtol: 4 * EPS, atol: 0 });
  });

  it("rejects u0 ≤ 0", () => {
    expect(() => gaussianInit(layoutOf(2, 2, 2, 1, 1), -1, 0)).toThrow(InputError);
  });
});

describe("initialise", () => {
  const layout: ParameterLayout = layoutOf(3, 2, 4, 1, 1);

  it("dispatches on the kind; Gaussian's seed defaults to 0", () => {
    expect(initialise(layout, TOY, { kind: "balanced", u0: 0.2 })).toEqual(
      balancedInit(layout, TOY, 0.2),
    );
    expect(initialise(layout, TOY, { kind: "gaussian", u0: 0.2, seed: 4 })).toEqual(
      gaussianInit(layout, 0.2, 4),
    );
    expect(initialise(layout, TOY, { kind: "gaussian", u0: 0.2 })).toEqual(
      gaussianInit(layout, 0.2, 0),
    );
  });
});
