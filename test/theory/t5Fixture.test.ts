import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type PhasePrediction,
  unimodalPhasePrediction,
} from "../../src/theory/intermediateFusion.js";

/**
 * T5 against the SciPy reference (fixtures/reference/t5-quad.json, written by
 * fixtures/reference/generate.py from docs/theory.md, not from our sources): toy
 * family w = (1, 1), σ_B = 1; t_A by scipy.integrate.quad (epsrel 1e-13)
 * cross-checked there by composite Gauss–Legendre to ≤ 3e-15.
 */
interface T5Case {
  id: string;
  depth: number;
  fusion: number;
  u0: number;
  sA: number;
  k: number;
  e: number;
  g: number;
  tA: number;
  tAQuadErr: number;
  duration: number;
  ratio: number;
  ratioT2?: number;
}

const FIXTURE = new URL("../../fixtures/reference/t5-quad.json", import.meta.url);
const cases: T5Case[] = JSON.parse(readFileSync(FIXTURE, "utf8")).cases;

/**
 * t_A agreement: both sides request ≤ 1e-12 (ours) / 1e-13 (SciPy) relative,
 * so 1e-10 leaves a factor ≥ 100 for heuristic error estimates.
 */
const TA_RTOL = 1e-10;

/**
 * Duration for 1 < Lf < L: the same closed form on the same input doubles;
 * in ours t_A's quadrature error cancels exactly (duration = excess·t_A with
 * excess ∝ 1/J, t_A ∝ J), leaving ~10 roundings (≈ 2e-15); 1e-13 for margin.
 */
const DURATION_RTOL = 1e-13;

/** Exact-by-construction ratios (T1, T2): a few roundings. */
const EXACT_RTOL = 1e-12;

function rel(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

function describeCase(c: T5Case, p: PhasePrediction, field: string, err: number, tol: number) {
  return `${c.id} (L=${c.depth}, Lf=${c.fusion}, u0=${c.u0}, sA=${c.sA}, k=${c.k}, e=${c.e}, g=${c.g}): ${field} ours ${JSON.stringify(p)} vs reference ${JSON.stringify(c)}: rel. error ${err.toExponential(2)} > tol ${tol}`;
}

/** Collect every failing case so one run shows them all. */
function check(
  regime: (c: T5Case) => boolean,
  assert: (c: T5Case, p: PhasePrediction) => string[],
) {
  const selected = cases.filter(regime);
  expect(selected.length).toBeGreaterThan(0);
  const failures = selected.flatMap((c) =>
    assert(c, unimodalPhasePrediction(c, { depth: c.depth, fusionLayer: c.fusion }, c.u0)),
  );
  expect(failures, failures.slice(0, 5).join("\n")).toEqual([]);
}

function within(c: T5Case, p: PhasePrediction, field: string, a: number, b: number, tol: number) {
  const err = rel(a, b);
  return err <= tol ? [] : [describeCase(c, p, field, err, tol)];
}

describe(`T5 against SciPy quad (${cases.length} toy cases)`, () => {
  it("t_A agrees to 1e-10 relative in every case, within both error estimates", () => {
    check(
      () => true,
      (c, p) => {
        const out = within(c, p, "tA", p.tA, c.tA, TA_RTOL);
        // Honesty: the gap is covered by the two quadratures' own estimates.
        if (Math.abs(p.tA - c.tA) > p.tAErrorEstimate + c.tAQuadErr) {
          out.push(`${c.id}: |Δ tA| exceeds the sum of error estimates`);
        }
        return out;
      },
    );
  });

  it("early fusion (Lf = 1): ratio 1, duration 0 in both", () => {
    check(
      (c) => c.fusion === 1,
      (c, p) => [
        ...within(c, p, "ratio", p.ratio, c.ratio, 0),
        ...(p.duration === c.duration ? [] : [`${c.id}: duration ${p.duration} ≠ ${c.duration}`]),
      ],
    );
  });

  it("intermediate fusion (1 < Lf < L): duration and ratio agree", () => {
    check(
      (c) => c.fusion > 1 && c.fusion < c.depth,
      (c, p) => [
        ...within(c, p, "duration", p.duration, c.duration, DURATION_RTOL),
        // ratio − 1 = duration/t_A inherits t_A's relative error.
        ...within(c, p, "ratio", p.ratio, c.ratio, TA_RTOL),
      ],
    );
  });

  it("late fusion (Lf = L): ours is T2 exactly; the reference's literal T5 differs by q/(q−1)", () => {
    check(
      (c) => c.fusion === c.depth,
      (c, p) => {
        // Reference ratio = 1 + (T2 − 1)·q/(q − 1), q = u0^{2−L} (literal T5,
        // blow-up duration over t_A to 1); ours = T2 (see intermediateFusion.ts).
        const q = c.u0 ** (2 - c.depth);
        const literal = 1 + ((p.ratio - 1) * q) / (q - 1);
        return [
          ...within(c, p, "ratio vs T2", p.ratio, c.ratioT2!, EXACT_RTOL),
          ...within(c, p, "literal T5 ratio", literal, c.ratio, TA_RTOL),
        ];
      },
    );
  });
});
