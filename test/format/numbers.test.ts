import { describe, expect, it } from "vitest";
import { formatNumber, formatPercent, formatSignificant } from "../../src/format/numbers.js";

describe("formatNumber", () => {
  it.each([
    [5, "5"],
    [2.763102111592855, "2.7631"],
    [1e-6, "1e-6"],
    [-1.5e7, "-1.5e7"],
    [0, "0"],
    [0.375, "0.375"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "∞"],
    [Number.NEGATIVE_INFINITY, "-∞"],
  ])("%d → %s", (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });
});

describe("formatPercent", () => {
  it("gives 3 significant digits", () => {
    expect(formatPercent(0.00906)).toBe("0.906%");
    expect(formatPercent(0.02)).toBe("2.00%");
    expect(formatPercent(-0.0526)).toBe("-5.26%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(Number.NaN)).toBe("NaN");
  });
});

describe("formatSignificant", () => {
  it("keeps zeros and writes exponents without '+'", () => {
    expect(formatSignificant(0.0123456)).toBe("0.0123");
    expect(formatSignificant(5)).toBe("5.00");
    expect(formatSignificant(1.5e-7)).toBe("1.50e-7");
    expect(formatSignificant(2.5e21)).toBe("2.50e21");
  });
});
