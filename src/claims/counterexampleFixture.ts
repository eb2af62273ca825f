import type { Json } from "../format/json.js";
import { toJson } from "../format/json.js";
import type { ClaimResult } from "./runner.js";

/**
 * Saved counterexamples (`--save-counterexample`): the claim, the seed and fast-check path
 * that replay it, the shrunk case and its verdict. test/properties/savedCounterexamples.test.ts
 * replays every file of this format under fixtures/counterexamples/ and checks that it still
 * fails the same way. Hand-written fixtures there (no "format" field) have their own tests.
 * No date is stored: saving the same failure twice writes the same bytes.
 */
export const COUNTEREXAMPLE_FORMAT = "ubias-counterexample/1";

/** Where the claim comes from, so that the replay can rebuild it. */
export type CounterexampleSource =
  /**
   * A catalogue claim; propertiesDir relative to the repository root, absent for properties/;
   * claimsDir: the user's `--claims` directory (same convention), absent without one.
   */
  | { readonly kind: "catalogue"; readonly propertiesDir?: string; readonly claimsDir?: string }
  /** `ubias conjecture`: the options that define the claim (predict, measure, domain, ...). */
  | { readonly kind: "conjecture"; readonly conjecture: Readonly<Record<string, string | number>> };

export interface CounterexampleFixture {
  readonly format: typeof COUNTEREXAMPLE_FORMAT;
  readonly claim: string;
  readonly statement: string;
  readonly source: CounterexampleSource;
  readonly seed: number;
  readonly path: string;
  /** numRuns of the failing check (the replay uses it with the path). */
  readonly runs: number;
  /** The shrunk generated case. */
  readonly case: Json;
  /** Its verdict when saved (kind, reason or error/tolerance, details). */
  readonly verdict: Json;
  /** The command that replays it. */
  readonly replay: string;
  readonly ubiasVersion: string;
  /**
   * The external simulator the failing runs went through (`check --simulator`, issue 15), with
   * its per-case limit; absent for the built-in simulator. The replay needs the same one.
   */
  readonly simulator?: SimulatorRecord;
}

/** Which external simulator ran (docs/simulator-protocol.md): its command and per-case limit. */
export interface SimulatorRecord {
  readonly command: string;
  readonly timeoutSeconds: number;
}

/** The fixture of a failing result; undefined when the result has no counterexample. */
export function counterexampleFixture(
  result: ClaimResult,
  source: CounterexampleSource,
  replay: string,
  ubiasVersion: string,
  simulator?: SimulatorRecord,
): CounterexampleFixture | undefined {
  const counterexample = result.counterexample;
  if (!counterexample) return undefined;
  return {
    format: COUNTEREXAMPLE_FORMAT,
    claim: result.id,
    statement: result.statement,
    source,
    seed: result.seed,
    path: counterexample.path,
    runs: result.runs,
    case: toJson(counterexample.case),
    verdict: toJson(counterexample.verdict),
    replay,
    ubiasVersion,
    ...(simulator ? { simulator } : {}),
  };
}

/** True for a parsed JSON file written by `counterexampleFixture`. */
export function isCounterexampleFixture(value: unknown): value is CounterexampleFixture {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { format?: unknown }).format === COUNTEREXAMPLE_FORMAT
  );
}
