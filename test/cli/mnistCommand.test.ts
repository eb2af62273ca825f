import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  MAX_SWEEP_SEEDS,
  mnistConfig,
  mnistSweep,
  parseSeeds,
} from "../../src/cli/mnistCommand.js";
import { mnistSweepTable, t14VerdictLine } from "../../src/cli/mnistText.js";
import { AUTHORS_CONFIG, SCALED_CONFIG } from "../../src/mnist/config.js";
import {
  delayOrdering,
  type ModalityDelay,
  type SeedDelays,
  T14_TOLERANCE_EPOCHS,
} from "../../src/mnist/delay.js";
import { lines, runCli } from "./runCli.js";

/** `ubias mnist <args>` is bad input: exit 2, nothing on stdout, one stderr line matching. */
async function expectBadInput(args: readonly string[], message: RegExp): Promise<void> {
  const { code, stdout, stderr } = await runCli(["mnist", ...args]);
  expect(code).toBe(2);
  expect(stdout).toBe("");
  expect(lines(stderr)).toHaveLength(1);
  expect(stderr).toMatch(message);
}

/** An epoch's numbers after its index, in the CSV's column order, from the JSON output. */
function epochNumbers(e: Record<string, number>): number[] {
  return [e.lr, e.accuracyAB, e.accuracyA, e.accuracyB, e.meanLoss, e.firstBatchLoss].map(Number);
}

/** A CI-sized run: 200 training and 100 test digits in batches of 50, this width and epochs. */
function slice(width: number, epochs: number): string[] {
  return [
    ...["--width", String(width), "--train-size", "200", "--test-size", "100"],
    ...["--batch-size", "50", "--epochs", String(epochs)],
  ];
}

// Width 16, 3 epochs (about a second).
const SLICE = slice(16, 3);

describe("ubias mnist", () => {
  it("prints the header, one row per epoch with the three accuracies and the loss, and the delay", async () => {
    const { code, stdout, stderr } = await runCli(["mnist", "--fusion", "2", ...SLICE]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out[0]).toMatch(
      /^noisy two-view MNIST: FCN L = 4, Lf = 2, width 16; 200 training \/ 100 test digits/,
    );
    const rows = out.filter((l) => /^\s+\d+\s/.test(l));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.trim().split(/\s+/)).toHaveLength(6);
    expect(out.at(-2)).toMatch(/^learned \(test accuracy ≥ 0.4 alone\): A /);
    expect(out.at(-1)).toMatch(/^time: /);
  });

  it("prints JSON and writes the CSV with the same numbers", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ubias-mnist-")), "nested", "run.csv");
    const { code, stdout } = await runCli([
      "mnist",
      "--fusion",
      "4",
      ...SLICE,
      "--json",
      "--csv",
      file,
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.config).toMatchObject({ depth: 4, fusion: 4, width: 16, trainSize: 200, seed: 1 });
    expect(out.epochs).toHaveLength(3);
    expect(out.delay).toHaveProperty("level", 0.4);
    const csv = lines(readFileSync(file, "utf8"));
    expect(csv[0]).toBe("epoch,lr,accuracy_ab,accuracy_a,accuracy_b,mean_loss,first_batch_loss");
    const second = csv[2]!.split(",").map(Number);
    const e = out.epochs[1];
    expect(second).toEqual([2, ...epochNumbers(e)]);
  });

  it("draws a progress bar on a terminal, nothing on a pipe", async () => {
    const tty = await runCli(["mnist", "--fusion", "1", ...SLICE], { isTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain("mnist Lf = 1");
  });

  const BAD: [string[], RegExp][] = [
    [[], /^ubias: --fusion: is required/],
    [["--fusion", "5"], /^ubias: --fusion: must be an integer in \[1, 4\], got 5\n$/],
    [["--fusion", "2", "--model", "cnn"], /^ubias: --model: cnn is not implemented/],
    [
      ["--fusion", "2", "--train-size", "9000"],
      /^ubias: --train-size: must be an integer in \[1, 8000\]/,
    ],
    [["--fusion", "2", "--lr", "-1"], /^ubias: --lr: must be > 0, got -1\n$/],
    [["--fusion", "2", "--backend", "gpu"], /^ubias: --backend: must be one of wasm, cpu/],
    [
      ["--fusion", "2", "--train-size", "100", "--batch-size", "101"],
      /^ubias: --batch-size: must be an integer in \[1, 100\]/,
    ],
  ];
  for (const [args, message] of BAD)
    it(`exits 2 with one line for ${args.join(" ") || "no options"}`, () =>
      expectBadInput(args, message));
});

describe("mnistConfig", () => {
  it("is the scaled default, or the authors' with --authors, options overriding either", () => {
    expect(mnistConfig({ fusion: "3" })).toEqual({ ...SCALED_CONFIG, fusion: 3 });
    expect(mnistConfig({ fusion: "3", authors: true })).toEqual({ ...AUTHORS_CONFIG, fusion: 3 });
    expect(mnistConfig({ fusion: "3", authors: true, epochs: "2" })).toEqual({
      ...AUTHORS_CONFIG,
      fusion: 3,
      epochs: 2,
    });
  });
});

// The sweep on the smallest network that has two fusion layers: L = 2, width 8, 2 epochs of
// 200 digits, two seeds (4 runs, well under a second). Whether A and B are learned in so few
// epochs does not matter here: the table, the verdict line and the exit code must agree.
const SWEEP = ["--fusion", "all", "--depth", "2", ...slice(8, 2)];

describe("ubias mnist --fusion all (T14)", () => {
  it("runs Lf = 1..L for each seed and prints a line per run, the table and the verdict", async () => {
    const { code, stdout, stderr } = await runCli(["mnist", ...SWEEP, "--seeds", "3,1"]);
    expect(stderr).toBe("");
    const out = lines(stdout);
    expect(out[0]).toMatch(
      /^noisy two-view MNIST, T14 sweep: FCN L = 2, Lf = 1..2, width 8;.* seeds 3, 1,/,
    );
    expect(
      out.filter((l) => /^seed \d+, Lf = \d: epochs A /.test(l)).map((l) => l.slice(0, 14)),
    ).toEqual(["seed 3, Lf = 1", "seed 3, Lf = 2", "seed 1, Lf = 1", "seed 1, Lf = 2"]);
    const head = out.findIndex((l) => /^\s+Lf = 1\s+Lf = 2$/.test(l));
    expect(head).toBeGreaterThan(0);
    expect(out[head + 1]!.trim().split(/\s+/)).toEqual([
      "seed",
      "A",
      "B",
      "delay",
      "A",
      "B",
      "delay",
    ]);
    expect(out[head + 2]).toMatch(/^3\s/);
    expect(out[head + 3]).toMatch(/^1\s/);
    expect(out[head + 4]).toMatch(/^median\s/);
    expect(out[head + 5]).toMatch(/^spread\s/);
    const verdict = out.at(-1)!;
    expect(verdict).toMatch(/^T14: (holds|fails: .+)$/);
    expect(code).toBe(verdict === "T14: holds" ? 0 : 1);
  });

  it("prints JSON {config, seeds: [{seed, runs: [{fusion, delay, epochs}]}], verdict} and the CSV per seed, Lf and epoch", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ubias-mnist-")), "sweep.csv");
    const { code, stdout } = await runCli(["mnist", ...SWEEP, "--json", "--csv", file]);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(["config", "seeds", "verdict"]);
    expect(out.config).toMatchObject({ depth: 2, width: 8, epochs: 2 });
    expect(out.config).not.toHaveProperty("fusion");
    expect(out.seeds.map((s: { seed: number }) => s.seed)).toEqual([1]);
    const runs = out.seeds[0].runs;
    expect(runs.map((r: { fusion: number }) => r.fusion)).toEqual([1, 2]);
    for (const r of runs) {
      expect(Object.keys(r)).toEqual(["fusion", "delay", "epochs"]);
      expect(r.delay).toHaveProperty("level", 0.4);
      expect(r.epochs).toHaveLength(2);
    }
    expect(out.verdict).toMatchObject({ tolerance: T14_TOLERANCE_EPOCHS });
    expect(out.verdict.medians).toHaveLength(2);
    expect(code).toBe(out.verdict.holds ? 0 : 1);
    const csv = lines(readFileSync(file, "utf8"));
    expect(csv[0]).toBe(
      "seed,fusion,epoch,lr,accuracy_ab,accuracy_a,accuracy_b,mean_loss,first_batch_loss",
    );
    expect(csv.slice(1).map((row) => row.split(",").slice(0, 3).join(","))).toEqual([
      "1,1,1",
      "1,1,2",
      "1,2,1",
      "1,2,2",
    ]);
    const e = runs[1].epochs[1];
    expect(csv[4]!.split(",").map(Number).slice(3)).toEqual(epochNumbers(e));
  });

  it("labels the progress bar with the seed and Lf", async () => {
    const tty = await runCli(["mnist", ...SWEEP], { isTTY: true });
    expect(tty.stderr).toContain("mnist seed 1 Lf = 1/2");
    expect(tty.stderr).toContain("mnist seed 1 Lf = 2/2");
  });

  const BAD: [string[], RegExp][] = [
    [["--fusion", "2", "--seeds", "1,2"], /^ubias: --seeds: needs --fusion all/],
    [["--seeds", "1,2"], /^ubias: --fusion: is required/],
    [
      ["--fusion", "all", "--seeds", ""],
      /^ubias: --seeds: must be a comma-separated list of integers/,
    ],
    [["--fusion", "all", "--seeds", "1,,2"], /^ubias: --seeds: must be a comma-separated list/],
    [
      ["--fusion", "all", "--seeds", "1,x"],
      /^ubias: --seeds: every seed must be an integer in \[0, 4294967295\], got "x"\n$/,
    ],
    [
      ["--fusion", "all", "--seeds", "-1"],
      /^ubias: --seeds: every seed must be an integer in \[0, 4294967295\], got "-1"/,
    ],
    [["--fusion", "all", "--seeds", "1.5"], /^ubias: --seeds: every seed must be an integer/],
    [
      ["--fusion", "all", "--seeds", "4294967296"],
      /^ubias: --seeds: every seed must be an integer in \[0, 4294967295\], got "4294967296"/,
    ],
    [["--fusion", "all", "--seeds", "1,2,1"], /^ubias: --seeds: seed 1 is given twice\n$/],
    [["--fusion", "all", "--depth", "1"], /^ubias: --depth: --fusion all needs L ≥ 2 .*got 1\n$/],
    [
      [
        "--fusion",
        "all",
        "--seeds",
        Array.from({ length: MAX_SWEEP_SEEDS + 1 }, (_, i) => i).join(","),
      ],
      /^ubias: --seeds: at most 100 seeds, got 101\n$/,
    ],
    [["--fusion", "all", "--seed", "2", "--seeds", "1"], /^ubias: --seeds: conflicts with --seed/],
    [["--fusion", "al"], /^ubias: --fusion: must be an integer in \[1, 4\] or all, got "al"\n$/],
  ];
  for (const [args, message] of BAD)
    it(`exits 2 with one line for ${args.join(" ").slice(0, 60)}`, () =>
      expectBadInput(args, message));
});

describe("parseSeeds and mnistSweep", () => {
  it("takes distinct integers in [0, 2^32 − 1], spaces allowed, in the order given", () => {
    expect(parseSeeds("3, 1,4294967295,0")).toEqual([3, 1, 4294967295, 0]);
    expect(parseSeeds(Array.from({ length: MAX_SWEEP_SEEDS }, (_, i) => i).join(","))).toHaveLength(
      MAX_SWEEP_SEEDS,
    );
  });

  it("defaults the seeds to --seed's, and --authors' options apply to every run", () => {
    const { seed, ...scaled } = SCALED_CONFIG;
    expect(mnistSweep({ fusion: "all" })).toEqual({ config: scaled, seeds: [seed] });
    expect(mnistSweep({ fusion: "all", seed: "7" }).seeds).toEqual([7]);
    expect(mnistSweep({ fusion: "all", authors: true, seeds: "2,5" }).config.width).toBe(
      AUTHORS_CONFIG.width,
    );
  });
});

describe("the T14 sweep's table", () => {
  /** A run whose A and B reached the level after a and b epochs (b undefined: not in `epochs`). */
  const run = (a: number | undefined, b: number | undefined, epochs = 30): ModalityDelay => ({
    level: 0.4,
    epochsA: a,
    epochsB: b,
    delay: a !== undefined && b !== undefined ? b - a : undefined,
    delayAtLeast: a === undefined ? undefined : b === undefined ? epochs - a : b - a,
  });
  const table = (seeds: SeedDelays[]) =>
    mnistSweepTable(seeds, delayOrdering(seeds, T14_TOLERANCE_EPOCHS), T14_TOLERANCE_EPOCHS);

  it("prints epochs A, B and the delay per seed and Lf, ≥ for a censored B, then median and spread, and holds", () => {
    const seeds = [
      { seed: 1, delays: [run(2, 5), run(2, 6), run(3, 10), run(2, undefined)] },
      { seed: 2, delays: [run(2, 4), run(3, 5), run(2, 9), run(3, 20)] },
    ];
    const out = lines(table(seeds));
    expect(out.slice(2)).toEqual([
      "                  Lf = 1            Lf = 2             Lf = 3             Lf = 4",
      "seed        A  B   delay      A  B   delay      A   B   delay      A   B   delay",
      "1           2  5       3      2  6       4      3  10       7      2   –    ≥ 28",
      "2           2  4       2      3  5       2      2   9       7      3  20      17",
      "median               2.5                 3                  7             ≥ 22.5",
      "spread                 1                 2                  0                 11",
      "rule: a seed's delay may fall by at most 1 epoch from one Lf to the next, and the median over seeds may not fall",
      "T14: holds",
    ]);
  });

  it("names the first seed and step where the delay fell by more than the tolerance", () => {
    const seeds = [
      { seed: 1, delays: [run(2, 5), run(2, 12), run(2, 13)] },
      { seed: 9, delays: [run(2, 8), run(2, 6), run(2, 7)] },
    ];
    const verdict = delayOrdering(seeds, T14_TOLERANCE_EPOCHS);
    expect(verdict.holds).toBe(false);
    expect(lines(table(seeds)).at(-1)).toBe("T14: fails: seed 9, Lf 1→2: delay 6 → 4");
  });

  it("names a fall of the median, a censored delay and a run where A was not learned", () => {
    // Every seed falls by one epoch at most, but the median falls from 4 to 3.
    const median = [
      { seed: 1, delays: [run(1, 3), run(1, 4)] },
      { seed: 2, delays: [run(1, 6), run(1, 5)] },
      { seed: 3, delays: [run(1, 5), run(1, 4)] },
    ];
    expect(t14VerdictLine(median, delayOrdering(median, 1))).toBe(
      "T14: fails: median over seeds, Lf 1→2: delay 4 → 3\n",
    );
    const censored = [{ seed: 4, delays: [run(0, undefined, 10), run(0, 7), run(1, undefined)] }];
    expect(t14VerdictLine(censored, delayOrdering(censored, 1))).toBe(
      "T14: fails: seed 4, Lf 1→2: delay ≥ 10 → 7\n",
    );
    const unlearned = [{ seed: 5, delays: [run(1, 3), run(undefined, undefined), run(1, 4)] }];
    expect(t14VerdictLine(unlearned, delayOrdering(unlearned, 1))).toBe(
      "T14: fails: seed 5, Lf 1→2: delay 2 → – (A not learned) (and 1 more)\n",
    );
  });
});
