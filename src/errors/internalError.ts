/**
 * A broken internal invariant: a state the code's own logic rules out (a stiff leg not
 * continued, a layout that does not match its network). Never the user's fault: the CLI
 * prints it as "ubias: internal error: …" with a request for a bug report and exits with
 * code 3. Bad input is InputError (exit 2); any other exception (a RangeError included) is
 * also internal.
 */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InternalError";
  }
}

/**
 * `value` when it is present; an InternalError naming `what` when it is undefined or null.
 * For values the code's own logic guarantees (where a non-null assertion would let a broken
 * invariant surface later as "cannot read properties of undefined").
 */
export function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new InternalError(`missing ${what}`);
  return value;
}
