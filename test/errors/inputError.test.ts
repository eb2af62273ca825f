import { describe, expect, it } from "vitest";
import {
  InputError,
  requireFinite,
  requireInteger,
  requireOpenInterval,
  requirePositive,
} from "../../src/errors/inputError.js";

/** Calls `f`, expects an InputError and returns it (so the field can be checked). */
function inputErrorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError, nothing was thrown");
}

describe("InputError", () => {
  it("is its own Error (not a RangeError) carrying the field, with the field first in the message", () => {
    const error = new InputError("rho", "must be in (-1, 1), got 2");
    expect(error).toBeInstanceOf(Error);
    // An engine's RangeError (stack overflow, invalid array length) is never bad input.
    expect(error).not.toBeInstanceOf(RangeError);
    expect(error.name).toBe("InputError");
    expect(error.field).toBe("rho");
    expect(error.message).toBe("rho: must be in (-1, 1), got 2");
  });
});

describe("requireFinite", () => {
  it("returns finite numbers unchanged", () => {
    expect(requireFinite("x", -0.5)).toBe(-0.5);
    expect(requireFinite("x", 0)).toBe(0);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("rejects %d", (v) => {
    const error = inputErrorOf(() => requireFinite("sigmaA", v));
    expect(error.field).toBe("sigmaA");
    expect(error.message).toContain(String(v));
  });

  it("rejects a non-number smuggled past the types (e.g. from JSON)", () => {
    const error = inputErrorOf(() => requireFinite("u0", "0.1" as unknown as number));
    expect(error.field).toBe("u0");
  });
});

describe("requirePositive", () => {
  it("accepts the smallest positive double", () => {
    expect(requirePositive("u0", Number.MIN_VALUE)).toBe(Number.MIN_VALUE);
  });

  it.each([0, -0, -1, Number.NaN])("rejects %d naming the field", (v) => {
    expect(inputErrorOf(() => requirePositive("u0", v)).field).toBe("u0");
  });
});

describe("requireInteger", () => {
  it("accepts both ends of the closed range", () => {
    expect(requireInteger("depth", 1, 1, 64)).toBe(1);
    expect(requireInteger("depth", 64, 1, 64)).toBe(64);
  });

  it.each([0, 65, 2.5, Number.NaN])("rejects %d with the range in the message", (v) => {
    const error = inputErrorOf(() => requireInteger("depth", v, 1, 64));
    expect(error.field).toBe("depth");
    expect(error.message).toContain("[1, 64]");
  });
});

describe("requireOpenInterval", () => {
  it("accepts interior points", () => {
    expect(requireOpenInterval("rho", 0.999, -1, 1)).toBe(0.999);
  });

  it.each([1, -1, 1.5, Number.NaN])("rejects %d (end points excluded)", (v) => {
    const error = inputErrorOf(() => requireOpenInterval("rho", v, -1, 1));
    expect(error.field).toBe("rho");
  });
});
