import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPaperOrVectorStatistics } from "../../src/claims/arbitraries/paperOrVectorStatistics.js";
import { lateFusionDomain } from "../../src/claims/lateFusionDomain.js";
import type { NetworkCase } from "../../src/claims/twoLayerCase.js";
import { CLAIM_FLOW_RTOL, simulateCase, twoLayerLate } from "../../src/claims/twoLayerCase.js";
import { derive } from "../../src/statistics/derived.js";

// T2.vector's documented counterexample at seed 7 (fixtures/counterexamples/
// T2.vector-seed7-A-never-crossed.json; docs/theory.md T2.vector): a draw of the paper's random
// family (D = 10) near a tie (k = s_B/s_A = 0.86), inside T2's domain, where A's threshold
// ½‖W_A^uni‖ is never crossed. The saved-counterexamples test replays the verdict; this file
// shows why. A's fast phase ends at its rank-one point along Σ_yxA, s_A/(ûᵀΣ_Aû) (û = Σ_yxA/s_A),
// 13 % of ‖W_A^uni‖; the rest of W_A^uni is a slow creep along Σ_A's small directions, and B
// learns before it gets far. The run then ends at W^full, whose A block is shorter than
// ½‖W_A^uni‖: the threshold is never met, and the case is unmeasurable, not mis-timed.
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

describe("T2.vector at seed 7: A's threshold is never crossed inside T2's domain (documented counterexample)", () => {
  const stats = buildPaperOrVectorStatistics(FIXTURE.case.stats);
  const q = derive(stats);
  const dA = stats.dA;
  const norm = (v: readonly number[]) => Math.hypot(...v);
  const thresholdA = 0.5 * norm(q.wUniA);
  const fullA = norm(q.wFull.slice(0, dA));
  const fullB = norm(q.wFull.slice(dA));
  // A's rank-one point along Σ_yxA: c ûᵀ with c = s_A/(ûᵀΣ_Aû) minimises the loss on that line.
  const u = stats.sigmaYX.slice(0, dA).map((x) => x / q.sA);
  const uSigmaU = u.reduce(
    (sum, ui, i) => sum + ui * u.reduce((r, uj, j) => r + stats.sigma[i]![j]! * uj, 0),
    0,
  );
  const rankOne = q.sA / uSigmaU;

  /** The run, and ‖W_A^tot‖ at the last sample where B is still below 1 % of ‖W_B^full‖. */
  const run = (net: NetworkCase) => {
    const simulated = simulateCase(stats, net, false, undefined, CLAIM_FLOW_RTOL);
    const beforeB = simulated.run.samples.filter((s) => norm(s.totalMap.slice(dA)) < 0.01 * fullB);
    return { ...simulated, aBeforeB: norm(beforeB.at(-1)!.totalMap.slice(0, dA)) };
  };

  it("is a T2.vector case inside T2's domain, on the paper's random family", () => {
    expect(FIXTURE.claim).toBe("T2.vector");
    expect(stats.label).toMatch(/^random family D=10/);
    const net = twoLayerLate(FIXTURE.case.u0, FIXTURE.case.init);
    expect(lateFusionDomain(stats, net).inDomain).toBe(true);
  });

  it("W_A^full is shorter than A's threshold, and A's rank-one point far shorter", () => {
    expect(fullA).toBeLessThan(0.8 * thresholdA);
    expect(rankOne).toBeLessThan(0.3 * thresholdA);
  });

  it("the saved case: A's fast phase ends at its rank-one point, B learns, A ends at W_A^full", () => {
    const { run: r, times, aBeforeB } = run(twoLayerLate(FIXTURE.case.u0, FIXTURE.case.init));
    expect(r.status).toBe("completed");
    expect(times.tA).toBeNaN();
    expect(Number.isFinite(times.tB)).toBe(true);
    expect(Math.abs(aBeforeB / rankOne - 1)).toBeLessThan(0.05);
    expect(Math.abs(norm(r.final.totalMap.slice(0, dA)) / fullA - 1)).toBeLessThan(0.01);
    expect(Math.max(...r.samples.map((s) => norm(s.totalMap.slice(0, dA))))).toBeLessThan(
      thresholdA,
    );
  });

  it("not the Gaussian draw: balanced init of width 1 fails the same way", () => {
    const net: NetworkCase = {
      ...twoLayerLate(FIXTURE.case.u0, { kind: "balanced", width: 1, seed: 0 }),
    };
    const { times, aBeforeB } = run(net);
    expect(times.tA).toBeNaN();
    expect(aBeforeB).toBeLessThan(1.05 * rankOne);
  });
});
