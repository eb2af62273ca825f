import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPaperOrVectorStatistics } from "../../src/claims/arbitraries/paperOrVectorStatistics.js";
import { lateFusionDomain } from "../../src/claims/lateFusionDomain.js";
import { CLAIM_FLOW_RTOL, simulateCase, twoLayerLate } from "../../src/claims/twoLayerCase.js";
import { derive } from "../../src/statistics/derived.js";

// T2.vector's documented counterexample at seed 7 (fixtures/counterexamples/
// T2.vector-seed7-A-never-crossed.json; docs/theory.md T2.vector): a draw of the paper's random
// family (D = 10) near a tie (k = s_B/s_A = 0.86) inside T2's domain where A's threshold
// ½‖W_A^uni‖ is never crossed. The saved-counterexamples test replays the verdict; this file
// shows why: W_A^full is shorter than that threshold, and A goes straight to W_A^full (its
// norm never exceeds ‖W_A^full‖ by more than 0.4 %), so there is no unimodal phase to time.
const FIXTURE = JSON.parse(
  readFileSync(
    new URL("../../fixtures/counterexamples/T2.vector-seed7-A-never-crossed.json", import.meta.url),
    "utf8",
  ),
) as {
  claim: string;
  case: {
    stats: Parameters<typeof buildPaperOrVectorStatistics>[0];
    u0: number;
    init: Parameters<typeof twoLayerLate>[1];
  };
};

describe("T2.vector at seed 7: no unimodal phase inside T2's domain (documented counterexample)", () => {
  const stats = buildPaperOrVectorStatistics(FIXTURE.case.stats);
  const net = twoLayerLate(FIXTURE.case.u0, FIXTURE.case.init);
  const q = derive(stats);
  const norm = (v: readonly number[]) => Math.hypot(...v);
  const thresholdA = 0.5 * norm(q.wUniA);
  const fullA = norm(q.wFull.slice(0, stats.dA));

  it("is a T2.vector case inside T2's domain, on the paper's random family", () => {
    expect(FIXTURE.claim).toBe("T2.vector");
    expect(stats.label).toMatch(/^random family D=10/);
    expect(lateFusionDomain(stats, net).inDomain).toBe(true);
  });

  it("has W_A^full shorter than A's threshold ½‖W_A^uni‖", () => {
    expect(fullA).toBeLessThan(0.8 * thresholdA);
  });

  it("A never reaches its threshold: it goes straight to W_A^full while B learns", () => {
    const { run, times } = simulateCase(stats, net, false, undefined, CLAIM_FLOW_RTOL);
    expect(run.status).toBe("completed");
    expect(times.tA).toBeNaN();
    expect(Number.isFinite(times.tB)).toBe(true);
    const largestA = Math.max(...run.samples.map((s) => norm(s.totalMap.slice(0, stats.dA))));
    expect(largestA).toBeLessThan(1.004 * fullA);
    expect(largestA).toBeLessThan(thresholdA);
  });
});
