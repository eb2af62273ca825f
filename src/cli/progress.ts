import type { CaseVerdict } from "../claims/claim.js";
import { withinTolerance } from "../claims/claim.js";
import type { ClaimResult } from "../claims/runner.js";
import { tableVerdict } from "../report/claimsTable.js";
import type { CliIo } from "./io.js";

/** Progress of one claim on stderr. */
export interface ClaimProgress {
  /** For `checkClaim`'s `onCase`. */
  readonly onCase: (index: number, verdict: CaseVerdict) => void;
  /** Replaces the live line by a final one. */
  readonly done: (result: ClaimResult) => void;
}

/** Redraw the live line at most this often (a cheap claim checks thousands of cases a second). */
const REDRAW_MS = 100;
/** ANSI: carriage return, then erase the whole line. */
const CLEAR_LINE = "\r\x1b[2K";

/**
 * On a terminal, a live line "T2  12/50 cases  1 failing" redrawn in place; elsewhere nothing
 * until the claim is done. Either way one final line per claim:
 * "T2: holds (50 cases, 3 out of domain, 0 failures, 12.34 s)".
 */
export function claimProgress(io: CliIo, id: string, total: number): ClaimProgress {
  let failing = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    onCase(index, verdict) {
      if (!withinTolerance(verdict)) failing++;
      if (!io.isTTY) return;
      const now = performance.now();
      if (now - lastDraw < REDRAW_MS && index < total) return;
      lastDraw = now;
      drawn = true;
      const shrinking = index >= total && failing > 0 ? ", shrinking the counterexample…" : "";
      io.stderr(`${CLEAR_LINE}${id}  ${index}/${total} cases  ${failing} failing${shrinking}`);
    },
    done(result) {
      const prefix = io.isTTY && drawn ? CLEAR_LINE : "";
      io.stderr(
        `${prefix}${result.id}: ${tableVerdict(result)} (${plural(result.casesRun, "case")}, ${result.outOfDomain} out of domain, ${plural(result.failures, "failure")}, ${result.seconds.toFixed(2)} s)\n`,
      );
    },
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
