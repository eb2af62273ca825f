import { describe, expect, it } from "vitest";
import {
  experimentInput,
  MAX_REPEATS,
  SIMULATE_DEFAULTS,
  simulateSettings,
} from "../../src/cli/simulateOptions.js";
import { fromToy } from "../../src/statistics/toy.js";
import { thrownInputError as thrown } from "../helpers/thrownInputError.js";
import { lines, runCli, TOY } from "./runCli.js";

describe("simulateSettings", () => {
  it("defaults: width 8, Gaussian init seed 0, gradient flow, one run", () => {
    expect(SIMULATE_DEFAULTS).toEqual({ width: 8, init: "gaussian", seed: 0, method: "flow" });
    expect(simulateSettings({})).toEqual({
      depth: 2,
      fusionLayer: 2,
      u0: 1e-6,
      width: 8,
      init: "gaussian",
      seed: 0,
      method: { kind: "flow" },
      untilConverged: false,
      repeats: 1,
    });
  });

  it("--width in [1, 4096] and --seed in [0, 2³² − 1], errors naming the flag and bound", () => {
    expect(simulateSettings({ width: "4096" }).width).toBe(4096);
    const w = thrown(() => simulateSettings({ width: "4097" }));
    expect(w.field).toBe("--width");
    expect(w.message).toContain("[1, 4096]");
    expect(thrown(() => simulateSettings({ width: "0" })).field).toBe("--width");
    expect(simulateSettings({ seed: "4294967295" }).seed).toBe(0xffffffff);
    const s = thrown(() => simulateSettings({ seed: "4294967296" }));
    expect(s.field).toBe("--seed");
    expect(s.message).toContain("4294967295");
  });

  it("--init is balanced or gaussian", () => {
    expect(simulateSettings({ init: "balanced" }).init).toBe("balanced");
    const e = thrown(() => simulateSettings({ init: "xavier" }));
    expect(e.field).toBe("--init");
    expect(e.message).toContain("balanced, gaussian");
  });

  it("--method gd needs --lr > 0 and takes no --rtol; flow takes --rtol and no --lr", () => {
    expect(simulateSettings({ method: "gd", lr: "0.05" }).method).toEqual({
      kind: "gd",
      learningRate: 0.05,
    });
    expect(thrown(() => simulateSettings({ method: "gd" })).field).toBe("--lr");
    expect(thrown(() => simulateSettings({ method: "gd", lr: "0" })).field).toBe("--lr");
    expect(thrown(() => simulateSettings({ method: "gd", lr: "0.1", rtol: "1e-8" })).field).toBe(
      "--rtol",
    );
    expect(thrown(() => simulateSettings({ lr: "0.1" })).field).toBe("--lr");
    expect(simulateSettings({ rtol: "1e-8" }).method).toEqual({ kind: "flow", rtol: 1e-8 });
    expect(thrown(() => simulateSettings({ method: "euler" })).field).toBe("--method");
  });

  it("--rtol in [1e-14, 1): the floor of double precision is named", () => {
    expect(simulateSettings({ rtol: "1e-14" }).method).toEqual({ kind: "flow", rtol: 1e-14 });
    const e = thrown(() => simulateSettings({ rtol: "1e-15" }));
    expect(e.field).toBe("--rtol");
    expect(e.message).toContain(">= 1e-14");
    expect(thrown(() => simulateSettings({ rtol: "1" })).field).toBe("--rtol");
  });

  it("budgets: --max-time > 0, --max-steps a positive integer, absent ones absent", () => {
    const s = simulateSettings({ maxTime: "50", maxSteps: "10" });
    expect([s.maxTime, s.maxSteps]).toEqual([50, 10]);
    expect("maxTime" in simulateSettings({})).toBe(false);
    expect(thrown(() => simulateSettings({ maxTime: "0" })).field).toBe("--max-time");
    expect(thrown(() => simulateSettings({ maxSteps: "0" })).field).toBe("--max-steps");
    expect(thrown(() => simulateSettings({ maxSteps: "1.5" })).field).toBe("--max-steps");
    expect(simulateSettings({ untilConverged: true }).untilConverged).toBe(true);
  });

  it("--repeats N: in [1, 100000], Gaussian init only, seeds within 32 bits, no --trajectory", () => {
    expect(MAX_REPEATS).toBe(100_000);
    expect(simulateSettings({ repeats: "3" }).repeats).toBe(3);
    expect(thrown(() => simulateSettings({ repeats: "0" })).field).toBe("--repeats");
    expect(thrown(() => simulateSettings({ repeats: "100001" })).message).toContain("[1, 100000]");
    expect(thrown(() => simulateSettings({ repeats: "2", init: "balanced" })).message).toContain(
      "gaussian",
    );
    // Seeds 4294967294 and 4294967295 fit; one more does not.
    expect(simulateSettings({ repeats: "2", seed: "4294967294" }).repeats).toBe(2);
    const over = thrown(() => simulateSettings({ repeats: "3", seed: "4294967294" }));
    expect(over.field).toBe("--repeats");
    expect(over.message).toContain("4294967294 … 4294967296");
    expect(thrown(() => simulateSettings({ repeats: "2", trajectory: "t.csv" })).field).toBe(
      "--trajectory",
    );
    // A single run may write a trajectory, balanced or not.
    expect(simulateSettings({ repeats: "1", init: "balanced", trajectory: "t.csv" }).repeats).toBe(
      1,
    );
  });
});

describe("experimentInput", () => {
  it("maps the settings onto the experiment, faster-first, budgets only when given", () => {
    const settings = simulateSettings({
      depth: "3",
      width: "5",
      seed: "7",
      maxSteps: "9",
      u0: "0.01",
    });
    const data = {
      kind: "population" as const,
      stats: fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 }),
    };
    const input = experimentInput(settings, "relu", data);
    expect(input).toEqual({
      data,
      model: { depth: 3, fusionLayer: 3, width: 5, activation: "relu" },
      init: { kind: "gaussian", u0: 0.01, seed: 7 },
      method: { kind: "flow" },
      budgets: { maxSteps: 9, untilConverged: false },
      orientation: "faster-first",
    });
    const onProgress = () => {};
    expect(experimentInput(settings, "linear", data, onProgress).onProgress).toBe(onProgress);
  });
});

describe("--relu-model (issue 16)", () => {
  const relu = [...TOY, "--activation", "relu", "--width", "6", "--u0", "1e-3"];
  const onSamples = [...relu, "--samples", "400", "--method", "gd", "--lr", "0.05"];
  const deepOnSamples = [
    ...relu.map((a) => (a === "1e-3" ? "0.1" : a)),
    ...["--samples", "400", "--method", "gd", "--lr", "0.05", "--depth", "3", "--fusion", "3"],
  ];

  it.each([
    ["auto", onSamples, "moments", "samples-feature-moments"],
    ["sampled", onSamples, "sampled", "samples"],
    ["moments", onSamples, "moments", "samples-feature-moments"],
    ["population", relu, "population", "population-closed-form"],
    // Deep at u0 = 0.1: 369 steps (at the others' 1e-3 the plateau ~1/u0 took 2.7 s).
    ["sampled", deepOnSamples, "sampled", "samples"],
  ])("%s: the JSON names the path that ran", async (choice, args, reluModel, training) => {
    const result = await runCli(["simulate", ...args, "--relu-model", choice, "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ reluModel, training });
  });

  it.each([
    [relu, "sampled", /sampled trains on samples/],
    [onSamples, "population", /population .* not on samples/],
    [[...onSamples, "--fusion", "1"], "moments", /moments needs two-layer late fusion .* Lf = 1/],
    [[...TOY, "--samples", "50"], "sampled", /needs --activation relu/],
    [onSamples, "fast", /must be one of auto, sampled, moments, population/],
  ])(
    "an impossible choice exits 2 with one line naming --relu-model (%#)",
    async (args, choice, why) => {
      const result = await runCli(["simulate", ...args, "--relu-model", choice]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      const [line, ...rest] = lines(result.stderr);
      expect(rest).toEqual([]);
      expect(line).toMatch(/--relu-model/);
      expect(line).toMatch(why);
    },
  );
});
