/**
 * The contract shared by every integrator of this folder (DOPRI5 and the Rosenbrock
 * methods): the problem, the options, the observer and the result. One contract because
 * gradient flow switches from one method to the other mid-run (gradientFlow.ts) and its
 * observer must see one continuous run across the switch.
 */

/** y' = f(t, y), written into `dydt`. */
export interface OdeProblem {
  readonly dimension: number;
  rhs(t: number, y: Float64Array, dydt: Float64Array): void;
  /**
   * ∂f/∂y at (t, y), written row-major into `out` (n×n: out[i·n + j] = ∂f_i/∂y_j). Used by
   * the implicit integrator (rosenbrock.ts); without it that integrator differences rhs.
   */
  jacobian?(t: number, y: Float64Array, out: Float64Array): void;
  /** f does not depend on t (spares the implicit integrator its ∂f/∂t evaluation). */
  readonly autonomous?: boolean;
}

/** A scalar function of the state whose zero crossing is an event. */
export interface EventFunction {
  readonly name: string;
  /** +1: only upward crossings (g goes from < 0 to ≥ 0), −1 downward, 0 both. */
  readonly direction: 1 | -1 | 0;
  value(t: number, y: Float64Array): number;
}

/** An accepted step as seen by the observer: [t0, t1] with dense output in between. */
export interface AcceptedStep {
  readonly index: number;
  readonly t0: number;
  readonly t1: number;
  readonly y0: Float64Array;
  readonly y1: Float64Array;
  /** y'(t1): every method has it at hand (DOPRI5's FSAL stage, Rosenbrock's next f0). */
  readonly dydt1: Float64Array;
  /** Writes the interpolated state at t ∈ [t0, t1] into `out` (the method's dense output). */
  interpolate(t: number, out: Float64Array): void;
}

export interface LocatedEvent {
  readonly name: string;
  readonly t: number;
  readonly y: Float64Array;
  readonly step: number;
}

export interface IntegratorOptions {
  /** Relative tolerance of the local error, per component. */
  readonly rtol: number;
  /**
   * Absolute floor of the error scale, as a fraction of ‖y‖∞: sc_i = rtol·max(|y_i|, floor·‖y‖∞).
   * Scale-free on purpose: gradient flow from an init of size u0 is, to leading order,
   * the same trajectory at every u0 up to rescaling, so no fixed atol suits all u0.
   */
  readonly relativeFloor: number;
  /**
   * Group index (0, 1, ...) of every component for the error scale: the floor of component
   * i is relativeFloor·max_{j in group(i)} |y_j| instead of relativeFloor·‖y‖∞. Lets a
   * block of tiny components (a modality's weights on a plateau, 1e-30 next to O(1)) be
   * resolved relative to its own size. Default: one group.
   */
  readonly errorGroups?: Int32Array;
  readonly maxTime: number;
  readonly maxSteps: number;
  /**
   * ‖y‖∞ above this is divergence (driver.ts states the one rule every method applies: a
   * trial state beyond it ends the run, one with a non-finite f is retried smaller).
   */
  readonly divergenceNorm: number;
  /** First trial step (default: Hairer's HINIT estimate); used to continue another run. */
  readonly initialStep?: number;
  /**
   * DOPRI5 only: stop with status "stiff" once the step size is stability-limited (Hairer's
   * test, see STIFF_* in dormandPrince.ts) and the solution's own time scale
   * T = 1/max_i(|f_i|/|y_i|), the time in which its fastest-moving component changes by
   * O(1) relative to itself, is at least minScaleOverStep steps. T/h estimates the explicit
   * steps left before anything happens (on a plateau: B's growth time); the caller sets the
   * threshold from the cost of the implicit method it would continue with.
   */
  readonly stiffness?: { readonly minScaleOverStep: number };
}

export type IntegrationStatus =
  | "stopped" // the observer asked to stop
  | "time-budget"
  | "step-budget"
  | "diverged"
  | "step-underflow"
  | "stiff"; // DOPRI5 with detectStiffness: the problem became stiff at t (state y)

export interface IntegrationResult {
  readonly status: IntegrationStatus;
  readonly t: number;
  readonly y: Float64Array;
  readonly steps: number;
  readonly rejectedSteps: number;
  readonly evaluations: number;
  readonly events: readonly LocatedEvent[];
  /** The step size the controller proposes next (to continue the run elsewhere). */
  readonly nextStep: number;
}

export interface Observer {
  readonly events: readonly EventFunction[];
  /** Called once per located event, in time order. */
  onEvent?(event: LocatedEvent): void;
  /** Called after each accepted step and its events; return true to stop. */
  onStep?(step: AcceptedStep): boolean;
}

/** The counted right-hand side a stepper evaluates f through. */
export type Rhs = (t: number, y: Float64Array, out: Float64Array) => void;
