import { afterAll, describe, expect, it } from "vitest";
import type { ClaimResult } from "../../src/claims/runner.js";
import { phaseTimes } from "../../src/measurement/phaseTimes.js";
import { simulate, simulateExternally } from "../../src/measurement/simulation.js";
import { fromToy } from "../../src/statistics/toy.js";
import { ExternalSimulator } from "../../src/training/external/protocol.js";
import { runCli } from "../cli/runCli.js";
import { torchPython } from "../helpers/python.js";

/**
 * examples/simulators/torch_sgd.py: the PyTorch adapter (nn.Linear, autograd, torch.optim.SGD,
 * float32), issue 15 item 3. It runs here when a Python with torch is present (Debian's
 * python3-torch) and is skipped with a message otherwise.
 */
const PYTHON = torchPython();
if (PYTHON === undefined)
  console.log("skipped: the PyTorch adapter needs python3 with torch (Debian: python3-torch)");
const ADAPTER = `${PYTHON} examples/simulators/torch_sgd.py`;

/**
 * float32 SGD against the built-in float64 gradient descent, same θ0 and η: measured
 * max |Δt/t| = 8.3e-7 over t_A and t_B of 32 cases (toy ρ ∈ {0, 0.3, −0.4, 0.8}, L = 2 and 3
 * at every Lf, balanced and Gaussian init; rounding ε32 = 6e-8 per operation, accumulated over
 * 50-2 500 steps). Tolerance 1e-5, a 12× margin; a one-step clock error is η/t_A ≥ 4e-4 here.
 */
const FLOAT32_RTOL = 1e-5;
/**
 * `--float64`: the same iterates as ours up to the order of the sums: measured ≤ 5.6e-16
 * (≤ 3 ulp) on the same 32 cases. Tolerance 1e-12, T9.gd-clock's clock tolerance.
 */
const FLOAT64_RTOL = 1e-12;

describe.skipIf(PYTHON === undefined)(
  "the PyTorch adapter (examples/simulators/torch_sgd.py)",
  () => {
    const float32 = new ExternalSimulator(ADAPTER, 60_000);
    const float64 = new ExternalSimulator(`${ADAPTER} --float64`, 60_000);
    afterAll(() => {
      float32.close();
      float64.close();
    });

    it("offers gradient descent on linear networks, with the plateau", () => {
      expect(float32.capabilities()).toEqual({
        methods: ["gd"],
        activations: ["linear"],
        data: ["population"],
        plateau: true,
        trajectory: false,
      });
    });

    const cases = [
      { rho: 0.3, depth: 2, fusionLayer: 2, u0: 1e-6 },
      { rho: -0.4, depth: 2, fusionLayer: 1, u0: 1e-6 },
      { rho: 0.8, depth: 3, fusionLayer: 2, u0: 0.03 },
    ];
    for (const { rho, depth, fusionLayer, u0 } of cases) {
      it(`ρ = ${rho}, L = ${depth}, Lf = ${fusionLayer}: t_A and t_B as our gradient descent's`, () => {
        const spec = {
          stats: fromToy({ sigmaA: 2, sigmaB: 1, rho }),
          depth,
          fusionLayer,
          width: 8,
          init: { kind: "gaussian" as const, u0, seed: 1 },
          method: { kind: "gd" as const, learningRate: 0.05 },
        };
        const ours = phaseTimes(simulate(spec));
        for (const [simulator, rtol] of [
          [float32, FLOAT32_RTOL],
          [float64, FLOAT64_RTOL],
        ] as const) {
          const run = simulateExternally(spec, simulator);
          expect(run.status).toBe("completed");
          const theirs = phaseTimes(run);
          expect(Math.abs(theirs.tA / ours.tA - 1)).toBeLessThan(rtol);
          expect(Math.abs(theirs.tB / ours.tB - 1)).toBeLessThan(rtol);
        }
      });
    }

    it("through ubias check: the gd conjecture X2 runs, T2 (gradient flow) is skipped with the reason", async () => {
      const { code, stdout } = await runCli([
        ...["check", "--simulator", ADAPTER, "--claim", "T2", "X2", "--runs", "2", "--json"],
      ]);
      expect(code).toBe(0);
      const results = JSON.parse(stdout) as ClaimResult[];
      const x2 = results.find((r) => r.id === "X2")!;
      expect(x2.skipped).toBeUndefined();
      expect(x2.casesRun).toBe(2);
      const t2 = results.find((r) => r.id === "T2")!;
      expect(t2.skipped).toMatch(/needs gradient flow, which this simulator does not offer/);
    }, 180_000);
  },
);
