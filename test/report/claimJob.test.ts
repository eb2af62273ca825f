import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/claims/catalogue.js";
import type { ClaimResult } from "../../src/claims/runner.js";
import { checkClaim } from "../../src/claims/runner.js";
import { runPool } from "../../src/parallel/workerPool.js";
import { CLAIM_SOURCE, claimJob } from "../../src/report/claimJob.js";
import { FIXTURE_CLAIMS } from "../cli/runCli.js";

/** A result without its run time (the only field that may differ between runs). */
function timeless(result: ClaimResult) {
  const { seconds: _, ...rest } = result;
  return rest;
}

describe("claim jobs (one claim per job, for the report's worker pool)", () => {
  it("a job gives the result of checkClaim on that claim", async () => {
    const [t98] = (await loadCatalogue(FIXTURE_CLAIMS)).filter((c) => c.id === "T98");
    const direct = checkClaim(t98!, { seed: 5, runs: 12 });
    const viaJob = await claimJob("T98").runJob({ dir: FIXTURE_CLAIMS, seed: 5, runs: 12 });
    expect(timeless(viaJob as unknown as ClaimResult)).toEqual(timeless(direct));
    expect(direct.casesRun).toBe(12);
  });

  it("an unknown claim is an error naming it", async () => {
    await expect(claimJob("T0").runJob({ dir: FIXTURE_CLAIMS, seed: 1 })).rejects.toThrow(
      `no claim T0 in ${FIXTURE_CLAIMS}`,
    );
  });

  it("claims checked in worker threads equal those checked here, in the same order", async () => {
    const jobs = ["T98", "T99"].map((key) => ({
      source: "claim",
      key,
      input: { dir: FIXTURE_CLAIMS, seed: 3 },
    }));
    const sources = { claim: CLAIM_SOURCE };
    const here = await runPool(jobs, { sources, threads: 1 });
    const workers = await runPool(jobs, { sources, threads: 2 });
    const results = (outcomes: typeof here) =>
      outcomes.map((o) => timeless(o.result as unknown as ClaimResult));
    expect(results(workers)).toEqual(results(here));
    expect(results(here).map((r) => [r.id, r.holds])).toEqual([
      ["T98", true],
      ["T99", false],
    ]);
  });
});
