import { InputError, requireInteger } from "../errors/inputError.js";

/**
 * Parsing of option values. Every function names the option in its error (`--u0: must be
 * a number, got "abc"`), which the CLI prints as one line and exits with code 2.
 */

/**
 * A finite number written in decimal or exponent notation ("0.5", "1e-6", "-2").
 * Empty strings, "NaN", "Infinity" and trailing garbage ("1x") are rejected.
 */
export function parseNumber(field: string, raw: string): number {
  const text = raw.trim();
  const value = text === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new InputError(field, `must be a finite number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** An integer in [min, max]. */
export function parseInteger(field: string, raw: string, min: number, max: number): number {
  return requireInteger(field, parseNumber(field, raw), min, max);
}

/** One of a fixed set of words. */
export function parseChoice<T extends string>(
  field: string,
  raw: string,
  choices: readonly T[],
): T {
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new InputError(field, `must be one of ${choices.join(", ")}, got ${JSON.stringify(raw)}`);
}

/** A number with a default when the option was not given. */
export function optionalNumber(field: string, raw: string | undefined, fallback: number): number {
  return raw === undefined ? fallback : parseNumber(field, raw);
}
