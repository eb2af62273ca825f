import { afterAll, describe, expect, it } from "vitest";
import { phaseTimes } from "../../src/measurement/phaseTimes.js";
import { simulate, simulateExternally } from "../../src/measurement/simulation.js";
import type { InitialisationSpec } from "../../src/network/initialisation.js";
import { fromToy } from "../../src/statistics/toy.js";
import { ExternalSimulator } from "../../src/training/external/protocol.js";
import { hasNumpy } from "../helpers/python.js";

const NUMPY = hasNumpy();
if (!NUMPY)
  console.log("skipped: the NumPy adapter needs python3 with numpy (Debian: python3-numpy)");

/**
 * The reference adapter examples/simulators/numpy.py against the built-in simulation, same
 * statistics, same initial weights (sent in the request), same thresholds: both integrate
 * the same gradient flow adaptively (DOPRI5 at the built-in rtol 1e-10, which the request
 * carries) and locate the crossings on DOPRI5's dense output. Measured on these six cases:
 * |Δt/t| ≤ 2.2e-10. Tolerance 1e-8, the accuracy the built-in flow promises for t_A and t_B at
 * that rtol (gradientFlow DEFAULT_FLOW_RTOL): a wrong gradient term, a swapped block, an
 * ignored init or a crossing read at the step's end moves the times far beyond it
 * (docs/simulator-protocol.md, the bug table).
 */
const REL_TOL = 1e-8;

describe.skipIf(!NUMPY)("simulateExternally through the NumPy reference adapter", () => {
  const simulator = new ExternalSimulator("python3 examples/simulators/numpy.py", 60_000);
  afterAll(() => simulator.close());
  const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 });
  const inits: InitialisationSpec[] = [
    { kind: "gaussian", u0: 1e-6, seed: 0 },
    { kind: "balanced", u0: 1e-6 },
  ];
  const nets = [
    [2, 2],
    [2, 1],
    [3, 2],
  ] as const;

  it("says what it can do", () => {
    expect(simulator.capabilities()).toEqual({
      methods: ["flow", "gd"],
      activations: ["linear"],
      data: ["population"],
      plateau: true,
      trajectory: false,
    });
  });

  for (const init of inits) {
    for (const [depth, fusionLayer] of nets) {
      it(`${init.kind} init, L = ${depth}, Lf = ${fusionLayer}: t_A and t_B as the built-in run's`, () => {
        const spec = {
          stats,
          depth,
          fusionLayer,
          width: 8,
          init,
          method: { kind: "flow" as const },
        };
        const external = simulateExternally(spec, simulator);
        const own = simulate(spec);
        expect(external.status).toBe("completed");
        const a = phaseTimes(external);
        const b = phaseTimes(own);
        expect(Math.abs(a.tA / b.tA - 1)).toBeLessThan(REL_TOL);
        expect(Math.abs(a.tB / b.tB - 1)).toBeLessThan(REL_TOL);
      });
    }
  }

  it("gradient descent: the same iterates, so the same interpolated crossing times", () => {
    const spec = {
      stats,
      depth: 2,
      fusionLayer: 2,
      width: 8,
      init: { kind: "balanced" as const, u0: 1e-6 },
      method: { kind: "gd" as const, learningRate: 0.05 },
    };
    const a = phaseTimes(simulateExternally(spec, simulator));
    const b = phaseTimes(simulate(spec));
    // Same update θ ← θ − η∇ℒ in float64 from the same θ0; only the sums' order differs
    // (NumPy's matmul against our loops). Measured: 0 and 2.2e-16 (one ulp). Tolerance 1e-12,
    // T9.gd-clock's own clock tolerance, which an adapter must meet to pass it.
    expect(Math.abs(a.tA / b.tA - 1)).toBeLessThan(1e-12);
    expect(Math.abs(a.tB / b.tB - 1)).toBeLessThan(1e-12);
  });
});
