import fc from "fast-check";
import type { InitKind } from "../../network/initialisation.js";

/** Constraints of `networkInit`. */
export interface NetworkInitConstraints {
  /** Widths drawn in [1, maxWidth] (default 32). */
  readonly maxWidth?: number;
  /** Which initialisations (default both). */
  readonly kinds?: readonly InitKind[];
}

/** A generated initialisation: its kind, the hidden width and the init seed. */
export interface NetworkInit {
  readonly kind: InitKind;
  readonly width: number;
  readonly seed: number;
}

/**
 * Initialisation kind, hidden width and init seed. Shrinks to balanced, width 1, seed 0.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { networkInit } from "ubias/claims";
 *
 * const draws = fc.sample(networkInit({ maxWidth: 4, kinds: ["balanced"] }), { seed: 1, numRuns: 20 });
 * draws.every((n) => n.kind === "balanced" && n.width >= 1 && n.width <= 4); // → true
 * ```
 */
export function networkInit(constraints: NetworkInitConstraints = {}): fc.Arbitrary<NetworkInit> {
  return fc.record({
    kind: fc.constantFrom(...(constraints.kinds ?? (["balanced", "gaussian"] as const))),
    width: fc.integer({ min: 1, max: constraints.maxWidth ?? 32 }),
    seed: fc.nat({ max: 0x7fffffff }),
  });
}
