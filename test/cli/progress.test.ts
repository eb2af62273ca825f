import { describe, expect, it } from "vitest";
import type { CaseVerdict } from "../../src/claims/claim.js";
import type { ClaimResult } from "../../src/claims/runner.js";
import type { CliIo } from "../../src/cli/io.js";
import { claimProgress } from "../../src/cli/progress.js";

const CLEAR = "\r\x1b[2K";

function capture(isTTY: boolean): CliIo & { err: string[] } {
  const err: string[] = [];
  return { stdout: () => {}, stderr: (s) => err.push(s), isTTY, err };
}

const pass: CaseVerdict = { kind: "measured", error: 0.01, tolerance: 0.05, details: {} };
const fail: CaseVerdict = { kind: "measured", error: 0.2, tolerance: 0.05, details: {} };
const outside: CaseVerdict = { kind: "out-of-domain", reason: "tie", details: {} };

function result(patch: Partial<ClaimResult>): ClaimResult {
  return {
    id: "T2",
    holds: true,
    conjecture: false,
    casesRun: 50,
    outOfDomain: 3,
    failures: 0,
    seconds: 12.3456,
    ...patch,
  } as ClaimResult;
}

describe("claimProgress", () => {
  it("off a terminal: nothing until done, then one final line", () => {
    const io = capture(false);
    const p = claimProgress(io, "T2", 50);
    p.onCase(1, pass);
    p.onCase(2, fail);
    expect(io.err).toEqual([]);
    p.done(result({}));
    expect(io.err).toEqual(["T2: holds (50 cases, 3 out of domain, 0 failures, 12.35 s)\n"]);
  });

  it("singular nouns for one case and one failure; FAILS for a failing claim", () => {
    const io = capture(false);
    claimProgress(io, "T2", 1).done(
      result({ casesRun: 1, failures: 1, holds: false, outOfDomain: 0 }),
    );
    expect(io.err).toEqual(["T2: FAILS (1 case, 0 out of domain, 1 failure, 12.35 s)\n"]);
  });

  it("on a terminal: a live line redrawn in place, counting failing cases", () => {
    const io = capture(true);
    const p = claimProgress(io, "T2", 3);
    p.onCase(1, fail);
    expect(io.err).toEqual([`${CLEAR}T2  1/3 cases  1 failing`]);
    // Within 100 ms of the last draw a case before the last is not redrawn…
    p.onCase(2, outside);
    expect(io.err).toHaveLength(1);
    // …but the last one is, and with a failure it announces the shrinking.
    p.onCase(3, pass);
    expect(io.err[1]).toBe(`${CLEAR}T2  3/3 cases  1 failing, shrinking the counterexample…`);
    p.done(result({ holds: false, failures: 1 }));
    expect(io.err[2]!.startsWith(`${CLEAR}T2: FAILS (`)).toBe(true);
  });

  it("an out-of-domain case is not failing; an unmeasurable one is", () => {
    const io = capture(true);
    const p = claimProgress(io, "X1", 2);
    p.onCase(1, outside);
    p.onCase(2, { kind: "unmeasurable", reason: "diverged", details: {} });
    expect(io.err.at(-1)).toBe(`${CLEAR}X1  2/2 cases  1 failing, shrinking the counterexample…`);
  });

  it("a terminal line that was never drawn is not cleared", () => {
    const io = capture(true);
    claimProgress(io, "T2", 5).done(result({}));
    expect(io.err[0]!.startsWith("T2: holds")).toBe(true);
  });
});
