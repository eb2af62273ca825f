import { describe, expect, it } from "vitest";
import {
  RODAS4,
  RODAS5P,
  type RosenbrockTableau,
} from "../../../src/training/ode/rosenbrockTableaus.js";

/**
 * The tableaus' classical order conditions, checked from the coefficients alone. The
 * tableaus are stored in Hairer & Wanner's transformed form (a = α Γ⁻¹, c = diag(1/γ) − Γ⁻¹,
 * m = b Γ⁻¹; Solving ODEs II §IV.7, (7.25)), so the test undoes the transformation
 * (Γ⁻¹ = diag(1/γ) − C, Γ by forward substitution, α = A Γ, b = m Γ) and evaluates the
 * conditions of Table IV.7.1 on (α, Γ, b, γ). A mistyped digit in a, c or γ moves at least
 * one of them by about the size of the typo; rosenbrock.test.ts measures the orders
 * numerically, this is the independent algebraic check.
 */

type Mat = number[][];

function square(rows: RosenbrockTableau["a"], s: number): Mat {
  return Array.from({ length: s }, (_, i) =>
    Array.from({ length: s }, (_, j) => (j < i ? (rows[i]?.[j] ?? 0) : 0)),
  );
}

function mul(a: Mat, b: Mat): Mat {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((sum, v, k) => sum + v * b[k]![j]!, 0)));
}

/** Inverse of a lower-triangular matrix by forward substitution, column by column. */
function lowerInverse(l: Mat): Mat {
  const s = l.length;
  const inv: Mat = Array.from({ length: s }, () => new Array<number>(s).fill(0));
  for (let col = 0; col < s; col++) {
    for (let i = col; i < s; i++) {
      let sum = i === col ? 1 : 0;
      for (let k = col; k < i; k++) sum -= l[i]![k]! * inv[k]![col]!;
      inv[i]![col] = sum / l[i]![i]!;
    }
  }
  return inv;
}

interface Untransformed {
  readonly s: number;
  readonly gamma: number;
  /** α_ij, strictly lower. */
  readonly alpha: Mat;
  /** γ_ij, lower with γ on the diagonal. */
  readonly Gamma: Mat;
  /** Weights of y1 and of the embedded solution. */
  readonly b: number[];
  readonly bHat: number[];
}

function untransform(t: RosenbrockTableau): Untransformed {
  const s = t.a.length;
  const A = square(t.a, s);
  const C = square(t.c, s);
  const gammaInv = C.map((row, i) => row.map((v, j) => (i === j ? 1 / t.gamma : -v)));
  const Gamma = lowerInverse(gammaInv);
  const alpha = mul(A, Gamma);
  // Stiffly accurate: y1 = the last stage point + k_s, the embedded solution = the last
  // stage point (rosenbrock.ts), so m = (a_s1 … a_s,s−1, 1) and m̂ = (a_s1 … a_s,s−1, 0).
  const m = [...A[s - 1]!.slice(0, s - 1), 1];
  const mHat = [...A[s - 1]!.slice(0, s - 1), 0];
  const b = mul([m], Gamma)[0]!;
  const bHat = mul([mHat], Gamma)[0]!;
  return { s, gamma: t.gamma, alpha, Gamma, b, bHat };
}

const rowSum = (m: Mat) => m.map((row) => row.reduce((x, y) => x + y, 0));
const dot = (u: number[], v: number[]) => u.reduce((sum, x, i) => sum + x * v[i]!, 0);
const times = (m: Mat, v: number[]) => m.map((row) => dot(row, v));

/** Residuals of the order conditions up to `order` (Table IV.7.1) for weights w. */
function conditionResiduals(u: Untransformed, w: number[], order: number): [string, number][] {
  const { gamma: g, alpha, Gamma } = u;
  // β_ij = α_ij + γ_ij for j < i (the diagonal γ is excluded).
  const beta = alpha.map((row, i) => row.map((v, j) => (j < i ? v + Gamma[i]![j]! : 0)));
  const a = rowSum(alpha);
  const bp = rowSum(beta);
  const a2 = a.map((x) => x * x);
  const out: [string, number][] = [
    [
      "Σb = 1",
      dot(
        w,
        a.map(() => 1),
      ) - 1,
    ],
  ];
  if (order >= 2) out.push(["Σ b β' = 1/2 − γ", dot(w, bp) - (0.5 - g)]);
  if (order >= 3) {
    out.push(["Σ b α² = 1/3", dot(w, a2) - 1 / 3]);
    out.push(["Σ b β β' = 1/6 − γ + γ²", dot(w, times(beta, bp)) - (1 / 6 - g + g * g)]);
  }
  if (order >= 4) {
    const aa = a.map((x) => x * x * x);
    out.push(["Σ b α³ = 1/4", dot(w, aa) - 1 / 4]);
    const aab = times(alpha, bp).map((x, i) => x * a[i]!);
    out.push(["Σ b α α β' = 1/8 − γ/3", dot(w, aab) - (1 / 8 - g / 3)]);
    out.push(["Σ b β α² = 1/12 − γ/3", dot(w, times(beta, a2)) - (1 / 12 - g / 3)]);
    out.push([
      "Σ b β β β' = 1/24 − γ/2 + 3γ²/2 − γ³",
      dot(w, times(beta, times(beta, bp))) - (1 / 24 - g / 2 + 1.5 * g * g - g * g * g),
    ]);
  }
  return out;
}

/**
 * The same conditions for the dense output at θ ∈ (0, 1), in the form with β = α + Γ
 * (diagonal γ included), where each right-hand side is the exact solution's θ^ρ(t)/γ(t):
 * Σb(θ) = θ, b(θ)β1 = θ²/2, b(θ)α² = θ³/3, b(θ)ββ1 = θ³/6, b(θ)α³ = θ⁴/4,
 * b(θ)(α ∘ αβ1) = θ⁴/8, b(θ)βα² = θ⁴/12, b(θ)βββ1 = θ⁴/24 (at θ = 1 these are the
 * conditions above with the diagonal separated out). The weights of the dense output
 * y(θ) = (1−θ)y0 + θ(y1 + (1−θ)(d_1 + θ(d_2 + …))), d_r = Σ_i H_ri k_i, on the stage
 * increments k are m(θ) = θ m + θ(1−θ) Σ_r θ^(r−1) H_r, so b(θ) = m(θ) Γ.
 */
function denseResiduals(t: RosenbrockTableau, u: Untransformed, theta: number, order: number) {
  const s = u.s;
  const A = square(t.a, s);
  const m = [...A[s - 1]!.slice(0, s - 1), 1];
  const mTheta = m.map((mi, i) => {
    let poly = 0;
    for (let r = t.dense.length - 1; r >= 0; r--) poly = t.dense[r]![i]! + theta * poly;
    return theta * mi + theta * (1 - theta) * poly;
  });
  const w = mul([mTheta], u.Gamma)[0]!;
  const beta = u.alpha.map((row, i) => row.map((v, j) => v + u.Gamma[i]![j]!));
  const ones = new Array<number>(s).fill(1);
  const a = rowSum(u.alpha);
  const a2 = a.map((x) => x * x);
  const b1 = times(beta, ones);
  const th = theta;
  const out: [string, number][] = [["Σb(θ) = θ", dot(w, ones) - th]];
  if (order >= 2) out.push(["b(θ)β1 = θ²/2", dot(w, b1) - th ** 2 / 2]);
  if (order >= 3) {
    out.push(["b(θ)α² = θ³/3", dot(w, a2) - th ** 3 / 3]);
    out.push(["b(θ)ββ1 = θ³/6", dot(w, times(beta, b1)) - th ** 3 / 6]);
  }
  if (order >= 4) {
    out.push([
      "b(θ)α³ = θ⁴/4",
      dot(
        w,
        a.map((x) => x ** 3),
      ) -
        th ** 4 / 4,
    ]);
    const aab = times(u.alpha, b1).map((x, i) => x * a[i]!);
    out.push(["b(θ)(α∘αβ1) = θ⁴/8", dot(w, aab) - th ** 4 / 8]);
    out.push(["b(θ)βα² = θ⁴/12", dot(w, times(beta, a2)) - th ** 4 / 12]);
    out.push(["b(θ)βββ1 = θ⁴/24", dot(w, times(beta, times(beta, b1))) - th ** 4 / 24]);
  }
  return out;
}

/**
 * Tolerance of the conditions: the coefficients are printed to 16-17 significant digits
 * and have entries up to ~170 (Rodas5P's c), so undoing the transformation and summing
 * s² products of such entries loses a few digits: 1e-11 leaves ~3 digits of margin over
 * that round-off and still fails a typo anywhere past the 10th significant digit.
 */
const TOL = 1e-11;

describe.each([
  ["Rodas5P", RODAS5P, 8, 5, 4],
  ["Rodas4", RODAS4, 6, 4, 3],
] as const)("%s tableau", (_name, tableau, stages, order, embeddedOrder) => {
  const u = untransform(tableau);

  it("has s stages in every array, strictly lower a and c rows", () => {
    expect(tableau.a.length).toBe(stages);
    expect(tableau.c.length).toBe(stages);
    expect(tableau.alpha.length).toBe(stages);
    expect(tableau.gammaT.length).toBe(stages);
    expect(tableau.a.map((row) => row.length)).toEqual([...Array(stages).keys()]);
    expect(tableau.c.map((row) => row.length)).toEqual([...Array(stages).keys()]);
    for (const row of tableau.dense) expect(row.length).toBe(stages);
    expect(tableau.order).toBe(order);
    expect(tableau.denseOrder).toBe(order - 1);
  });

  it("is stiffly accurate: the last two a rows repeat the previous row plus unit entries", () => {
    const s = stages;
    expect(tableau.a[s - 1]!.slice(0, s - 2)).toEqual(tableau.a[s - 2]);
    expect(tableau.a[s - 1]![s - 2]).toBe(1);
    // Rodas5P also repeats stage s−2's row in stage s−1 (stifflyAccurateRows); the stage
    // times of the stiffly accurate stages are 1.
    expect(tableau.alpha[s - 1]).toBe(1);
    expect(tableau.alpha[s - 2]).toBe(1);
  });

  it("stage times α_i = Σ_j α_ij and γ_i = Σ_{j≤i} γ_ij (consistent α and γ arrays)", () => {
    const a = rowSum(u.alpha);
    const g = rowSum(u.Gamma);
    for (let i = 0; i < stages; i++) {
      expect(Math.abs(a[i]! - tableau.alpha[i]!), `α_${i + 1}`).toBeLessThan(TOL);
      expect(Math.abs(g[i]! - tableau.gammaT[i]!), `γ_${i + 1}`).toBeLessThan(TOL);
    }
  });

  it(`y1 satisfies the order conditions up to order 4 (it has order ${order})`, () => {
    for (const [condition, residual] of conditionResiduals(u, u.b, 4)) {
      expect(Math.abs(residual), condition).toBeLessThan(TOL);
    }
  });

  it(`the embedded solution satisfies them up to order ${embeddedOrder}`, () => {
    for (const [condition, residual] of conditionResiduals(u, u.bHat, embeddedOrder)) {
      expect(Math.abs(residual), condition).toBeLessThan(TOL);
    }
  });

  it(`the dense output satisfies the θ-dependent conditions up to its order ${order - 1}`, () => {
    // Tolerance: H has entries up to ~80 (Rodas5P) multiplying Γ's; a few more digits lost
    // than for the step's weights, 1e-10 still fails a typo past the 9th digit of any H_ri.
    for (const theta of [0.25, 0.5, 0.8]) {
      for (const [condition, residual] of denseResiduals(tableau, u, theta, order - 1)) {
        expect(Math.abs(residual), `${condition} at θ = ${theta}`).toBeLessThan(1e-10);
      }
    }
    // At θ = 1 the dense output is y1: the same weights as the step's.
    const atOne = denseResiduals(tableau, u, 1, 4);
    const step = conditionResiduals(u, u.b, 4);
    expect(Math.abs(atOne[0]![1] - step[0]![1])).toBeLessThan(1e-12);
  });

  it("a perturbed dense coefficient breaks a dense condition", () => {
    const dense = tableau.dense.map((row) => [...row]);
    dense[0]![1]! *= 1 + 1e-6;
    const broken = { ...tableau, dense };
    const worst = Math.max(
      ...denseResiduals(broken, u, 0.5, order - 1).map(([, r]) => Math.abs(r)),
    );
    expect(worst).toBeGreaterThan(1e-8);
  });

  it("the embedded solution does not have the order of y1 (k_s is a genuine error estimate)", () => {
    if (embeddedOrder >= 4) {
      // Rodas5P's embedded solution has order 4 too: its estimate is the order-5 terms, which
      // this test does not evaluate. Check instead that k_s's weights are not all zero.
      const diff = u.b.map((x, i) => x - u.bHat[i]!);
      expect(Math.max(...diff.map(Math.abs))).toBeGreaterThan(1e-3);
      return;
    }
    const worst = Math.max(
      ...conditionResiduals(u, u.bHat, embeddedOrder + 1).map(([, r]) => Math.abs(r)),
    );
    expect(worst).toBeGreaterThan(1e-4);
  });

  it("a perturbed coefficient breaks a condition (the check can fail)", () => {
    // The mutation a coefficient typo would be: the 6th significant digit of c_21.
    const c = tableau.c.map((row) => [...row]);
    c[1]![0]! *= 1 + 1e-6;
    const broken = untransform({ ...tableau, c });
    const worst = Math.max(
      ...conditionResiduals(broken, broken.b, 4).map(([, r]) => Math.abs(r)),
      ...rowSum(broken.Gamma).map((g, i) => Math.abs(g - tableau.gammaT[i]!)),
    );
    expect(worst).toBeGreaterThan(1e3 * TOL);
  });
});
