import { architectureOf } from "../network/architecture.js";
import { initialise } from "../network/initialisation.js";
import { parameterLayout } from "../network/layout.js";
import { derive } from "../statistics/derived.js";
import type { ExternalSimulator } from "../training/external/protocol.js";
import type { TrainingRun } from "../training/run.js";
import type { SimulationSpec } from "./simulation.js";
import { CONVERGED_LOSS_GAP, phaseThresholds } from "./simulation.js";

/**
 * `simulate` through an external simulator (docs/simulator-protocol.md): the same network,
 * the same initial weights (sent as they are), the same thresholds and stop rule, so that the
 * answer can stand where the built-in run stood. The relative tolerance sent is the built-in
 * flow's default (1e-8), a hint the adapter may use.
 */
export function simulateExternally(
  spec: SimulationSpec,
  simulator: ExternalSimulator,
): TrainingRun {
  const { stats } = spec;
  const layout = parameterLayout(architectureOf(spec, stats));
  const theta0 = initialise(layout, stats, spec.init);
  const q = derive(stats);
  const converged = q.lossFull + CONVERGED_LOSS_GAP * (q.lossZero - q.lossFull);
  return simulator.train({
    data: {
      kind: "population",
      dA: stats.dA,
      dB: stats.dB,
      sigma: stats.sigma,
      sigmaYX: stats.sigmaYX,
      sigmaYY: stats.sigmaY2,
    },
    layout,
    theta0,
    method:
      spec.method.kind === "gd"
        ? { kind: "gd", learningRate: spec.method.learningRate }
        : { kind: "flow", rtol: spec.method.rtol ?? 1e-8 },
    thresholds: phaseThresholds(stats),
    stop: spec.untilConverged
      ? { lossBelow: converged, minimumReachedBelow: converged }
      : { minimumReachedBelow: converged },
    ...(spec.maxTime !== undefined ? { maxTime: spec.maxTime } : {}),
    ...(spec.maxSteps !== undefined ? { maxSteps: spec.maxSteps } : {}),
  });
}
