import { describe, expect, it } from "vitest";
import {
  NOTE_TOPIC,
  type NoteCode,
  type NoteTopic,
  smallInitBound,
  smallInitCaution,
} from "../../src/experiment/notes.js";

/**
 * Every note code with the topic it is about, written out from the ExperimentNote union's
 * documentation. `satisfies` makes a code added to the union without an entry here a type
 * error (tsc), and the test below fails if NOTE_TOPIC files one under another topic.
 */
const EXPECTED_TOPIC = {
  "outside-small-init": "domain",
  "one-sided-branches": "domain",
  "no-population": "generalisation",
  "xor-target-not-linear": "generalisation",
  "relu-eg-final-only": "generalisation",
  "relu-eg-needs-two-layers": "generalisation",
  "xor-no-phase-times": "times",
} as const satisfies Record<NoteCode, NoteTopic>;

describe("NOTE_TOPIC", () => {
  it("has exactly one entry per note code, each with the topic the code is about", () => {
    expect(Object.keys(NOTE_TOPIC).sort()).toEqual(Object.keys(EXPECTED_TOPIC).sort());
    for (const [code, topic] of Object.entries(EXPECTED_TOPIC)) {
      expect(NOTE_TOPIC[code as NoteCode], code).toBe(topic);
    }
  });

  it("every E_g note is filed under generalisation, every phase-time note under times", () => {
    // By meaning of the codes: "eg" / population / linear-target notes explain a missing E_g.
    for (const code of Object.keys(NOTE_TOPIC) as NoteCode[]) {
      if (code.includes("-eg-") || code === "no-population" || code === "xor-target-not-linear")
        expect(NOTE_TOPIC[code], code).toBe("generalisation");
      if (code.includes("phase-times")) expect(NOTE_TOPIC[code], code).toBe("times");
    }
  });
});

describe("smallInitBound", () => {
  it("is 1e-3 for one and two layers and 0.1 from three layers on (the claims' u0 ranges)", () => {
    expect(smallInitBound(1)).toBe(1e-3);
    expect(smallInitBound(2)).toBe(1e-3);
    expect(smallInitBound(3)).toBe(0.1);
    expect(smallInitBound(4)).toBe(0.1);
    expect(smallInitBound(12)).toBe(0.1);
  });
});

describe("smallInitCaution", () => {
  it("is silent up to and including the bound (u0 ≤ bound is inside the regime)", () => {
    expect(smallInitCaution(2, 1e-6)).toBeUndefined();
    expect(smallInitCaution(2, 1e-3)).toBeUndefined();
    expect(smallInitCaution(3, 0.1)).toBeUndefined();
    // 0.05 is outside the two-layer regime but inside the deep one.
    expect(smallInitCaution(4, 0.05)).toBeUndefined();
  });

  it("notes a u0 just past the bound, with the depth, u0 and the bound it exceeded", () => {
    const justAbove = 1e-3 * (1 + Number.EPSILON);
    expect(smallInitCaution(2, justAbove)).toEqual({
      code: "outside-small-init",
      depth: 2,
      u0: justAbove,
      bound: 1e-3,
    });
    expect(smallInitCaution(3, 0.3)).toEqual({
      code: "outside-small-init",
      depth: 3,
      u0: 0.3,
      bound: 0.1,
    });
    expect(smallInitCaution(1, 0.05)?.bound).toBe(1e-3);
  });

  it("cautions about a u0 that is not a number rather than calling it small", () => {
    expect(smallInitCaution(2, Number.NaN)?.code).toBe("outside-small-init");
  });
});
