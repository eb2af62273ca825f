/**
 * Bad input: a value outside the documented domain of a field. The CLI prints the
 * message as one line and exits with code 2; library callers can catch it by type.
 * Its own class, not a RangeError: the CLI maps InputError (and commander's usage errors)
 * to exit 2 and everything else, InternalError and an engine's RangeError included, to 3.
 */
export class InputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "InputError";
    this.field = field;
  }
}

/** Throws an InputError unless `value` is a finite number. */
export function requireFinite(field: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InputError(field, `must be a finite number, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `value` is finite and strictly positive. */
export function requirePositive(field: string, value: number): number {
  requireFinite(field, value);
  if (!(value > 0)) throw new InputError(field, `must be > 0, got ${value}`);
  return value;
}

/** Throws unless `value` is an integer in [min, max]. */
export function requireInteger(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(field, `must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

/** Throws unless min < value < max (open interval). */
export function requireOpenInterval(
  field: string,
  value: number,
  min: number,
  max: number,
): number {
  requireFinite(field, value);
  if (!(value > min && value < max)) {
    throw new InputError(field, `must be in (${min}, ${max}), got ${value}`);
  }
  return value;
}
