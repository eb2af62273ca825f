import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCALED_CONFIG } from "../../src/mnist/config.js";
import { delayOrdering, modalityDelay, T14_TOLERANCE_EPOCHS } from "../../src/mnist/delay.js";
import { type MnistRun, trainMnist } from "../../src/mnist/train.js";

// T14's documented counterexample (docs/mnist.md §T14, docs/theory.md T14): the scaled runs at
// the authors' width 500, seeds 1-5 (scripts/measure/mnistScaled.ts 1,2,3,4,5 … 500).
const FIXTURE = JSON.parse(
  readFileSync(
    new URL("../../fixtures/counterexamples/T14-width-500.json", import.meta.url),
    "utf8",
  ),
) as { claim: string; runs: MnistRun[] };

function verdict(level?: number) {
  const seeds = [1, 2, 3, 4, 5].map((seed) => ({
    seed,
    delays: [1, 2, 3, 4].map((fusion) =>
      modalityDelay(
        FIXTURE.runs.find((r) => r.config.seed === seed && r.config.fusion === fusion)!.epochs,
        level,
      ),
    ),
  }));
  return delayOrdering(seeds, T14_TOLERANCE_EPOCHS);
}

describe("T14 at width 500 (documented counterexample)", () => {
  it("are the scaled runs at width 500, every Lf for seeds 1-5", () => {
    expect(FIXTURE.claim).toBe("T14");
    for (const run of FIXTURE.runs) {
      const { fusion: _f, seed: _s, ...rest } = run.config;
      const { seed: _d, ...scaled } = SCALED_CONFIG;
      expect(rest).toEqual({ ...scaled, width: 500 });
    }
    expect(FIXTURE.runs.map((r) => [r.config.seed, r.config.fusion])).toEqual(
      [1, 2, 3, 4, 5].flatMap((seed) => [1, 2, 3, 4].map((fusion) => [seed, fusion])),
    );
  });

  it("has 30 epochs a run, and seed 1 crosses 0.4 where the table says (read off the raw accuracies)", () => {
    for (const run of FIXTURE.runs) expect(run.epochs).toHaveLength(30);
    const b = (fusion: number) =>
      FIXTURE.runs
        .find((r) => r.config.seed === 1 && r.config.fusion === fusion)!
        .epochs.map((e) => e.accuracyB);
    // docs/mnist.md's table, seed 1: B reaches 0.4 after 4 epochs at Lf = 4, after 5 at Lf = 3.
    expect(b(4)[3]!).toBeLessThan(0.4);
    expect(b(4)[4]!).toBeGreaterThanOrEqual(0.4);
    expect(b(3)[4]!).toBeLessThan(0.4);
    expect(b(3)[5]!).toBeGreaterThanOrEqual(0.4);
  });

  it("fails T14 as stated: seeds 3 and 5 fall by 2-3 epochs, and the median falls from Lf = 3 to 4", () => {
    const v = verdict();
    expect(v.medians).toEqual([2, 2, 3, 2]);
    expect(v.violations).toEqual([
      { seed: 3, fusion: 2, from: 3, to: 1 },
      { seed: 3, fusion: 4, from: 5, to: 2 },
      { seed: 5, fusion: 4, from: 3, to: 1 },
    ]);
    expect(v.holds).toBe(false);
  });

  it("at the levels 0.5 and 0.6 the medians rise, but one seed still falls by 2 epochs", () => {
    expect(verdict(0.5)).toMatchObject({
      medians: [2, 3, 4, 8],
      violations: [{ seed: 3, fusion: 4, from: 4, to: 2 }],
      holds: false,
    });
    expect(verdict(0.6)).toMatchObject({
      medians: [2, 3, 6, 16],
      violations: [{ seed: 4, fusion: 2, from: 3, to: 1 }],
      holds: false,
    });
  });

  it("what does hold at width 500: the final B-alone accuracy falls with Lf for every seed", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const finalB = [1, 2, 3, 4].map(
        (fusion) =>
          FIXTURE.runs
            .find((r) => r.config.seed === seed && r.config.fusion === fusion)!
            .epochs.at(-1)!.accuracyB,
      );
      for (let k = 1; k < 4; k++) expect(finalB[k]!).toBeLessThan(finalB[k - 1]!);
    }
  });

  it("is what the code computes (the first epoch of seed 1, Lf = 4, bit for bit)", async () => {
    const recorded = FIXTURE.runs.find((r) => r.config.seed === 1 && r.config.fusion === 4)!;
    // One epoch, as the title says (two took 13 s of the suite; test/mnist/scaledRuns.test.ts
    // reproduces two epochs of a width-100 run, seed 1 at Lf = 3).
    const again = await trainMnist({ ...recorded.config, epochs: 1 });
    expect(again.epochs).toEqual(recorded.epochs.slice(0, 1));
  }, 120_000);
});
