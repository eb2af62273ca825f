import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertClaim, ClaimFailure } from "../../src/claims/assertClaim.js";
import type { ShardClaimResult } from "../../src/claims/mergeShards.js";
import { mergeClaimShards } from "../../src/claims/mergeShards.js";
import type { ClaimResult } from "../../src/claims/runner.js";
import { checkClaim } from "../../src/claims/runner.js";
import type { StatisticalClaimSpec } from "../../src/claims/statisticalClaim.js";
import { defineStatisticalClaim } from "../../src/claims/statisticalClaim.js";
import { InputError } from "../../src/errors/inputError.js";
import { claimsTable, tableVerdict } from "../../src/report/claimsTable.js";

/**
 * A coin with known bias from the trial's draw u = n/10⁶, n uniform in 0..999 999 (no bias:
 * fast-check's doubles are not uniform in value): heads when u < bias. The event
 * rates are then exact (0.1 and 0.9 up to fast-check's double generation), so what each
 * hypothesis should give at n trials is known without a simulation.
 */
const spec: StatisticalClaimSpec<number> = {
  id: "U80",
  statement: "a 0.9 coin shows heads more often than a 0.1 coin",
  domain: "u uniform in [0, 1)",
  event: "heads",
  arms: [
    { name: "0.1", trial: (u) => u < 0.1 },
    { name: "0.9", trial: (u) => ({ event: u < 0.9, details: { u } }) },
  ],
  hypotheses: [
    { smaller: "0.1", larger: "0.9" },
    { arm: "0.9", atLeast: 0.5 },
    { arm: "0.1", atMost: 0.5 },
  ],
  confidence: 0.95,
  arbitrary: fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1e6),
  defaultTrials: 60,
  source: "the coins' biases",
};
const coins = defineStatisticalClaim(spec);
const SEED = 7;

function comparable(result: ClaimResult): string {
  const { seconds: _, shard: __, ...rest } = result;
  return JSON.stringify(rest);
}

describe("defineStatisticalClaim through the runner", () => {
  it("holds on the true statement: counts, intervals and verdict in the result", () => {
    const result = checkClaim(coins, { seed: SEED });
    expect(result.holds).toBe(true);
    expect(result.casesRun).toBe(60);
    const s = result.statistical!;
    expect(s.verdict).toBe("holds");
    expect(s.arms.map((a) => a.trials)).toEqual([60, 60]);
    // The event counts are the tags: the arm's name per trial with the event.
    expect(s.arms.map((a) => a.events)).toEqual([result.tags["0.1"] ?? 0, result.tags["0.9"]]);
    expect(s.arms[0]!.events).toBeLessThan(15);
    expect(s.arms[1]!.events).toBeGreaterThan(45);
    expect(tableVerdict(result)).toBe("supported");
    expect(claimsTable([result])).toMatch(/0\.1: \d+\/60 \[[\d.e-]+, [\d.]+\]; 0\.9: \d+\/60/);
  });

  it("refutes the opposite statement with the same trials", () => {
    const opposite = defineStatisticalClaim({
      ...spec,
      id: "U80.opposite",
      hypotheses: [{ arm: "0.9", atMost: 0.5 }],
    });
    const result = checkClaim(opposite, { seed: SEED });
    expect(result.statistical!.verdict).toBe("refuted");
    expect(result.holds).toBe(false);
    expect(tableVerdict(result)).toBe("refuted");
    // As a theorem (T series) the refutation is a failure.
    const theorem = defineStatisticalClaim({
      ...spec,
      id: "T80",
      hypotheses: [{ arm: "0.9", atMost: 0.5 }],
    });
    const failed = checkClaim(theorem, { seed: SEED });
    expect(tableVerdict(failed)).toBe("FAILS");
    expect(() => assertClaim(theorem, { seed: SEED })).toThrow(ClaimFailure);
    expect(() => assertClaim(theorem, { seed: SEED })).toThrow(
      /refuted; event: heads\np\(0\.9\) ≤ 0\.5: refuted/,
    );
  });

  it("is inconclusive when the trials cannot decide (too few), and does not hold", () => {
    const result = checkClaim(coins, { seed: SEED, runs: 3 });
    expect(result.statistical!.verdict).toBe("inconclusive");
    expect(result.holds).toBe(false);
    expect(tableVerdict(result)).toBe("inconclusive");
  });

  it("the same seed gives the same trials and counts; --path replays one trial", () => {
    const verdicts: unknown[] = [];
    const first = checkClaim(coins, { seed: SEED, onCase: (_, v) => verdicts.push(v) });
    expect(comparable(checkClaim(coins, { seed: SEED }))).toBe(comparable(first));
    const replay = checkClaim(coins, { seed: SEED, path: "17" });
    expect(replay.casesRun).toBe(1);
    const events = (verdicts[17] as { events: string[] }).events;
    expect(replay.statistical!.arms.map((a) => a.events)).toEqual(
      ["0.1", "0.9"].map((arm) => (events.includes(arm) ? 1 : 0)),
    );
  });

  it("an unmeasurable trial is a failure with a shrunk counterexample, not an event", () => {
    const broken = defineStatisticalClaim({
      ...spec,
      id: "T81",
      arms: [
        ...spec.arms,
        { name: "broken", trial: (u) => (u > 0.5 ? { unmeasurable: "diverged" } : false) },
      ],
    });
    const result = checkClaim(broken, { seed: SEED });
    expect(result.holds).toBe(false);
    expect(result.failures).toBeGreaterThan(0);
    expect(result.counterexample?.verdict).toMatchObject({
      kind: "unmeasurable",
      reason: "broken: diverged",
    });
    expect(tableVerdict(result)).toBe("FAILS");
  });

  it("merged shards give the unsharded result, verdict re-judged on the summed counts", () => {
    const whole = checkClaim(coins, { seed: SEED });
    for (const n of [2, 3, 7]) {
      const parts = Array.from(
        { length: n },
        (_, i) =>
          checkClaim(coins, { seed: SEED, shard: { index: i + 1, count: n } }) as ShardClaimResult,
      );
      expect(comparable(mergeClaimShards(parts)), `${n} shards`).toBe(comparable(whole));
    }
  });
});

describe("defineStatisticalClaim's input checks (one line, the field and the bound)", () => {
  const bad = (patch: Partial<StatisticalClaimSpec<number>>) => () =>
    defineStatisticalClaim({ ...spec, ...patch });
  it("rejects a bad design", () => {
    expect(bad({ confidence: 1 })).toThrow(InputError);
    expect(bad({ confidence: 1 })).toThrow(/U80: confidence.*\(0, 1\)/);
    expect(bad({ arms: [] })).toThrow(/at least one arm/);
    expect(bad({ arms: [spec.arms[0]!, spec.arms[0]!] })).toThrow(/distinct/);
    expect(bad({ hypotheses: [] })).toThrow(/at least one hypothesis/);
    expect(bad({ hypotheses: [{ arm: "0.5", atLeast: 0.1 }] })).toThrow(/names the arm "0.5"/);
    expect(bad({ hypotheses: [{ arm: "0.1", atLeast: 1.5 }] })).toThrow(/probabilities/);
    expect(bad({ hypotheses: [{ arm: "0.1", within: [0.6, 0.4] }] })).toThrow(/low ≤ high/);
  });
});
