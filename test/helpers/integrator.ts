import type { IntegratorOptions } from "../../src/training/ode/problem.js";

/** Integrator options at the flow's default accuracy; each test overrides what it probes. */
export function integratorOptions(patch: Partial<IntegratorOptions> = {}): IntegratorOptions {
  return {
    rtol: 1e-10,
    relativeFloor: 1e-6,
    maxTime: 1,
    maxSteps: 1_000_000,
    divergenceNorm: 1e12,
    ...patch,
  };
}
