/** The brand isUnmeasurableRun reads: a global symbol, the same in every copy of this module. */
const BRAND = Symbol.for("ubias.UnmeasurableRun");

/**
 * One training run that gave no measurement, for a reason outside the run itself: an external
 * simulator crashed, hung past its per-case limit, answered malformed JSON, the wrong id, NaN
 * or a wrong shape (docs/simulator-protocol.md). The case is unmeasurable and the command goes
 * on (a claim counts it as a failure; a validity map marks the cell), unlike a broken
 * invariant of ubias itself (InternalError, exit 3).
 */
export class UnmeasurableRun extends Error {
  override readonly name: string = "UnmeasurableRun";
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * Whether `error` is an UnmeasurableRun, also from another copy of ubias's modules (a claim
 * file that resolved ubias to another install): by the global brand, not by class identity.
 */
export function isUnmeasurableRun(error: unknown): error is UnmeasurableRun {
  return typeof error === "object" && error !== null && Object.hasOwn(error, BRAND) === true;
}
