import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaseVerdict, Claim } from "../../src/claims/claim.js";
import { checkClaim, DEFAULT_SEED } from "../../src/claims/runner.js";
import { NotRunnableHere } from "../../src/errors/notRunnableHere.js";
import { tableVerdict } from "../../src/report/claimsTable.js";

const SEED = 20240527;

/**
 * A cheap synthetic claim over n ∈ [0, 99]: multiples of 7 are out of domain (reason by
 * residue of 2), otherwise the "error" is n/100 against tolerance `tolerance`.
 * Every checked case is recorded, in order, so the test can recount independently.
 */
function syntheticClaim(tolerance: number, seen: number[] = []): Claim<number> {
  return {
    id: "T99.synthetic",
    statement: "n/100 stays within the tolerance",
    domain: "n in [0, 99], not a multiple of 7",
    tolerance: `${tolerance} (synthetic)`,
    arbitrary: fc.integer({ min: 0, max: 99 }),
    defaultRuns: 40,
    check(n: number): CaseVerdict {
      seen.push(n);
      if (n % 7 === 0)
        return { kind: "out-of-domain", reason: n % 2 === 0 ? "even7" : "odd7", details: { n } };
      return { kind: "measured", error: n / 100, tolerance, relative: true, details: { n } };
    },
  };
}

describe("checkClaim", () => {
  it("counts cases, out-of-domain reasons and failures like an independent recount", () => {
    const seen: number[] = [];
    const claim = syntheticClaim(0.5, seen);
    const indices: number[] = [];
    const result = checkClaim(claim, { seed: SEED, runs: 60, onCase: (i) => indices.push(i) });
    const firstPass = seen.slice(0, 60);
    const ood = firstPass.filter((n) => n % 7 === 0);
    const failing = firstPass.filter((n) => n % 7 !== 0 && n / 100 > 0.5);
    expect(result.casesRun).toBe(60);
    expect(result.runs).toBe(60);
    expect(indices).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(result.outOfDomain).toBe(ood.length);
    expect(result.outOfDomainReasons).toEqual(
      Object.fromEntries(
        ["even7", "odd7"]
          .map(
            (r) => [r, ood.filter((n) => (n % 2 === 0 ? "even7" : "odd7") === r).length] as const,
          )
          .filter(([, count]) => count > 0),
      ),
    );
    expect(result.failures).toBe(failing.length);
    expect(result.holds).toBe(failing.length === 0);
    // The worst in-domain case is the largest n that is not a multiple of 7.
    const worstN = Math.max(...firstPass.filter((n) => n % 7 !== 0));
    expect(result.worst).toEqual({
      error: worstN / 100,
      tolerance: 0.5,
      relative: true,
      details: { n: worstN },
    });
    expect(result.seed).toBe(SEED);
    expect(result.id).toBe("T99.synthetic");
    expect(result.seconds).toBeGreaterThanOrEqual(0);
  });

  it("holds, with no counterexample and no second pass, when every case passes", () => {
    const seen: number[] = [];
    const result = checkClaim(syntheticClaim(1, seen), { seed: SEED });
    expect(result.runs).toBe(40); // the claim's defaultRuns
    expect(result.holds).toBe(true);
    expect(result.failures).toBe(0);
    expect(result.counterexample).toBeUndefined();
    expect(seen).toHaveLength(40);
  });

  it("shrinks a failure to the smallest failing case and gives a replay path that reproduces it", () => {
    const claim = syntheticClaim(0.5);
    const result = checkClaim(claim, { seed: SEED, runs: 100 });
    expect(result.holds).toBe(false);
    const cx = result.counterexample!;
    // fc.integer shrinks toward 0; the smallest n with n/100 > 0.5 that is in the domain
    // (not a multiple of 7) is 51.
    expect(cx.verdict).toEqual({
      kind: "measured",
      error: 0.51,
      tolerance: 0.5,
      relative: true,
      details: { n: 51 },
    });
    expect(cx.shrinks).toBeGreaterThan(0);
    expect(cx.replay).toBe(
      `npx ubias check --claim T99.synthetic --seed ${SEED} --path ${cx.path}`,
    );

    const seen: number[] = [];
    const replay = checkClaim(syntheticClaim(0.5, seen), { seed: SEED, path: cx.path });
    expect(seen[0]).toBe(51);
    expect(replay.casesRun).toBe(1);
    expect(replay.failures).toBe(1);
    expect(replay.holds).toBe(false);
    expect(replay.counterexample?.verdict).toEqual(cx.verdict);
  });

  it("turns an exception inside check into an unmeasurable failure with the message", () => {
    const claim: Claim<number> = {
      ...syntheticClaim(1),
      check(n: number): CaseVerdict {
        if (n > 10) throw new Error(`boom at ${n}`);
        return { kind: "measured", error: 0, tolerance: 1, details: {} };
      },
    };
    const result = checkClaim(claim, { seed: SEED, runs: 30 });
    expect(result.holds).toBe(false);
    expect(result.failures).toBeGreaterThan(0);
    const verdict = result.counterexample!.verdict;
    // Shrunk to the smallest throwing case.
    expect(verdict).toEqual({
      kind: "unmeasurable",
      reason: "exception: boom at 11",
      details: { case: 11 },
    });
  });

  it("reports a thrown non-Error by its string form", () => {
    const claim: Claim<number> = {
      ...syntheticClaim(1),
      check(): CaseVerdict {
        throw "plain string";
      },
    };
    const result = checkClaim(claim, { seed: SEED, runs: 3 });
    expect(result.counterexample?.verdict).toMatchObject({ reason: "exception: plain string" });
  });

  it("ranks a NaN error as the worst case", () => {
    const claim: Claim<number> = {
      ...syntheticClaim(1),
      check(n: number): CaseVerdict {
        return {
          kind: "measured",
          error: n === 0 ? Number.NaN : 0.001,
          tolerance: 1,
          details: { n },
        };
      },
    };
    const result = checkClaim(
      { ...claim, arbitrary: fc.constantFrom(1, 0, 2) },
      { seed: SEED, runs: 20 },
    );
    expect(result.worst?.error).toBeNaN();
    expect(result.holds).toBe(false);
  });

  it("exports the suite's default seed", () => {
    expect(DEFAULT_SEED).toBe(20240527);
  });
});

describe("shrink budget", () => {
  it("stops shrinking after the claim's budget of checks and still reports a replayable case", () => {
    // Failing region n ≥ 51 of [0, 99]: unbounded shrinking walks down to 51.
    const unbounded = checkClaim(syntheticClaim(0.505), { seed: SEED, runs: 40 });
    const seen: number[] = [];
    const bounded = checkClaim(
      { ...syntheticClaim(0.505, seen), shrinkBudget: 2 },
      { seed: SEED, runs: 40 },
    );
    expect(unbounded.counterexample?.case).toBe(51);
    // Pass 1 (40 checks) + the failing case + at most 2 shrink candidates + the re-check of
    // the reported case for its verdict.
    expect(seen.length).toBeLessThanOrEqual(40 + 1 + 2 + 1);
    const found = bounded.counterexample!;
    expect(found.shrinks).toBeLessThanOrEqual(2);
    const replayed = checkClaim(syntheticClaim(0.505), {
      seed: SEED,
      path: found.path,
    });
    expect(replayed.failures).toBe(1);
    expect(replayed.counterexample?.case).toBe(found.case);
  });
});

describe("time budget (check --budget, issue 15 item 6)", () => {
  /** The synthetic claim with every check taking `ms` of wall time (busy wait). */
  function slowClaim(ms: number, seen: number[]): Claim<number> {
    const claim = syntheticClaim(1, seen);
    return {
      ...claim,
      check(n: number) {
        const until = performance.now() + ms;
        while (performance.now() < until) {
          // busy: the case's cost
        }
        return claim.check(n);
      },
    };
  }

  it("starts no case after the budget: the first cases of the seeded run, and says so", () => {
    const seen: number[] = [];
    const cut = checkClaim(slowClaim(20, seen), { seed: SEED, runs: 40, budgetSeconds: 0.1 });
    // 40 cases of 20 ms need 0.8 s; the budget lets about 5 start (at least 1: the first case
    // starts before any time has passed).
    expect(cut.casesRun).toBeGreaterThanOrEqual(1);
    expect(cut.casesRun).toBeLessThan(40);
    expect(cut.budget).toEqual({ seconds: 0.1 });
    expect(cut.runs).toBe(40);
    const full: number[] = [];
    checkClaim(syntheticClaim(1, full), { seed: SEED, runs: 40 });
    expect(seen).toEqual(full.slice(0, seen.length));
  });

  it("a run that finishes inside its budget carries no budget field", () => {
    const result = checkClaim(syntheticClaim(1), { seed: SEED, runs: 40, budgetSeconds: 60 });
    expect(result.casesRun).toBe(40);
    expect(result.budget).toBeUndefined();
  });

  it("a failure found inside the budget is still shrunk and replayable", () => {
    const result = checkClaim(syntheticClaim(0.505), { seed: SEED, runs: 40, budgetSeconds: 30 });
    expect(result.holds).toBe(false);
    expect(result.counterexample?.case).toBe(51);
  });
});

describe("a claim that cannot run here (NotRunnableHere)", () => {
  it("is skipped with the reason: neither holds by passing cases nor fails", () => {
    let calls = 0;
    const claim = {
      id: "U90",
      statement: "needs a ReLU network",
      domain: "any n",
      tolerance: "none",
      arbitrary: fc.integer({ min: 0, max: 10 }),
      defaultRuns: 20,
      check: (): never => {
        calls++;
        throw new NotRunnableHere("needs a ReLU network, which the protocol does not carry");
      },
    };
    const result = checkClaim(claim, { seed: 1 });
    expect(result.skipped).toBe("needs a ReLU network, which the protocol does not carry");
    expect(result.casesRun).toBe(0);
    expect(result.failures).toBe(0);
    expect(result.counterexample).toBeUndefined();
    expect(tableVerdict(result)).toBe("skipped");
    // It stops at the first case: the other 19 are not attempted.
    expect(calls).toBe(1);
  });
});
