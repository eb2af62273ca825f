import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mnistConfig } from "../../src/cli/mnistCommand.js";
import { AUTHORS_CONFIG, SCALED_CONFIG } from "../../src/mnist/config.js";
import { lines, runCli } from "./runCli.js";

// A CI-sized slice: 200 training and 100 test digits, width 16, 3 epochs (about a second).
const SLICE = [
  "--width",
  "16",
  "--train-size",
  "200",
  "--test-size",
  "100",
  "--batch-size",
  "50",
  "--epochs",
  "3",
];

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
    expect(second).toEqual([
      2,
      e.lr,
      e.accuracyAB,
      e.accuracyA,
      e.accuracyB,
      e.meanLoss,
      e.firstBatchLoss,
    ]);
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
    it(`exits 2 with one line for ${args.join(" ") || "no options"}`, async () => {
      const { code, stdout, stderr } = await runCli(["mnist", ...args]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(lines(stderr)).toHaveLength(1);
      expect(stderr).toMatch(message);
    });
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
