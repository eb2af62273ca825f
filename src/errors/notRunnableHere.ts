/**
 * A claim that cannot run in this setting at all, as opposed to a case that fails: e.g. it
 * needs a ReLU network while the measurements run on an external simulator whose protocol
 * carries linear networks only (src/measurement/backend.ts). The claim runner reports the
 * claim as skipped with this reason (src/claims/runner.ts); it is neither a pass nor a
 * failure, and no case of it counts.
 */
export class NotRunnableHere extends Error {
  override readonly name: string = "NotRunnableHere";
}
