import { describe, expect, it } from "vitest";
import { theoremsHold } from "../../src/claims/claimResult.js";
import type { ClaimResult } from "../../src/claims/runner.js";

const r = (holds: boolean, conjecture: boolean) => ({ holds, conjecture }) as ClaimResult;

describe("theoremsHold", () => {
  it("fails on a failing theorem only: a refuted conjecture is a result", () => {
    expect(theoremsHold([r(true, false), r(false, true)])).toBe(true);
    expect(theoremsHold([r(true, false), r(false, false)])).toBe(false);
    expect(theoremsHold([])).toBe(true);
  });
});
