import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { figureSettings } from "../../src/cli/figureCommand.js";
import { FIGURES } from "../../src/report/figures/catalogue.js";
import { lines, runCli } from "./runCli.js";

describe("ubias figure", () => {
  it("lists the figures with their claims", async () => {
    const { code, stdout } = await runCli(["figure", "--list"]);
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out).toHaveLength(FIGURES.length);
    expect(out[0]).toMatch(/^trajectories\s+T1,T2,T3\s+Training trajectories/);
  });

  it("writes <id>.svg and <id>.csv into --out, progress only on a terminal", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ubias-figure-")), "nested");
    const { code, stdout, stderr } = await runCli(["figure", "depth-losses", "--out", dir]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(
      /^depth-losses: wrote .*depth-losses\.svg and .*depth-losses\.csv \(\d+ rows, 4 simulations/,
    );
    expect(lines(stdout)[1]).toMatch(/^1 figure in \d+\.\d\d s$/);
    expect(readFileSync(join(dir, "depth-losses.svg"), "utf8")).toMatch(/^<svg/);
    expect(readFileSync(join(dir, "depth-losses.csv"), "utf8")).toMatch(/^source,series,t,loss\n/);
    const tty = await runCli(["figure", "depth-losses", "--out", dir], { isTTY: true });
    expect(tty.stderr).toContain("figure depth-losses: 4/4 simulations");
  });

  it("rejects an unknown or missing id in one line naming the valid ids (exit 2)", async () => {
    for (const args of [["figure", "nope"], ["figure"]]) {
      const { code, stderr } = await runCli(args);
      expect(code).toBe(2);
      expect(lines(stderr)).toHaveLength(1);
      expect(stderr).toMatch(
        /^ubias: figure: .*valid ids: trajectories, phase-portrait, toy-ratio, .*all/,
      );
    }
  });

  it("validates --repeats, --seed and --threads", async () => {
    for (const [flag, value] of [
      ["--repeats", "0"],
      ["--seed", "-1"],
      ["--threads", "1.5"],
    ] as const) {
      const { code, stderr } = await runCli(["figure", "deep-init", flag, value]);
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`^ubias: ${flag}: must be an integer`));
    }
    expect(figureSettings("all", {}).figures).toBe(FIGURES);
    expect(figureSettings("toy-ratio", { repeats: "3", seed: "7" }).options).toEqual({
      repeats: 3,
      seed: 7,
    });
  });

  it("takes --rho and --gaussian-width where they apply, in their bounds (issue 17 item 5)", async () => {
    expect(figureSettings("deep-init", { rho: "0.5", gaussianWidth: "100" }).options).toEqual({
      repeats: 1,
      seed: 20240527,
      rho: 0.5,
      gaussianWidth: 100,
    });
    // "all": each figure takes what applies to it.
    expect(figureSettings("all", { rho: "0.5" }).options.rho).toBe(0.5);
    for (const [args, message] of [
      [["--rho", "0.95"], /^ubias: --rho: must be in \[0, 0\.9\], got 0\.95\n$/],
      [["--rho", "x"], /^ubias: --rho: must be a finite number/],
      [["--gaussian-width", "0"], /^ubias: --gaussian-width: must be an integer/],
    ] as const) {
      const { code, stderr } = await runCli(["figure", "deep-init", ...args]);
      expect(code).toBe(2);
      expect(lines(stderr)).toHaveLength(1);
      expect(stderr).toMatch(message);
    }
    // A figure that sweeps ρ (or draws no deep Gaussian runs) refuses the setting by name.
    for (const [id, flag] of [
      ["deep-rho", "--rho"],
      ["toy-ratio", "--gaussian-width"],
    ] as const) {
      const { code, stderr } = await runCli(["figure", id, flag, "1"]);
      expect(code).toBe(2);
      expect(stderr).toMatch(
        new RegExp(`^ubias: ${flag}: figure ${id} does not take it; it applies to `),
      );
    }
  });
});
