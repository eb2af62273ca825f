import { InputError, requireInteger } from "../errors/inputError.js";

/**
 * Parsing of option values. Every function names the option in its error (`--u0: must be
 * a number, got "abc"`), which the CLI prints as one line and exits with code 2.
 */

/**
 * Decimal or exponent notation only. `Number()` alone would also take "0x2", "0b1", "0o7"
 * and "1_0"-free but surprising forms; a number on the command line is written in decimal.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A finite number written in decimal or exponent notation ("0.5", "1e-6", "-2").
 * Empty strings, "NaN", "Infinity", hexadecimal ("0x2"), trailing garbage ("1x") and
 * values that overflow a double ("1e400") are rejected.
 */
export function parseNumber(field: string, raw: string): number {
  const text = raw.trim();
  if (!DECIMAL.test(text)) {
    throw new InputError(
      field,
      `must be a finite number in decimal notation (e.g. 0.5, 1e-6), got ${JSON.stringify(raw)}`,
    );
  }
  const value = Number(text);
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

/**
 * An integer in [min, max], or `fallback` when the option was not given (the fallback is
 * not checked against the bounds: it is the command's own default, or undefined).
 */
export function optionalInteger<F extends number | undefined>(
  field: string,
  raw: string | undefined,
  min: number,
  max: number,
  fallback: F,
): number | F {
  return raw === undefined ? fallback : parseInteger(field, raw, min, max);
}

/** A number with a default when the option was not given. */
export function optionalNumber(field: string, raw: string | undefined, fallback: number): number {
  return raw === undefined ? fallback : parseNumber(field, raw);
}

/**
 * Largest first index of a replay path: fast-check generates every case before it (one
 * value each, no check), so 1e9 would take hours; 1e6 takes seconds at most. A path
 * printed by ubias names a case among the runs, which are at most 1e6 for conjectures and
 * far fewer in the catalogue's defaults.
 */
export const MAX_PATH_INDEX = 1_000_000;
/**
 * Most steps of a replay path: its first index and one per shrink step. The runner's
 * shrinking budget (src/claims/runner.ts) keeps printed paths to a few hundred steps.
 */
export const MAX_PATH_STEPS = 1000;

/** Bad input as an error message quotes it: JSON-quoted, cut after 40 characters. */
export function shownInput(raw: string): string {
  return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
}

/**
 * A fast-check replay path as ubias prints it: non-negative decimal integers separated by
 * colons ("375:0:0:14"), the first at most MAX_PATH_INDEX, at most MAX_PATH_STEPS of them.
 */
export function parseReplayPath(field: string, raw: string): string {
  if (!/^\d+(:\d+)*$/.test(raw)) {
    throw new InputError(
      field,
      `must be non-negative integers separated by colons, as printed by a failure (e.g. 12:0:3), got ${shownInput(raw)}`,
    );
  }
  const steps = raw.split(":");
  if (steps.length > MAX_PATH_STEPS) {
    throw new InputError(field, `has ${steps.length} steps, at most ${MAX_PATH_STEPS}`);
  }
  if (Number(steps[0]) > MAX_PATH_INDEX) {
    throw new InputError(field, `first index must be <= ${MAX_PATH_INDEX}, got ${steps[0]}`);
  }
  if (steps.some((s) => Number(s) > Number.MAX_SAFE_INTEGER)) {
    throw new InputError(field, "has a step index beyond 2^53");
  }
  return raw;
}
