import { describe, expect, it } from "vitest";
import { withinTolerance } from "../../src/claims/claim.js";
import { DOMAIN_REASON_TEXT } from "../../src/claims/domainReason.js";
import {
  compared,
  exact,
  measured,
  outOfDomain,
  outOfDomainText,
  relativeError,
  unmeasurable,
} from "../../src/claims/verdict.js";

// The builders must produce the objects claim files wrote by hand: `ubias check --json`
// prints them (counterexample verdicts), so fields and their order are compared as JSON.
describe("verdict builders", () => {
  it("outOfDomain carries the code's printed text and the details", () => {
    const v = outOfDomain("B-excursion", { u0: 1e-6 });
    expect(JSON.stringify(v)).toBe(
      '{"kind":"out-of-domain","reason":"B-excursion","details":{"u0":0.000001}}',
    );
    expect(v.reason).toBe(DOMAIN_REASON_TEXT["B-excursion"]);
    expect(outOfDomain("tie", {}).reason).toBe("tie");
    expect(withinTolerance(v)).toBe(true);
  });

  it("outOfDomainText keeps a user's own reason verbatim", () => {
    expect(outOfDomainText("my reason (x < 0)", {}).reason).toBe("my reason (x < 0)");
  });

  it("unmeasurable is a failure with its reason", () => {
    const v = unmeasurable("threshold not reached (max-steps)", { a: 1 });
    expect(JSON.stringify(v)).toBe(
      '{"kind":"unmeasurable","reason":"threshold not reached (max-steps)","details":{"a":1}}',
    );
    expect(withinTolerance(v)).toBe(false);
  });

  it("measured: kind, error, tolerance, relative, tags, details in that order; absent fields left out", () => {
    expect(JSON.stringify(measured({ details: { d: 1 }, tolerance: 0.1, error: 0.05 }))).toBe(
      '{"kind":"measured","error":0.05,"tolerance":0.1,"details":{"d":1}}',
    );
    const full = measured({ tags: ["t"], relative: true, details: {}, tolerance: 1, error: 2 });
    expect(JSON.stringify(full)).toBe(
      '{"kind":"measured","error":2,"tolerance":1,"relative":true,"tags":["t"],"details":{}}',
    );
    expect("relative" in measured({ error: 0, tolerance: 1, details: {} })).toBe(false);
    expect(withinTolerance(full)).toBe(false);
  });

  it("compared: relative error (measured − predicted)/predicted against a relative tolerance", () => {
    const v = compared({ predicted: 2, measured: 2.1, tolerance: 0.04, details: { x: 0 } });
    expect(v.error).toBe(relativeError(2.1, 2));
    expect(v.error).toBeCloseTo(0.05, 14);
    expect(v.relative).toBe(true);
    expect(withinTolerance(v)).toBe(false);
    expect(withinTolerance({ ...v, tolerance: 0.06 })).toBe(true);
    expect(Object.keys(v)).toEqual(["kind", "error", "tolerance", "relative", "details"]);
    expect(relativeError(1.5, -1)).toBe(-2.5);
  });

  it("exact: tolerance 0, holds only at violation 0", () => {
    const held = exact({ violation: 0, details: {} });
    expect(held.tolerance).toBe(0);
    expect(withinTolerance(held)).toBe(true);
    expect(withinTolerance(exact({ violation: 1e-300, details: {} }))).toBe(false);
    expect(Object.keys(exact({ violation: 0, tags: ["a"], details: {} }))).toEqual([
      "kind",
      "error",
      "tolerance",
      "tags",
      "details",
    ]);
  });
});
