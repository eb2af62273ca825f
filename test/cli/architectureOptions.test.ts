import { describe, expect, it } from "vitest";
import {
  architectureFromOptions,
  DEFAULT_DEPTH,
  DEFAULT_U0,
  minimumU0,
  smallInitMessage,
  smallInitNote,
} from "../../src/cli/architectureOptions.js";
import { thrownInputError as thrown } from "../helpers/thrownInputError.js";

describe("architectureFromOptions", () => {
  it("defaults: two layers, late fusion (Lf = L), u0 = 1e-6", () => {
    expect(DEFAULT_DEPTH).toBe(2);
    expect(DEFAULT_U0).toBe(1e-6);
    expect(architectureFromOptions({})).toEqual({ depth: 2, fusionLayer: 2, u0: 1e-6 });
    // The fusion default follows the given depth.
    expect(architectureFromOptions({ depth: "5" }).fusionLayer).toBe(5);
    expect(architectureFromOptions({ depth: "5", fusion: "1", u0: "0.5" })).toEqual({
      depth: 5,
      fusionLayer: 1,
      u0: 0.5,
    });
  });

  it("--depth: an integer in [1, 64], the error names the flag and the bound", () => {
    expect(architectureFromOptions({ depth: "1" }).depth).toBe(1);
    expect(architectureFromOptions({ depth: "64", u0: "0.1" }).depth).toBe(64);
    for (const bad of ["0", "65", "2.5", "-1"]) {
      const e = thrown(() => architectureFromOptions({ depth: bad }));
      expect(e.field).toBe("--depth");
      expect(e.message).toContain("[1, 64]");
    }
    expect(thrown(() => architectureFromOptions({ depth: "two" })).field).toBe("--depth");
  });

  it("--fusion: an integer in [1, L]", () => {
    const e = thrown(() => architectureFromOptions({ depth: "3", fusion: "4" }));
    expect(e.field).toBe("--fusion");
    expect(e.message).toContain("[1, 3]");
    expect(thrown(() => architectureFromOptions({ fusion: "0" })).field).toBe("--fusion");
  });

  it("--u0: in the open interval (0, 1)", () => {
    for (const bad of ["0", "1", "-0.1", "2"]) {
      expect(thrown(() => architectureFromOptions({ u0: bad })).field, bad).toBe("--u0");
    }
    expect(architectureFromOptions({ u0: "1e-300" }).u0).toBe(1e-300); // two layers: any u0
  });

  it("--u0 below 10^(−300/(L − 2)) at depth L ≥ 3 is refused (the plateau time overflows)", () => {
    // L = 4: the bound is 10^−150; 1e-151 is below it, 1e-149 above.
    const e = thrown(() => architectureFromOptions({ depth: "4", u0: "1e-151" }));
    expect(e.field).toBe("--u0");
    expect(e.message).toContain("1e-150");
    expect(e.message).toContain("--depth 4");
    expect(architectureFromOptions({ depth: "4", u0: "1e-149" }).u0).toBe(1e-149);
  });
});

describe("minimumU0", () => {
  it("is 10^(−300/(L − 2)) from three layers on and the smallest double below", () => {
    expect(minimumU0(1)).toBe(Number.MIN_VALUE);
    expect(minimumU0(2)).toBe(Number.MIN_VALUE);
    expect(minimumU0(3)).toBeCloseTo(1e-300, 310);
    expect(minimumU0(4)).toBeCloseTo(1e-150, 160);
    expect(minimumU0(32)).toBeCloseTo(1e-10, 20);
    // The plateau time at the bound, u0^(2−L)/(L − 2), is still a finite double.
    for (const L of [3, 4, 10, 64]) {
      const u0 = minimumU0(L);
      expect(Number.isFinite(u0 ** (2 - L) / (L - 2)), `L = ${L}`).toBe(true);
    }
  });
});

describe("smallInitNote", () => {
  it("is silent inside the small-init regime and names u0, the bound and the depth outside", () => {
    expect(smallInitNote(2, 1e-3)).toBeUndefined();
    expect(smallInitNote(3, 0.1)).toBeUndefined();
    const note = smallInitNote(2, 0.01);
    expect(note).toBe(smallInitMessage(2, 0.01, 1e-3));
    expect(note).toContain("u0 = 0.01");
    expect(note).toContain("u0 <= 0.001");
    expect(note).toContain("depth 2");
    expect(smallInitNote(4, 0.5)).toContain("u0 <= 0.1 at depth 4");
  });
});
