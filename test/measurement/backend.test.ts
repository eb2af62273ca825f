import { afterEach, describe, expect, it } from "vitest";
import {
  NotCarriedError,
  requireBuiltIn,
  useExternalSimulator,
} from "../../src/measurement/backend.js";
import { simulateRelu } from "../../src/measurement/reluSimulation.js";
import { simulate } from "../../src/measurement/simulation.js";
import { fromToy } from "../../src/statistics/toy.js";
import { ExternalSimulator } from "../../src/training/external/protocol.js";
import { hasNumpy } from "../helpers/python.js";

const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 });
const spec = {
  stats,
  depth: 2,
  fusionLayer: 2,
  width: 4,
  init: { kind: "balanced" as const, u0: 1e-6 },
  method: { kind: "flow" as const },
};

describe("the simulator backend", () => {
  afterEach(() => useExternalSimulator(undefined));

  it("runs built-in paths when no external simulator is set", () => {
    expect(() => requireBuiltIn("anything")).not.toThrow();
    expect(simulate(spec).samples.length).toBeGreaterThan(0);
  });

  it("with an external simulator, built-in-only paths refuse with the reason", () => {
    // The refusal comes before any request: a command that never answers is fine here.
    useExternalSimulator(new ExternalSimulator("sleep 60", 100));
    expect(() =>
      simulateRelu({
        data: { kind: "population", stats },
        depth: 2,
        fusionLayer: 2,
        width: 4,
        init: { kind: "gaussian", u0: 1e-3, seed: 0 },
        method: { kind: "flow" },
      }),
    ).toThrow(NotCarriedError);
    expect(() => requireBuiltIn("vector targets")).toThrow(
      /needs vector targets, which the simulator protocol \(ubias-simulator\/1\) does not carry/,
    );
  });

  it.skipIf(!hasNumpy())(
    "simulate goes to the external simulator; θ and the trajectory refuse to be read",
    () => {
      const external = new ExternalSimulator("python3 examples/simulators/numpy.py", 60_000);
      useExternalSimulator(external);
      const run = simulate(spec);
      expect(run.status).toBe("completed");
      expect(run.crossings.B).toBeDefined();
      expect(() => run.samples).toThrow(/the trajectory of a run/);
      expect(() => run.final.theta).toThrow(/the final weights θ/);
      external.close();
    },
  );
});
