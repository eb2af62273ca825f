import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import {
  architectureOf,
  fusionArchitecture,
  fusionKind,
  MAX_DEPTH,
  MAX_WIDTH,
} from "../../src/network/architecture.js";

const BASE = { depth: 3, fusionLayer: 2, width: 4, dA: 1, dB: 2 };

describe("fusionArchitecture", () => {
  it("returns the fields with the linear activation by default", () => {
    expect(fusionArchitecture(BASE)).toEqual({ ...BASE, activation: "linear" });
  });

  it("accepts the extremes L = 1, Lf = L, MAX_DEPTH, MAX_WIDTH", () => {
    expect(fusionArchitecture({ ...BASE, depth: 1, fusionLayer: 1 }).depth).toBe(1);
    expect(fusionArchitecture({ ...BASE, fusionLayer: 3 }).fusionLayer).toBe(3);
    expect(fusionArchitecture({ ...BASE, depth: MAX_DEPTH }).depth).toBe(MAX_DEPTH);
    expect(fusionArchitecture({ ...BASE, width: MAX_WIDTH }).width).toBe(MAX_WIDTH);
  });

  it.each([
    ["depth", { depth: 0 }],
    ["depth", { depth: MAX_DEPTH + 1 }],
    ["fusion", { fusionLayer: 0 }],
    ["fusion", { fusionLayer: 4 }],
    ["width", { width: 0 }],
    ["width", { width: 2.5 }],
    ["dA", { dA: 0 }],
    ["dB", { dB: -1 }],
    ["activation", { activation: "tanh" }],
  ])("rejects a bad %s, naming the field", (field, patch) => {
    try {
      fusionArchitecture({ ...BASE, ...patch } as Parameters<typeof fusionArchitecture>[0]);
      expect.unreachable("should have thrown");
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
    }
  });
});

describe("fusionKind", () => {
  it("Lf = 1 is early (also at L = 1), Lf = L ≥ 2 late, otherwise intermediate", () => {
    expect(fusionKind({ depth: 1, fusionLayer: 1 })).toBe("early");
    expect(fusionKind({ depth: 4, fusionLayer: 1 })).toBe("early");
    expect(fusionKind({ depth: 4, fusionLayer: 2 })).toBe("intermediate");
    expect(fusionKind({ depth: 4, fusionLayer: 4 })).toBe("late");
  });
});

describe("architectureOf", () => {
  it("takes depth, fusion and width from the shape and the input sizes from the data", () => {
    const shape = { depth: 3, fusionLayer: 2, width: 4 };
    expect(architectureOf(shape, { dA: 1, dB: 2 })).toEqual(fusionArchitecture(BASE));
    expect(architectureOf(shape, { dA: 1, dB: 2 }, "relu").activation).toBe("relu");
  });

  it("passes unequal branch depths on only when the shape has them (X4)", () => {
    const shape = { depth: 3, fusionLayer: 3, width: 4, branchDepths: { A: 1, B: 2 } };
    expect(architectureOf(shape, { dA: 1, dB: 2 }).branchDepths).toEqual({ A: 1, B: 2 });
    expect(
      architectureOf({ depth: 3, fusionLayer: 3, width: 4 }, { dA: 1, dB: 2 }),
    ).not.toHaveProperty("branchDepths");
  });

  it("validates through fusionArchitecture (the field named)", () => {
    expect(() => architectureOf({ depth: 2, fusionLayer: 3, width: 4 }, { dA: 1, dB: 1 })).toThrow(
      /fusion/,
    );
  });
});
