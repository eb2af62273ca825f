import { describe, expect, it } from "vitest";
import type { DomainReason } from "../../src/claims/domainReason.js";
import { DOMAIN_REASON_TEXT, domainReasonText } from "../../src/claims/domainReason.js";

describe("DOMAIN_REASON_TEXT", () => {
  it("prints each code as `ubias check` has always printed it (outOfDomainReasons keys)", () => {
    // The JSON field outOfDomainReasons is keyed by these texts: they must not change.
    const printed: Record<string, string> = {
      tie: "tie",
      "no-B-solution": "no-B-solution",
      "directions-apart": "directions-apart",
      "B-excursion": "B-excursion",
      "unresolved-phase": "unresolved-phase",
      "balanced-init-degenerate": "balanced-init-degenerate",
      "A-reversal": "A-reversal",
      "below-double-precision": "below-double-precision",
      "signs-apart": "signs-apart",
    };
    for (const [code, text] of Object.entries(printed))
      expect(domainReasonText(code as DomainReason)).toBe(text);
  });

  it("gives distinct codes distinct texts (else their counts would merge)", () => {
    const texts = Object.values(DOMAIN_REASON_TEXT);
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) expect(text).toMatch(/^[A-Za-z][\w-]*$/);
  });
});
