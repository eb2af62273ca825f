/**
 * T8 — which modality is learned first (docs/theory.md T8): in late fusion it is the one with the
 * larger ‖Σ_yxm‖, which need not be the one whose unimodal solution lowers the loss more
 * (superficial preference). The generator mixes the toy family with a family built to show
 * superficial preference (independent-ish modalities, A: large variance and small weight).
 *
 * The order is a claim only where T2 resolves a unimodal phase: where T2's own error bound
 * (src/claims/t2Law.ts) is below the predicted phase (T2 − 1)/T2; otherwise "unresolved-phase".
 */
import fc from "fast-check";
import { initScale, networkInit, toyParameters, uniform } from "../src/claims/arbitraries/index.js";
import { defineClaim } from "../src/claims/claim.js";
import { crossedByExcursion, lateFusionDomain } from "../src/claims/lateFusionDomain.js";
import { CLAIM_FLOW_RTOL, simulateCase, twoLayerLate } from "../src/claims/twoLayerCase.js";
import { outOfDomain, unmeasurable } from "../src/claims/verdict.js";
import { orient } from "../src/statistics/derived.js";
import { fromToy } from "../src/statistics/toy.js";
import { modalityOrder } from "../src/theory/modalityOrder.js";

/** Superficial-preference family: s_A = w_A σ_A² > s_B = w_B σ_B² while ℒ(M_A) > ℒ(M_B) for most draws. */
const superficialToy = fc
  .record({
    sigmaA: uniform(1.5, 3),
    rho: uniform(-0.2, 0.2),
    wA: uniform(0.3, 0.6),
    wB: uniform(1, 1.6),
  })
  .map((p) => ({ ...p, sigmaB: 1 }));

export const T8 = defineClaim({
  id: "T8",
  statement:
    "Late fusion learns first the modality with the larger ‖Σ_yxm‖, even when it is the worse one alone",
  domain:
    "toy family (teacher (1,1) or random) plus a superficial-preference family; L = Lf = 2, u0 ∈ [1e-12, 1e-6], balanced or Gaussian width 1-32, flow; T2's phase resolved",
  tolerance: "exact: the first threshold crossed must be the faster modality's (error 0 or 1)",
  arbitrary: fc.record({
    toy: fc.oneof(toyParameters(), toyParameters({ teacher: "random" }), {
      arbitrary: superficialToy,
      weight: 2,
    }),
    u0: initScale({ max: 1e-6 }),
    init: networkInit(),
  }),
  defaultRuns: 40,
  check: ({ toy, u0, init }) => {
    const { stats, swapped } = orient(fromToy(toy));
    const order = modalityOrder(stats);
    const net = twoLayerLate(u0, init);
    const domain = lateFusionDomain(stats, net);
    const base = { stats: stats.label, ...net, swapped, superficial: order.superficial };
    if (!domain.inDomain) {
      return outOfDomain(domain.reason, { ...domain.details, ...base });
    }
    const { times, run } = simulateCase(stats, net, false, undefined, CLAIM_FLOW_RTOL);
    if (crossedByExcursion(stats, run)) return outOfDomain("B-excursion", base);
    const details = {
      ...base,
      firstMeasured: times.firstModality,
      firstPredicted: order.first,
      tA: times.tA,
      tB: times.tB,
      status: run.status,
    };
    if (times.firstModality === undefined)
      return unmeasurable(`no threshold reached (${run.status})`, details);
    return {
      kind: "measured",
      error: times.firstModality === order.first ? 0 : 1,
      tolerance: 0,
      details,
      ...(order.superficial ? { tags: ["superficial"] } : {}),
    };
  },
});
