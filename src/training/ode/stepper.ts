/**
 * What a one-step method supplies to the adaptive driver (driver.ts): its trial step with
 * an error estimate, f at the new state, and its dense output. Everything around a step
 * (budgets, error norm, step-size control, compensated time, divergence, events, the
 * observer) is the driver's, so the methods cannot drift apart on it.
 *
 * The driver owns the state buffers and swaps them after each accepted step; a stepper
 * keeps only its own scratch (stages, LU, dense-output rows), allocated once per run.
 */
import type { StepControl } from "./control.js";

export interface Stepper {
  readonly control: StepControl;
  /** The last trial's local-error estimate (per component, before scaling). */
  readonly error: Float64Array;
  /**
   * One trial step of size h from (t, y0), f0 = f(t, y0): writes y1 and this.error. May
   * write f1 = f(t + h, y1) when the method has it anyway (DOPRI5's FSAL stage). Returns
   * false when the step cannot be formed at all (Rosenbrock: I/(hγ) − J singular): the
   * driver rejects it like a step whose error estimate overflowed.
   */
  trial(
    t: number,
    h: number,
    y0: Float64Array,
    f0: Float64Array,
    y1: Float64Array,
    f1: Float64Array,
  ): boolean;
  /**
   * f1 = f(t1, y1) for a trial that passed the error test, unless trial wrote it already:
   * the driver fails a trial whose f(y1) is non-finite before accepting it.
   */
  derivativeAt(t1: number, y1: Float64Array, f1: Float64Array): void;
  /** Builds the dense output on the step of size h just accepted. */
  prepareDense(
    h: number,
    y0: Float64Array,
    y1: Float64Array,
    f0: Float64Array,
    f1: Float64Array,
  ): void;
  /** The dense output at θ = (t − t0)/(t1 − t0) ∈ [0, 1] of the last prepared step. */
  interpolate(theta: number, out: Float64Array): void;
  /**
   * After the observer has seen accepted step `index` (size h, ending at y1 with f1):
   * true ends the run with status "stiff" (DOPRI5's stiffness test), and whatever the
   * method keeps per accepted point is invalidated (Rosenbrock's Jacobian).
   */
  accepted(index: number, h: number, y1: Float64Array, f1: Float64Array): boolean;
}
