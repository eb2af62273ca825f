import { describe, expect, it } from "vitest";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { parameterLayout } from "../../src/network/layout.js";

/**
 * Parameter count written independently from docs/theory.md §2: per modality m, branch layers
 * 1..Lf−1 (h×d_m then h×h), m's fusion block (rows h, or 1 when Lf = L; columns d_m
 * when Lf = 1, else h); shared layers Lf+1..L (h×h, the last 1×h).
 */
function expectedSize(L: number, Lf: number, h: number, dA: number, dB: number): number {
  let size = 0;
  for (const d of [dA, dB]) {
    for (let l = 1; l < Lf; l++) size += h * (l === 1 ? d : h);
    size += (Lf === L ? 1 : h) * (Lf === 1 ? d : h);
  }
  for (let l = Lf + 1; l <= L; l++) size += (l === L ? 1 : h) * h;
  return size;
}

const CASES: [number, number, number, number, number][] = [];
for (const [L, h, dA, dB] of [
  [1, 3, 2, 1],
  [2, 1, 1, 1],
  [2, 5, 3, 2],
  [3, 4, 1, 3],
  [5, 2, 2, 2],
] as const) {
  for (let Lf = 1; Lf <= L; Lf++) CASES.push([L, Lf, h, dA, dB]);
}

describe("parameterLayout", () => {
  it.each(CASES)("L=%i Lf=%i h=%i dA=%i dB=%i: size, tiling and chains", (L, Lf, h, dA, dB) => {
    const layout = parameterLayout(
      fusionArchitecture({ depth: L, fusionLayer: Lf, width: h, dA, dB }),
    );
    expect(layout.size).toBe(expectedSize(L, Lf, h, dA, dB));

    // Blocks tile [0, size) contiguously, in order.
    let offset = 0;
    for (const block of layout.blocks) {
      expect(block.offset).toBe(offset);
      offset += block.rows * block.cols;
    }
    expect(offset).toBe(layout.size);

    // 2·Lf modality blocks and L − Lf shared ones.
    expect(layout.blocks.filter((b) => b.owner === "shared")).toHaveLength(L - Lf);
    expect(layout.blocks.filter((b) => b.owner === "A")).toHaveLength(Lf);

    for (const [m, d] of [
      ["A", dA],
      ["B", dB],
    ] as const) {
      const chain = layout.chains[m];
      // One block per layer, input side first, shapes chaining to a 1×d_m product.
      expect(chain.map((b) => b.layer)).toEqual(Array.from({ length: L }, (_, i) => i + 1));
      expect(chain[0]!.cols).toBe(d);
      expect(chain[L - 1]!.rows).toBe(1);
      for (let j = 1; j < L; j++) expect(chain[j]!.cols).toBe(chain[j - 1]!.rows);
      chain.forEach((b) => {
        expect(b.owner).toBe(b.layer <= Lf ? m : "shared");
      });
    }
    // Shared layers are the same blocks (same parameters) in both chains.
    for (let j = Lf; j < L; j++) expect(layout.chains.A[j]).toBe(layout.chains.B[j]);
  });

  it("L = 1 is a linear model: two 1×d_m rows, nothing else", () => {
    const layout = parameterLayout(
      fusionArchitecture({ depth: 1, fusionLayer: 1, width: 7, dA: 2, dB: 3 }),
    );
    expect(layout.blocks).toEqual([
      { layer: 1, owner: "A", rows: 1, cols: 2, offset: 0 },
      { layer: 1, owner: "B", rows: 1, cols: 3, offset: 2 },
    ]);
  });

  it("keeps the architecture it was built from", () => {
    const arch = fusionArchitecture({ depth: 2, fusionLayer: 2, width: 3, dA: 1, dB: 1 });
    expect(parameterLayout(arch).architecture).toBe(arch);
  });
});
