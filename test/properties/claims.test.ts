import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/claims/catalogue.js";
import type { ClaimResult } from "../../src/claims/runner.js";
import { statisticalLines } from "../../src/claims/statisticalVerdict.js";
import { PROPERTIES_DIR } from "../../src/cli/propertiesDir.js";
import { toJson } from "../../src/format/json.js";
import { defaultThreads } from "../../src/parallel/threads.js";
import { runPool } from "../../src/parallel/workerPool.js";
import type { ClaimJobInput } from "../../src/report/claimJob.js";
import { CLAIM_SOURCE } from "../../src/report/claimJob.js";

// The same claim definitions that `ubias check` runs, from the suite seed (UBIAS_SEED,
// fixed in vitest.config.ts). A failure prints the shrunk counterexample and its replay command.
//
// They are checked as `ubias check` checks them: one job per claim on the worker pool, every
// core (issue 16 item 4). In this file's own thread, under the coverage's instrumentation,
// the catalogue's numerics ran 2-3× slower (T2.limit 4.0 s against 1.3 s) and the file was
// the suite's longest after the README examples; the claims' code is covered by its own unit
// tests. Results do not depend on the thread count (test/parallel, test/cli/checkCommand).
const seed = Number(process.env.UBIAS_SEED);
const claims = await loadCatalogue(PROPERTIES_DIR);

describe(`claims catalogue (seed ${seed})`, () => {
  const results = new Map<string, ClaimResult>();
  beforeAll(async () => {
    const input: ClaimJobInput = { dir: PROPERTIES_DIR, seed };
    const outcomes = await runPool(
      claims.map((claim) => ({ source: "claim", key: claim.id, input })),
      { sources: { claim: CLAIM_SOURCE }, threads: defaultThreads() },
    );
    for (const [i, outcome] of outcomes.entries())
      results.set(claims[i]!.id, outcome.result as unknown as ClaimResult);
  });

  it("has the claims of the two-layer core", () => {
    const ids = claims.map((c) => c.id);
    for (const id of ["T1", "T2", "T2.small-init", "T2.convergence", "T3", "T8", "T9"])
      expect(ids).toContain(id);
  });

  for (const claim of claims) {
    it(`${claim.id}: ${claim.statement}`, () => {
      const result = results.get(claim.id)!;
      expect(result.id).toBe(claim.id);
      const report = result.counterexample
        ? `counterexample ${JSON.stringify(toJson(result.counterexample.verdict))}\nreplay: ${result.counterexample.replay}`
        : "";
      if (result.conjecture) {
        // A conjecture may be refuted (a finding, stated in the README); a refutation must come
        // with its shrunk counterexample so that it can be replayed.
        if (!result.holds && result.statistical === undefined)
          expect(
            result.counterexample,
            `${claim.id} refuted without a counterexample`,
          ).toBeDefined();
        console.info(`${claim.id}: ${result.holds ? "supported" : `refuted — ${report}`}`);
      } else {
        expect(result.failures, report).toBe(0);
        // A statistical claim has no failing case when its intervals refute it: its verdict.
        if (result.statistical)
          expect(result.holds, statisticalLines(result.statistical).join("\n")).toBe(true);
      }
      // A claim whose every case fell outside its domain would pass vacuously.
      expect(result.casesRun - result.outOfDomain, `${claim.id} measured no case`).toBeGreaterThan(
        0,
      );
    });
  }
});
