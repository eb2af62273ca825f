import type { CaseDetails, CaseVerdict } from "./claim.js";
import type { DomainReason } from "./domainReason.js";
import { domainReasonText } from "./domainReason.js";

/**
 * Builders of CaseVerdict (src/claims/claim.ts), so that a claim file states what it
 * compares instead of spelling out the object. Each builds exactly the object written by
 * hand before (same fields, same order, absent optional fields left out), so that
 * `ubias check --json` is unchanged.
 */

export type OutOfDomainVerdict = Extract<CaseVerdict, { kind: "out-of-domain" }>;
export type MeasuredVerdict = Extract<CaseVerdict, { kind: "measured" }>;
export type UnmeasurableVerdict = Extract<CaseVerdict, { kind: "unmeasurable" }>;

/** The case lies outside the claim's domain, for the reason coded (printed as DOMAIN_REASON_TEXT). */
export function outOfDomain(reason: DomainReason, details: CaseDetails): OutOfDomainVerdict {
  return { kind: "out-of-domain", reason: domainReasonText(reason), details };
}

/**
 * Out of domain for a reason that is the claim author's own text: a user conjecture's
 * `outOfDomain` (defineConjecture), printed as given. Catalogue claims use a code (outOfDomain).
 */
export function outOfDomainText(text: string, details: CaseDetails): OutOfDomainVerdict {
  return { kind: "out-of-domain", reason: text, details };
}

/**
 * The simulation could not measure (a failure, not a pass); `reason` says what it lacked.
 *
 * @example
 * ```ts
 * import { unmeasurable, withinTolerance } from "ubias/claims";
 *
 * const verdict = unmeasurable("threshold not reached (step-budget)", { u0: 1e-6 });
 * verdict.kind; // → "unmeasurable"
 * withinTolerance(verdict); // → false
 * ```
 */
export function unmeasurable(reason: string, details: CaseDetails): UnmeasurableVerdict {
  return { kind: "unmeasurable", reason, details };
}

/** The fields of a measured verdict: error, tolerance (relative or not), tags and the printed details. */
export interface MeasuredFields {
  readonly error: number;
  readonly tolerance: number;
  readonly relative?: boolean;
  readonly tags?: readonly string[];
  readonly details: CaseDetails;
}

/**
 * A measured error against its tolerance, as the claim computed both.
 *
 * @example
 * ```ts
 * import { measured, withinTolerance } from "ubias/claims";
 *
 * const verdict = measured({ error: 0.01, tolerance: 0.05, relative: true, details: { u0: 1e-6 } });
 * verdict.kind; // → "measured"
 * withinTolerance(verdict); // → true
 * ```
 */
export function measured(fields: MeasuredFields): MeasuredVerdict {
  return {
    kind: "measured",
    error: fields.error,
    tolerance: fields.tolerance,
    ...(fields.relative !== undefined ? { relative: fields.relative } : {}),
    ...(fields.tags !== undefined ? { tags: fields.tags } : {}),
    details: fields.details,
  };
}

/**
 * (measured − predicted)/predicted.
 *
 * @example
 * ```ts
 * import { relativeError } from "ubias/claims";
 *
 * relativeError(5.1, 5); // ≈ 0.0200
 * relativeError(4, 5); // ≈ -0.200
 * ```
 */
export function relativeError(measured: number, predicted: number): number {
  return (measured - predicted) / predicted;
}

/**
 * A measured quantity against its prediction: error (measured − predicted)/predicted,
 * a relative tolerance.
 *
 * @example
 * ```ts
 * import { compared } from "ubias/claims";
 *
 * const verdict = compared({ predicted: 5, measured: 5.1, tolerance: 0.05, details: {} });
 * verdict.error; // ≈ 0.0200
 * verdict.relative; // → true
 * ```
 */
export function compared(fields: {
  readonly predicted: number;
  readonly measured: number;
  readonly tolerance: number;
  readonly tags?: readonly string[];
  readonly details: CaseDetails;
}): MeasuredVerdict {
  return measured({
    error: relativeError(fields.measured, fields.predicted),
    tolerance: fields.tolerance,
    relative: true,
    ...(fields.tags !== undefined ? { tags: fields.tags } : {}),
    details: fields.details,
  });
}

/** A condition that must hold exactly: `violation` (0 when it holds, |violation| otherwise) against tolerance 0. */
export function exact(fields: {
  readonly violation: number;
  readonly tags?: readonly string[];
  readonly details: CaseDetails;
}): MeasuredVerdict {
  return measured({
    error: fields.violation,
    tolerance: 0,
    ...(fields.tags !== undefined ? { tags: fields.tags } : {}),
    details: fields.details,
  });
}
