import { InputError } from "../errors/inputError.js";

/**
 * Globally adaptive Gauss–Kronrod quadrature (G10–K21).
 *
 * Why our own: the T5 phase-time integral (see `intermediateFusion.ts`) is
 * sharply peaked near `u0` for small initialisations and deep networks, and
 * its value must be accurate to ~1e-10 relative so that the SciPy `quad`
 * fixtures can be compared tightly. mathjs (our only numerics dependency)
 * has no adaptive quadrature, and a fixed rule cannot certify its own error.
 * This is the QUADPACK QAG strategy (Piessens et al. 1983): estimate each
 * panel with the 21-point Kronrod rule, use its embedded 10-point Gauss rule
 * for the error, and always bisect the panel with the largest error until
 * the summed error meets the tolerance.
 *
 * @module
 */

/** Options of {@link quadrature}. */
export interface QuadratureOptions {
  /** Relative tolerance on the integral. Default {@link DEFAULT_RTOL}. */
  rtol?: number;
  /** Absolute tolerance on the integral. Default 0 (relative only). */
  atol?: number;
  /** Most panels the subdivision may create. Default {@link DEFAULT_MAX_INTERVALS}. */
  maxIntervals?: number;
}

/** Result of {@link quadrature}. */
export interface QuadratureResult {
  /** Kronrod estimate of ∫_a^b f. */
  value: number;
  /** Estimated absolute error (sum over panels, QUADPACK qk21 heuristic). */
  errorEstimate: number;
  /** Number of integrand evaluations (21 per panel evaluated). */
  evaluations: number;
  /** Number of panels in the final subdivision. */
  intervals: number;
}

/** Thrown when the requested accuracy is not reached. */
export class QuadratureError extends Error {
  constructor(
    message: string,
    readonly achievedError: number,
    readonly requestedError: number,
  ) {
    super(message);
    this.name = "QuadratureError";
  }
}

/** Default relative tolerance: 1e-10, the accuracy the T5 fixtures are compared at. */
export const DEFAULT_RTOL = 1e-10;

/**
 * Default panel budget. A smooth integrand needs a handful of panels; an
 * integrable endpoint singularity such as x^(-1/2) loses about a factor √2 of
 * error per bisection, so ~70 panels reach 1e-10. 1000 leaves ample margin
 * while bounding the cost at 21 000 evaluations.
 */
export const DEFAULT_MAX_INTERVALS = 1000;

/**
 * 21-point Gauss–Kronrod rule on [-1, 1], copied digit for digit from QUADPACK
 * `qk21.f` (Piessens, de Doncker-Kapenga, Überhuber & Kahaner, 1983;
 * netlib.org/quadpack). They are kept as the published 33-digit strings (a
 * number literal that long would be rounded silently) and parsed once to the
 * nearest double. XGK: Kronrod abscissae in decreasing order; XGK[1], XGK[3],
 * …, XGK[9] are the 10-point Gauss abscissae, XGK[10] = 0 is the centre.
 * WGK: Kronrod weights. WG: Gauss weights for XGK[1], XGK[3], …, XGK[9].
 *
 * Checked by re-solving the exactness conditions ∑ w x^j = 2/(j+1) in 40-digit
 * arithmetic (mpmath): the Gauss rule is exact to degree 19 and the Kronrod
 * rule to degree 31. The re-solved WGK[6] is …851077958109831…, not
 * …851077208064637…; the two differ by 7.5e-22 and parse to the same double.
 */
const XGK: readonly number[] = [
  "0.995657163025808080735527280689003",
  "0.973906528517171720077964012084452",
  "0.930157491355708226001207180059508",
  "0.865063366688984510732096688423493",
  "0.780817726586416897063717578345042",
  "0.679409568299024406234327365114874",
  "0.562757134668604683339000099272694",
  "0.433395394129247190799265943165784",
  "0.294392862701460198131126603103866",
  "0.148874338981631210884826001129720",
  "0",
].map(Number);
const WGK: readonly number[] = [
  "0.011694638867371874278064396062192",
  "0.032558162307964727478818972459390",
  "0.054755896574351996031381300244580",
  "0.075039674810919952767043140916190",
  "0.093125454583697605535065465083366",
  "0.109387158802297641899210590325805",
  "0.123491976262065851077208064636813",
  "0.134709217311473325928054001771707",
  "0.142775938577060080797094273138717",
  "0.147739104901338491374841515972068",
  "0.149445554002916905664936468389821",
].map(Number);
const WG: readonly number[] = [
  "0.066671344308688137593568809893332",
  "0.149451349150580593145776339657697",
  "0.219086362515982043995534934228163",
  "0.269266719309996355091226921569469",
  "0.295524224714752870173892994651338",
].map(Number);

const EPS = Number.EPSILON;
/** Smallest positive normal double (QUADPACK's `uflow`). */
const UFLOW = 2.2250738585072014e-308;
/** QUADPACK's scaling of |K − G| in the error heuristic. */
const QK_SCALE = 200;
/** QUADPACK's exponent of the error heuristic. */
const QK_POWER = 1.5;
/** Roundoff floor per panel: 50 ε ∫|f| (QUADPACK). */
const ROUNDOFF_FACTOR = 50 * EPS;

interface Panel {
  a: number;
  b: number;
  value: number;
  error: number;
}

function evaluate(f: (x: number) => number, x: number): number {
  const y = f(x);
  if (!Number.isFinite(y)) {
    throw new QuadratureError(`integrand is not finite at x = ${x} (got ${y})`, Infinity, 0);
  }
  return y;
}

/** One G10–K21 panel with QUADPACK's error estimate. */
function panel(f: (x: number) => number, a: number, b: number): Panel {
  const centre = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const fc = evaluate(f, centre);
  const f1: number[] = [];
  const f2: number[] = [];
  let kronrod = WGK[10]! * fc;
  let gauss = 0;
  let absolute = Math.abs(kronrod);
  for (let j = 0; j < 10; j++) {
    const dx = half * XGK[j]!;
    const lo = evaluate(f, centre - dx);
    const hi = evaluate(f, centre + dx);
    f1.push(lo);
    f2.push(hi);
    kronrod += WGK[j]! * (lo + hi);
    absolute += WGK[j]! * (Math.abs(lo) + Math.abs(hi));
    if (j % 2 === 1) gauss += WG[(j - 1) / 2]! * (lo + hi);
  }
  const mean = 0.5 * kronrod;
  let spread = WGK[10]! * Math.abs(fc - mean);
  for (let j = 0; j < 10; j++) {
    spread += WGK[j]! * (Math.abs(f1[j]! - mean) + Math.abs(f2[j]! - mean));
  }
  const scale = Math.abs(half);
  const resabs = absolute * scale;
  const resasc = spread * scale;
  let error = Math.abs((kronrod - gauss) * half);
  if (resasc !== 0 && error !== 0) {
    error = resasc * Math.min(1, ((QK_SCALE * error) / resasc) ** QK_POWER);
  }
  if (resabs > UFLOW / ROUNDOFF_FACTOR) error = Math.max(ROUNDOFF_FACTOR * resabs, error);
  return { a, b, value: kronrod * half, error };
}

/** Binary max-heap of panels keyed by error (worst panel first). */
class PanelHeap {
  readonly items: Panel[] = [];
  push(p: Panel): void {
    const h = this.items;
    h.push(p);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.error >= h[i]!.error) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }
  pop(): Panel {
    const h = this.items;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.error > h[m]!.error) m = l;
        if (r < h.length && h[r]!.error > h[m]!.error) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

function checkOptions(rtol: number, atol: number, maxIntervals: number): void {
  if (!(rtol >= 0 && Number.isFinite(rtol)))
    throw new InputError("rtol", `must be ≥ 0, got ${rtol}`);
  if (!(atol >= 0 && Number.isFinite(atol)))
    throw new InputError("atol", `must be ≥ 0, got ${atol}`);
  if (rtol === 0 && atol === 0) throw new InputError("rtol, atol", "must not both be 0");
  if (!(Number.isInteger(maxIntervals) && maxIntervals >= 1)) {
    throw new InputError("maxIntervals", `must be an integer ≥ 1, got ${maxIntervals}`);
  }
}

/**
 * ∫_a^b f(x) dx by globally adaptive G10–K21 quadrature.
 *
 * The integrand is never evaluated at a or b, so integrable endpoint
 * singularities (e.g. x^(-1/2) at 0) are allowed. Stops when the summed panel
 * error is ≤ max(atol, rtol·|value|).
 *
 * @throws InputError on invalid options or non-finite limits.
 * @throws QuadratureError if the tolerance is not met within `maxIntervals`
 *   panels, if a panel can no longer be bisected in double precision, or if
 *   f returns a non-finite value.
 *
 * @example
 * quadrature(Math.exp, 0, 1).value; // ≈ e − 1 = 1.718281828459045
 */
export function quadrature(
  f: (x: number) => number,
  a: number,
  b: number,
  options: QuadratureOptions = {},
): QuadratureResult {
  const rtol = options.rtol ?? DEFAULT_RTOL;
  const atol = options.atol ?? 0;
  const maxIntervals = options.maxIntervals ?? DEFAULT_MAX_INTERVALS;
  checkOptions(rtol, atol, maxIntervals);
  if (!(Number.isFinite(a) && Number.isFinite(b))) {
    throw new InputError("integration limits", `must be finite, got [${a}, ${b}]`);
  }
  if (a === b) return { value: 0, errorEstimate: 0, evaluations: 0, intervals: 0 };
  const heap = new PanelHeap();
  heap.push(panel(f, a, b));
  let evaluations = 21;
  for (;;) {
    let value = 0;
    let error = 0;
    for (const p of heap.items) {
      value += p.value;
      error += p.error;
    }
    const requested = Math.max(atol, rtol * Math.abs(value));
    if (error <= requested) {
      return { value, errorEstimate: error, evaluations, intervals: heap.items.length };
    }
    const describe = `achieved error estimate ${error.toExponential(3)} > requested ${requested.toExponential(3)}`;
    if (heap.items.length >= maxIntervals) {
      throw new QuadratureError(
        `quadrature did not converge within maxIntervals = ${maxIntervals}: ${describe}`,
        error,
        requested,
      );
    }
    const worst = heap.pop();
    const mid = 0.5 * (worst.a + worst.b);
    if (!(Math.min(worst.a, worst.b) < mid && mid < Math.max(worst.a, worst.b))) {
      throw new QuadratureError(
        `quadrature cannot bisect [${worst.a}, ${worst.b}] further in double precision: ${describe}`,
        error,
        requested,
      );
    }
    heap.push(panel(f, worst.a, mid));
    heap.push(panel(f, mid, worst.b));
    evaluations += 42;
  }
}
