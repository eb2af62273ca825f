import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCALED_CONFIG } from "../../src/mnist/config.js";
import { delayOrdering, modalityDelay, T14_TOLERANCE_EPOCHS } from "../../src/mnist/delay.js";
import { type MnistRun, trainMnist } from "../../src/mnist/train.js";

// The recorded scaled sweep (scripts/measure/mnistScaled.ts → this file; docs/mnist.md reads
// its numbers from here): that it is what the code computes, and T14's verdict on it.
const RECORDED = JSON.parse(
  readFileSync(new URL("../../fixtures/reference/mnist-scaled-runs.json", import.meta.url), "utf8"),
) as { runs: MnistRun[] };

describe("the recorded scaled runs", () => {
  it("are runs of the current scaled default, every Lf for every seed", () => {
    for (const run of RECORDED.runs) {
      const { fusion, seed, ...rest } = run.config;
      const { seed: _defaultSeed, ...scaled } = SCALED_CONFIG;
      expect(rest).toEqual(scaled);
      expect(run.epochs).toHaveLength(SCALED_CONFIG.epochs);
    }
    const seeds = new Set(RECORDED.runs.map((r) => r.config.seed));
    for (const s of seeds)
      expect(RECORDED.runs.filter((r) => r.config.seed === s).map((r) => r.config.fusion)).toEqual([
        1, 2, 3, 4,
      ]);
  });

  it("are reproduced bit for bit by the code (first two epochs of seed 1, Lf = 3)", async () => {
    const recorded = RECORDED.runs.find((r) => r.config.seed === 1 && r.config.fusion === 3)!;
    const again = await trainMnist({ ...recorded.config, epochs: 2 });
    expect(again.epochs).toEqual(recorded.epochs.slice(0, 2));
  });

  it("satisfy T14: the delay of B behind A is non-decreasing in Lf", () => {
    const seeds = [...new Set(RECORDED.runs.map((r) => r.config.seed))].map((seed) => ({
      seed,
      delays: [1, 2, 3, 4].map((fusion) =>
        modalityDelay(
          RECORDED.runs.find((r) => r.config.seed === seed && r.config.fusion === fusion)!.epochs,
        ),
      ),
    }));
    const verdict = delayOrdering(seeds, T14_TOLERANCE_EPOCHS);
    expect(verdict.violations).toEqual([]);
    expect(verdict.holds).toBe(true);
    // Not vacuous: the deepest fusion delays B by more than early fusion does, for every seed.
    for (const s of seeds)
      expect(s.delays[3]!.delayAtLeast!).toBeGreaterThan(s.delays[0]!.delay! + 5);
  });
});
