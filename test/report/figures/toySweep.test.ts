import { describe, expect, it } from "vitest";
import {
  toyMarkers,
  toyTheoryRows,
  varianceRatioColor,
} from "../../../src/report/figures/toySweep.js";

describe("toy sweep grid", () => {
  it("orders markers σA/σB outermost, then ρ, then the init draw", () => {
    const m = toyMarkers([1.5, 2], [-0.5, 0.5], { seed: 1, repeats: 2 });
    expect(m.map((x) => [x.sigmaRatio, x.rho, x.repeat])).toEqual([
      [1.5, -0.5, 0],
      [1.5, -0.5, 1],
      [1.5, 0.5, 0],
      [1.5, 0.5, 1],
      [2, -0.5, 0],
      [2, -0.5, 1],
      [2, 0.5, 0],
      [2, 0.5, 1],
    ]);
  });

  it("draws one curve per σA/σB over ρ from −0.9 to 0.9", () => {
    const rows = toyTheoryRows([1, 3], 3, (sigmaRatio, rho) => ({ sigmaRatio, rho }));
    expect(rows).toEqual([
      { sigmaRatio: 1, rho: -0.9 },
      { sigmaRatio: 1, rho: 0 },
      { sigmaRatio: 1, rho: 0.9 },
      { sigmaRatio: 3, rho: -0.9 },
      { sigmaRatio: 3, rho: 0 },
      { sigmaRatio: 3, rho: 0.9 },
    ]);
  });

  it("colours by variance ratio in the curves' order", () => {
    const color = varianceRatioColor([2, 1.5]);
    expect(color.field).toBe("series");
    expect(color.sort).toHaveLength(2);
    expect(color.sort[0]).toContain("2");
  });
});
