import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import { InternalError } from "../../src/errors/internalError.js";

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
