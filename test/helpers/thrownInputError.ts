import { expect } from "vitest";
import { InputError } from "../../src/errors/inputError.js";

/** The InputError `f` throws, for checks on its field and message (fails if none is thrown). */
export function thrownInputError(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError");
}
