import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import { InternalError, required } from "../../src/errors/internalError.js";

describe("InternalError", () => {
  it("is an Error, not a RangeError or InputError (it maps to exit 3, never to bad input)", () => {
    const error = new InternalError("broken invariant");
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(RangeError);
    expect(error).not.toBeInstanceOf(InputError);
    expect(error.name).toBe("InternalError");
    expect(error.message).toBe("broken invariant");
  });
});

describe("required (a value the code's own logic guarantees)", () => {
  it("returns a present value, falsy ones included", () => {
    expect(required(0, "x")).toBe(0);
    expect(required("", "x")).toBe("");
    expect(required(false, "x")).toBe(false);
  });

  it("throws InternalError (exit 3, never bad input) naming what was missing", () => {
    expect(() => required(undefined, "a run of --repeats")).toThrow(InternalError);
    expect(() => required(null, "a run of --repeats")).toThrow("missing a run of --repeats");
  });
});
