import { describe, expect, it } from "vitest";
import { compileExpression, MAX_EXPRESSION_LENGTH } from "../../src/claims/expression.js";
import { InputError } from "../../src/errors/inputError.js";

const VARIABLES = ["sigmaA", "sigmaB", "rho", "u0"];

describe("compileExpression (ubias conjecture --predict)", () => {
  it("evaluates T2's toy form: σA = 2, σB = 1, ρ = 0.5 gives 1 + 3/0.75 = 5 (docs/theory.md T2)", () => {
    const e = compileExpression("1 + (sigmaA^2 - sigmaB^2)/(sigmaB^2*(1-rho^2))", VARIABLES);
    expect(e.variables).toEqual(["rho", "sigmaA", "sigmaB"]);
    expect(e.evaluate({ sigmaA: 2, sigmaB: 1, rho: 0.5, u0: 1e-6 })).toBeCloseTo(5, 14);
  });

  it("allows whitelisted functions, pi, comparisons and a ? b : c", () => {
    const e = compileExpression("rho > 0 ? log(1/u0) + sqrt(4) : max(1, pi)", VARIABLES);
    expect(e.evaluate({ rho: 1, u0: Math.exp(-3), sigmaA: 0, sigmaB: 0 })).toBeCloseTo(5, 12);
    expect(e.evaluate({ rho: -1, u0: 1, sigmaA: 0, sigmaB: 0 })).toBe(Math.PI);
  });

  const rejected: [string, RegExp][] = [
    ["import({}, {override: true})", /function import is not allowed/],
    ['createUnit("foo")', /function createUnit is not allowed/],
    ['evaluate("1")', /function evaluate is not allowed/],
    ['parse("1")', /function parse is not allowed/],
    ["f(x) = x", /function definition is not allowed/],
    ["sigmaA = 3", /assignment is not allowed/],
    ["(1 + 2", /cannot parse/],
    ["a.b", /property access/],
    ["sigmaA[1]", /property access or indexing/],
    ["[1,2]", /an array is not allowed/],
    ["{a: 1}", /an object is not allowed/],
    ["1:3", /a range is not allowed/],
    ["1; 2", /one expression/],
    ['"text"', /only numbers/],
    ["5 cm", /unknown name "cm"/],
    ["sigmaC", /unknown name "sigmaC"/],
    ["e", /Euler's number is exp\(1\)/],
    ["sigmaA'", /operator "'" is not allowed/],
    ["1 to cm", /operator "to" is not allowed/],
    ["sqrt", /a function: call it/],
    ["", /is empty/],
    [`1${"+1".repeat(MAX_EXPRESSION_LENGTH)}`, /the limit is 500/],
  ];
  for (const [text, message] of rejected) {
    it(`rejects ${JSON.stringify(text.slice(0, 40))} with a one-line InputError`, () => {
      let thrown: unknown;
      try {
        compileExpression(text, VARIABLES);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InputError);
      const error = thrown as InputError;
      expect(error.field).toBe("--predict");
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain("\n");
    });
  }

  it("a non-finite or complex value is an InputError naming the expression and the inputs", () => {
    const e = compileExpression("sqrt(rho)", VARIABLES);
    expect(() => e.evaluate({ rho: -1 })).toThrow(
      /"sqrt\(rho\)" is not a finite real number at rho=-1/,
    );
    const f = compileExpression("1/(rho - rho)", VARIABLES);
    expect(() => f.evaluate({ rho: 2 })).toThrow(InputError);
  });
});
