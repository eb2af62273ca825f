import type { FusionArchitecture } from "./architecture.js";

/** Branch layers before modality m's fusion block: Lf − 1 unless set per modality (X4). */
export function branchDepth(arch: FusionArchitecture, m: "A" | "B"): number {
  return arch.branchDepths?.[m] ?? arch.fusionLayer - 1;
}

/** One weight matrix stored row-major inside the flat parameter vector. */
export interface LayerBlock {
  /** 1-based layer index in the network. */
  readonly layer: number;
  /** "A" / "B" for branch layers and fusion blocks, "shared" after fusion. */
  readonly owner: "A" | "B" | "shared";
  readonly rows: number;
  readonly cols: number;
  readonly offset: number;
}

/**
 * Where every weight matrix lives in the flat Float64Array θ that the integrators
 * evolve. The chain of modality m lists the blocks whose product is W_m^tot, input
 * side first: branch layers 1..Lf−1, m's fusion block, shared layers Lf+1..L. With unequal
 * branch depths b_m (X4) the branch layers are Lf − b_m..Lf−1 and the chain has
 * b_m + 1 + L − Lf blocks.
 */
export interface ParameterLayout {
  readonly architecture: FusionArchitecture;
  readonly blocks: readonly LayerBlock[];
  readonly chains: { readonly A: readonly LayerBlock[]; readonly B: readonly LayerBlock[] };
  readonly size: number;
}

/**
 * `outputs` is the number of output rows of the last layer: 1 for the scalar target of
 * docs/theory.md §2, k for the vector targets of X5 (src/network/vectorTargetNetwork.ts).
 */
export function parameterLayout(arch: FusionArchitecture, outputs = 1): ParameterLayout {
  const { depth: L, fusionLayer: Lf, width: h } = arch;
  const blocks: LayerBlock[] = [];
  let offset = 0;
  const add = (
    layer: number,
    owner: LayerBlock["owner"],
    rows: number,
    cols: number,
  ): LayerBlock => {
    const block = { layer, owner, rows, cols, offset };
    offset += rows * cols;
    blocks.push(block);
    return block;
  };
  const outputRows = (layer: number) => (layer === L ? outputs : h);
  const branch = (m: "A" | "B", inputDim: number): LayerBlock[] => {
    const chain: LayerBlock[] = [];
    // m's input enters at layer Lf − b (X4; 1 by default): its first block reads the input.
    const first = Lf - branchDepth(arch, m);
    for (let l = first; l < Lf; l++) chain.push(add(l, m, h, l === first ? inputDim : h));
    chain.push(add(Lf, m, outputRows(Lf), Lf === first ? inputDim : h));
    return chain;
  };
  const chainA = branch("A", arch.dA);
  const chainB = branch("B", arch.dB);
  for (let l = Lf + 1; l <= L; l++) {
    const shared = add(l, "shared", outputRows(l), h);
    chainA.push(shared);
    chainB.push(shared);
  }
  return { architecture: arch, blocks, chains: { A: chainA, B: chainB }, size: offset };
}
