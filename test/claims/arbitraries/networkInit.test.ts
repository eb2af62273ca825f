import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { networkInit } from "../../../src/claims/arbitraries/networkInit.js";
import { reaches, sampleTwice } from "../../helpers/arbitrary.js";

describe("networkInit", () => {
  test.prop([networkInit()])(
    "kind ∈ {balanced, gaussian}, width ∈ [1, 32], seed a 31-bit natural",
    (n) => {
      expect(["balanced", "gaussian"]).toContain(n.kind);
      expect(Number.isInteger(n.width)).toBe(true);
      expect(n.width).toBeGreaterThanOrEqual(1);
      expect(n.width).toBeLessThanOrEqual(32);
      expect(Number.isInteger(n.seed)).toBe(true);
      expect(n.seed).toBeGreaterThanOrEqual(0);
      expect(n.seed).toBeLessThanOrEqual(0x7fffffff);
    },
  );

  test.prop([networkInit({ maxWidth: 3, kinds: ["gaussian"] })])(
    "respects maxWidth and kinds",
    (n) => {
      expect(n.kind).toBe("gaussian");
      expect(n.width).toBeLessThanOrEqual(3);
    },
  );

  it("reaches both kinds and both width bounds", () => {
    const arb = networkInit();
    expect(reaches(arb, (n) => n.kind === "balanced")).toBe(true);
    expect(reaches(arb, (n) => n.kind === "gaussian")).toBe(true);
    expect(reaches(arb, (n) => n.width === 1)).toBe(true);
    expect(reaches(arb, (n) => n.width === 32)).toBe(true);
  });

  it("shrinks to balanced, width 1, seed 0", () => {
    const r = fc.check(
      fc.property(networkInit(), () => false),
      { seed: 1 },
    );
    expect(r.counterexample![0]).toEqual({ kind: "balanced", width: 1, seed: 0 });
  });

  it("is deterministic for a seed", () => {
    const [a, b] = sampleTwice(networkInit());
    expect(a).toEqual(b);
  });
});
