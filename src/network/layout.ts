import type { FusionArchitecture } from "./architecture.js";

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
 * evolve. The chain of modality m lists the L blocks whose product is W_m^tot, input
 * side first: branch layers 1..Lf−1, m's fusion block, shared layers Lf+1..L.
 */
export interface ParameterLayout {
  readonly architecture: FusionArchitecture;
  readonly blocks: readonly LayerBlock[];
  readonly chains: { readonly A: readonly LayerBlock[]; readonly B: readonly LayerBlock[] };
  readonly size: number;
}

export function parameterLayout(arch: FusionArchitecture): ParameterLayout {
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
  const outputRows = (layer: number) => (layer === L ? 1 : h);
  const branch = (m: "A" | "B", inputDim: number): LayerBlock[] => {
    const chain: LayerBlock[] = [];
    for (let l = 1; l < Lf; l++) chain.push(add(l, m, h, l === 1 ? inputDim : h));
    chain.push(add(Lf, m, outputRows(Lf), Lf === 1 ? inputDim : h));
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
