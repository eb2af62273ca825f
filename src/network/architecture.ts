import { InputError, requireInteger } from "../errors/inputError.js";

/** Nonlinearity after every layer but the last. Only "linear" is simulated from (Σ, Σ_yx). */
export type Activation = "linear";

/**
 * Where and how the two modalities are fused (THEORY.md §2): depth L ≥ 1, fusion layer
 * 1 ≤ Lf ≤ L (1 = early, L = late fusion), hidden width h ≥ 1, input dimensions dA, dB,
 * scalar output.
 */
export interface FusionArchitecture {
  readonly depth: number;
  readonly fusionLayer: number;
  readonly width: number;
  readonly dA: number;
  readonly dB: number;
  readonly activation: Activation;
}

/** Largest depth and width accepted: beyond them a run is a typo, not an experiment. */
export const MAX_DEPTH = 64;
export const MAX_WIDTH = 4096;

export function fusionArchitecture(fields: {
  depth: number;
  fusionLayer: number;
  width: number;
  dA: number;
  dB: number;
  activation?: Activation;
}): FusionArchitecture {
  const depth = requireInteger("depth", fields.depth, 1, MAX_DEPTH);
  const fusionLayer = requireInteger("fusion", fields.fusionLayer, 1, depth);
  const width = requireInteger("width", fields.width, 1, MAX_WIDTH);
  const dA = requireInteger("dA", fields.dA, 1, 10_000);
  const dB = requireInteger("dB", fields.dB, 1, 10_000);
  const activation = fields.activation ?? "linear";
  if (activation !== "linear")
    throw new InputError("activation", `must be "linear", got ${activation}`);
  return { depth, fusionLayer, width, dA, dB, activation };
}

/** Early fusion: Lf = 1. Late fusion: Lf = L. Otherwise intermediate. */
export function fusionKind(
  arch: Pick<FusionArchitecture, "depth" | "fusionLayer">,
): "early" | "intermediate" | "late" {
  if (arch.fusionLayer === 1) return "early";
  return arch.fusionLayer === arch.depth ? "late" : "intermediate";
}
