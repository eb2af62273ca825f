import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/claims/catalogue.js";
import { checkClaim } from "../../src/claims/runner.js";
import { statisticalLines } from "../../src/claims/statisticalVerdict.js";
import { PROPERTIES_DIR } from "../../src/cli/propertiesDir.js";
import { toJson } from "../../src/format/json.js";

// The same claim definitions that `ubias check` runs, from the suite seed (UBIAS_SEED,
// fixed in vitest.config.ts). A failure prints the shrunk counterexample and its replay command.
const seed = Number(process.env.UBIAS_SEED);
const claims = await loadCatalogue(PROPERTIES_DIR);

describe(`claims catalogue (seed ${seed})`, () => {
  it("has the claims of the two-layer core", () => {
    const ids = claims.map((c) => c.id);
    for (const id of ["T1", "T2", "T2.small-init", "T2.convergence", "T3", "T8", "T9"])
      expect(ids).toContain(id);
  });

  for (const claim of claims) {
    it(`${claim.id}: ${claim.statement}`, () => {
      const result = checkClaim(claim, { seed });
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
