/** The brand isNotRunnableHere reads: a global symbol, the same in every copy of this module. */
const BRAND = Symbol.for("ubias.NotRunnableHere");

/**
 * A claim that cannot run in this setting at all, as opposed to a case that fails: e.g. it
 * needs a ReLU network while the measurements run on an external simulator whose protocol
 * carries linear networks only (src/measurement/backend.ts). The claim runner reports the
 * claim as skipped with this reason (src/claims/runner.ts); it is neither a pass nor a
 * failure, and no case of it counts.
 */
export class NotRunnableHere extends Error {
  override readonly name: string = "NotRunnableHere";
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * Whether `error` is a NotRunnableHere, also when it comes from another copy of ubias's
 * modules (a claim file that resolved ubias to another install): by the global brand, not by
 * class identity.
 */
export function isNotRunnableHere(error: unknown): error is NotRunnableHere {
  return typeof error === "object" && error !== null && Object.hasOwn(error, BRAND) === true;
}
