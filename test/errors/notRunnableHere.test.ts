import { describe, expect, it } from "vitest";
import { isNotRunnableHere, NotRunnableHere } from "../../src/errors/notRunnableHere.js";

describe("NotRunnableHere", () => {
  it("is recognised by its global brand, also from another copy of the module", () => {
    expect(isNotRunnableHere(new NotRunnableHere("needs a ReLU network"))).toBe(true);
    // What a second copy of this module would make: another class, the same global symbol.
    const copy = new Error("needs vector targets");
    Object.defineProperty(copy, Symbol.for("ubias.NotRunnableHere"), { value: true });
    expect(isNotRunnableHere(copy)).toBe(true);
  });

  it("is not any other error, nor a look-alike by name", () => {
    expect(isNotRunnableHere(new Error("x"))).toBe(false);
    const named = new Error("x");
    named.name = "NotRunnableHere";
    expect(isNotRunnableHere(named)).toBe(false);
    expect(isNotRunnableHere(undefined)).toBe(false);
    expect(isNotRunnableHere("NotRunnableHere")).toBe(false);
  });
});
