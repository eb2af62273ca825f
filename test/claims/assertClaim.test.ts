import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertClaim, ClaimFailure, failureText } from "../../src/claims/assertClaim.js";
import { defineClaim } from "../../src/claims/claim.js";
import { DEFAULT_SEED } from "../../src/claims/runner.js";

/** n/100 against tolerance 5 on [0, 1000]: fails for n > 500, shrinks to 501. */
const overFive = (id: string) =>
  defineClaim({
    id,
    statement: "fixture: n/100 ≤ 5",
    domain: "integers 0 ≤ n ≤ 1000",
    tolerance: "5 absolute",
    arbitrary: fc.integer({ min: 0, max: 1000 }),
    defaultRuns: 30,
    check: (n: number) => ({ kind: "measured", error: n / 100, tolerance: 5, details: { n } }),
  });

const outOfDomain = defineClaim({
  id: "T96",
  statement: "fixture: never in the domain",
  domain: "none",
  tolerance: "—",
  arbitrary: fc.integer(),
  defaultRuns: 5,
  check: (n: number) => ({ kind: "out-of-domain", reason: "always", details: { n } }),
});

function failureOf(run: () => unknown): ClaimFailure {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ClaimFailure);
    return error as ClaimFailure;
  }
  throw new Error("expected a ClaimFailure");
}

describe("assertClaim", () => {
  it("returns the result of a claim that holds", () => {
    const small = defineClaim({
      ...overFive("T95"),
      check: (n: number) => ({ kind: "measured", error: n / 1000, tolerance: 5, details: { n } }),
    });
    const result = assertClaim(small, { runs: 5, seed: 1 });
    expect(result).toMatchObject({ id: "T95", holds: true, casesRun: 5 });
  });

  it("throws a ClaimFailure with the verdict, { seed, path } and the CLI replay", () => {
    const failure = failureOf(() => assertClaim(overFive("T94")));
    const { result } = failure;
    expect(result.holds).toBe(false);
    expect(result.counterexample?.case).toBe(501);
    const path = result.counterexample!.path;
    const lines = failure.message.split("\n");
    expect(lines[0]).toMatch(
      new RegExp(`^T94 fails: \\d+ of 30 cases fail \\(seed ${DEFAULT_SEED}\\)$`),
    );
    expect(failure.message).toContain('"error": 5.01');
    expect(failure.message).toContain(`replay with { seed: ${DEFAULT_SEED}, path: "${path}" }`);
    expect(failure.message).toContain(
      `or: npx ubias check --claim T94 --seed ${DEFAULT_SEED} --path ${path} [--claims <directory of the claim file>]`,
    );
    // The printed seed and path replay exactly the shrunk case.
    const replay = failureOf(() => assertClaim(overFive("T94"), { seed: DEFAULT_SEED, path }));
    expect(replay.result.casesRun).toBe(1);
    expect(replay.result.counterexample?.case).toBe(501);
  });

  it("a refuted conjecture is returned, unless refutationFails", () => {
    const result = assertClaim(overFive("U90"));
    expect(result).toMatchObject({ holds: false, conjecture: true });
    const failure = failureOf(() => assertClaim(overFive("U90"), { refutationFails: true }));
    expect(failure.message).toMatch(/^U90 is refuted: /);
  });

  it("a claim whose every case is out of its domain fails: it was not tested", () => {
    const failure = failureOf(() => assertClaim(outOfDomain, { seed: 2 }));
    expect(failure.message).toBe(
      "T96: all 5 cases were outside the claim's domain (seed 2): it was not tested",
    );
  });

  it("says so when the shrinking pass reproduced no counterexample", () => {
    const result = { ...assertClaim(overFive("U89")), counterexample: undefined };
    expect(failureText(result)).toMatch(/no counterexample was reproduced/);
  });
});
