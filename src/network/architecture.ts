import { InputError, requireInteger } from "../errors/inputError.js";

/**
 * Nonlinearity after every layer but the last (docs/theory.md §2). "linear" networks train on
 * (Σ, Σ_yx); "relu" networks on samples or, for two layers, on Gaussian population
 * statistics (src/network/reluNetwork.ts, reluPopulation.ts; T11, T12).
 */
export type Activation = "linear" | "relu";

/** The accepted activations, for validation and CLI help. */
export const ACTIVATIONS: readonly Activation[] = ["linear", "relu"];

/**
 * Where and how the two modalities are fused (docs/theory.md §2): depth L ≥ 1, fusion layer
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
  /**
   * X4: branch layers before the fusion block per modality (absent: Lf − 1 each). Modality m's
   * input enters at layer Lf − branchDepths[m], so its chain has branchDepths[m] + 1 + (L − Lf)
   * layers; each value is in [0, Lf − 1].
   */
  readonly branchDepths?: BranchDepths;
}

/** X4: the number of modality-specific layers before the fusion block, per modality. */
export interface BranchDepths {
  readonly A: number;
  readonly B: number;
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
  branchDepths?: BranchDepths;
}): FusionArchitecture {
  const depth = requireInteger("depth", fields.depth, 1, MAX_DEPTH);
  const fusionLayer = requireInteger("fusion", fields.fusionLayer, 1, depth);
  const width = requireInteger("width", fields.width, 1, MAX_WIDTH);
  const dA = requireInteger("dA", fields.dA, 1, 10_000);
  const dB = requireInteger("dB", fields.dB, 1, 10_000);
  const activation = fields.activation ?? "linear";
  if (!ACTIVATIONS.includes(activation))
    throw new InputError("activation", `must be "linear" or "relu", got ${activation}`);
  if (fields.branchDepths === undefined) return { depth, fusionLayer, width, dA, dB, activation };
  const branchDepths = {
    A: requireInteger("branchDepthA", fields.branchDepths.A, 0, fusionLayer - 1),
    B: requireInteger("branchDepthB", fields.branchDepths.B, 0, fusionLayer - 1),
  };
  return { depth, fusionLayer, width, dA, dB, activation, branchDepths };
}

/** Early fusion: Lf = 1. Late fusion: Lf = L. Otherwise intermediate. */
export function fusionKind(
  arch: Pick<FusionArchitecture, "depth" | "fusionLayer">,
): "early" | "intermediate" | "late" {
  if (arch.fusionLayer === 1) return "early";
  return arch.fusionLayer === arch.depth ? "late" : "intermediate";
}

/** The depth, fusion layer and width of a run, as simulation specs carry them. */
export interface NetworkShape {
  readonly depth: number;
  readonly fusionLayer: number;
  readonly width: number;
  readonly branchDepths?: BranchDepths;
}

/**
 * The architecture of a run: its shape over inputs of sizes dA and dB (the statistics' or
 * the sample set's), validated by fusionArchitecture.
 */
export function architectureOf(
  shape: NetworkShape,
  inputs: { readonly dA: number; readonly dB: number },
  activation?: Activation,
): FusionArchitecture {
  return fusionArchitecture({
    depth: shape.depth,
    fusionLayer: shape.fusionLayer,
    width: shape.width,
    dA: inputs.dA,
    dB: inputs.dB,
    ...(activation !== undefined ? { activation } : {}),
    ...(shape.branchDepths !== undefined ? { branchDepths: shape.branchDepths } : {}),
  });
}
