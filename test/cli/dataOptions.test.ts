import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SIGMA_RANGE, statisticsFromOptions, TOY_FLAGS } from "../../src/cli/dataOptions.js";
import { thrownInputError as thrown } from "../helpers/thrownInputError.js";

const root = mkdtempSync(join(tmpdir(), "ubias-data-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const toy = { sigmaA: "2", sigmaB: "1", rho: "0.5" };

describe("statisticsFromOptions: toy flags", () => {
  it("builds Σ = [[σA², ρσAσB], [ρσAσB, σB²]], Σ_yx = wᵀΣ with w = (1, 1) by default", () => {
    const s = statisticsFromOptions(toy);
    expect(s.sigma).toEqual([
      [4, 1],
      [1, 1],
    ]);
    expect(s.sigmaYX).toEqual([5, 2]);
    // σ_y² = wᵀΣw = 4 + 2 + 1, no noise.
    expect(s.sigmaY2).toBe(7);
    expect([s.dA, s.dB]).toEqual([1, 1]);
  });

  it("takes the teacher weights and the noise: σ_y² gains σ_ε²", () => {
    const s = statisticsFromOptions({ ...toy, wA: "2", wB: "-1", noise: "0.5" });
    // Σ_yx = (2·4 − 1, 2 − 1) = (7, 1); σ_y² = wᵀΣw + 0.25 = (16 − 4 + 1) + 0.25.
    expect(s.sigmaYX).toEqual([7, 1]);
    expect(s.sigmaY2).toBe(13.25);
  });

  it("σ_A, σ_B, ρ are required, each error naming its flag", () => {
    expect(thrown(() => statisticsFromOptions({ sigmaB: "1", rho: "0" })).field).toBe("--sigma-a");
    expect(thrown(() => statisticsFromOptions({ sigmaA: "1", rho: "0" })).field).toBe("--sigma-b");
    const e = thrown(() => statisticsFromOptions({ sigmaA: "1", sigmaB: "1" }));
    expect(e.field).toBe("--rho");
    expect(e.message).toContain("--stats FILE");
  });

  it("σ in [1e-50, 1e50] and > 0; ρ in (−1, 1); noise ≥ 0", () => {
    expect(SIGMA_RANGE).toEqual([1e-50, 1e50]);
    expect(statisticsFromOptions({ ...toy, sigmaA: "1e50", sigmaB: "1e50" }).dA).toBe(1);
    expect(statisticsFromOptions({ ...toy, sigmaA: "1e-50", sigmaB: "1e-50" }).dA).toBe(1);
    const big = thrown(() => statisticsFromOptions({ ...toy, sigmaA: "1e51" }));
    expect(big.field).toBe("--sigma-a");
    expect(big.message).toContain("[1e-50, 1e+50]");
    expect(thrown(() => statisticsFromOptions({ ...toy, sigmaB: "1e-51" })).field).toBe(
      "--sigma-b",
    );
    expect(thrown(() => statisticsFromOptions({ ...toy, sigmaB: "0" })).field).toBe("--sigma-b");
    expect(thrown(() => statisticsFromOptions({ ...toy, sigmaA: "-1" })).field).toBe("--sigma-a");
    for (const rho of ["1", "-1", "1.5"])
      expect(thrown(() => statisticsFromOptions({ ...toy, rho })).field).toBe("--rho");
    expect(thrown(() => statisticsFromOptions({ ...toy, noise: "-0.1" })).field).toBe("--noise");
    expect(thrown(() => statisticsFromOptions({ ...toy, wA: "abc" })).field).toBe("--w-a");
  });

  it("lists the six toy flags in help order with the option they fill", () => {
    expect(TOY_FLAGS.map(([flag]) => flag)).toEqual([
      "--sigma-a",
      "--sigma-b",
      "--rho",
      "--w-a",
      "--w-b",
      "--noise",
    ]);
  });
});

describe("statisticsFromOptions: --stats", () => {
  it("reads a statistics file", () => {
    const file = join(root, "toy.json");
    writeFileSync(file, JSON.stringify({ kind: "toy", sigmaA: 2, sigmaB: 1, rho: 0.5 }));
    expect(statisticsFromOptions({ stats: file }).sigmaYX).toEqual([5, 2]);
  });

  it("cannot be combined with toy flags, and the error lists the ones given", () => {
    const e = thrown(() => statisticsFromOptions({ stats: "x.json", rho: "0.1", wB: "2" }));
    expect(e.field).toBe("--stats");
    expect(e.message).toContain("(--rho, --w-b)");
  });
});
