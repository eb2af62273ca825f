import fc from "fast-check";

/** Constraints of `initScale`. */
export interface InitScaleConstraints {
  /** Smallest u0 (default 1e-12). */
  readonly min?: number;
  /** Largest u0 (default 1e-3). */
  readonly max?: number;
}

/**
 * Initialisation scales u0, log-uniform in [min, max]: the theory's error terms go like
 * 1/ln(1/u0) or powers of u0, so every decade deserves the same weight. Shrinks toward max.
 */
export function initScale(constraints: InitScaleConstraints = {}): fc.Arbitrary<number> {
  const lo = Math.log10(constraints.min ?? 1e-12);
  const hi = Math.log10(constraints.max ?? 1e-3);
  return fc
    .double({ min: 0, max: hi - lo, noNaN: true, noDefaultInfinity: true })
    .map((below) => 10 ** (hi - below));
}
