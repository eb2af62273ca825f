import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { outcomeMessage } from "../../src/cli/simulateText.js";
import { summarise } from "../../src/report/summary.js";
import { lines, runCli, TOY } from "./runCli.js";

async function simulateJson(args: readonly string[]) {
  const result = await runCli(["simulate", ...args, "--json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

/** A next-order block of a run that reached t_B: finite, and its error is that run's. */
function expectNextOrder(
  block: { ratio: number; tA: number; tB: number; relativeError: number; status: string },
  measured: number,
) {
  expect(block.status).toBe("reached");
  for (const key of ["ratio", "tA", "tB", "relativeError"] as const)
    expect(Number.isFinite(block[key])).toBe(true);
  expect(block.ratio).toBeCloseTo(block.tB / block.tA, 12);
  expect(block.relativeError).toBeCloseTo(measured / block.ratio - 1, 12);
}

describe("ubias simulate", () => {
  it("reports which integrators a deep run used (DOPRI5, then Rosenbrock on the stiff plateau)", async () => {
    const out = await simulateJson([
      ...TOY,
      "--depth",
      "5",
      "--fusion",
      "5",
      "--u0",
      "0.01",
      "--init",
      "balanced",
      "--width",
      "1",
    ]);
    expect(out.reached).toBe(true);
    expect(out.integrators.dopri5.steps + out.integrators.rosenbrock.steps).toBe(out.steps);
    expect(out.integrators.rosenbrock.from).toBeGreaterThan(0);
    // T4 at L = 5, u0 = 0.01: corrections O(u0³), measured 2.5e-7.
    expect(Math.abs(out.ratio / 5 - 1)).toBeLessThan(1e-5);
  });

  it("balanced two-layer late fusion reaches both thresholds with t_B/t_A within 2% of T2's 5", async () => {
    const out = await simulateJson([
      ...TOY,
      "--depth",
      "2",
      "--fusion",
      "2",
      "--u0",
      "1e-6",
      "--init",
      "balanced",
    ]);
    expect(out).toMatchObject({
      reached: true,
      status: "completed",
      firstModality: "A",
      init: "balanced",
      method: "flow",
      width: 8,
      seed: 0,
      swapped: false,
    });
    // T2's leading-order error with balanced init at u0 = 1e-6 is ≈ 0.9% (measured: 4.9547).
    expect(Math.abs(out.ratio / 5 - 1)).toBeLessThan(0.02);
    expect(out.prediction.source).toBe("T2");
    expect(out.prediction.ratio).toBeCloseTo(5, 12);
    expect(out.prediction.relativeError).toBeCloseTo(out.ratio / 5 - 1, 12);
    expect(out.duration).toBeCloseTo(out.tB - out.tA, 9);
    expect(out.steps).toBeGreaterThan(0);
    expect(out.gradientEvaluations).toBeGreaterThan(out.steps);
    expect(typeof out.rejectedSteps).toBe("number");
    expect(out.final.t).toBeGreaterThanOrEqual(out.tB);
    expect(out.final.wTot).toHaveLength(2);
    // T3: the plateau sits at [W_A^uni, 0] = [1.25, 0] with loss ℒ(M_A) = 0.375.
    expect(out.plateau.wTot[0]).toBeCloseTo(1.25, 3);
    expect(out.plateau.loss).toBeCloseTo(0.375, 3);
    expect(out.wallSeconds).toBeGreaterThan(0);
  });

  it("runs gradient descent with a learning rate", async () => {
    const out = await simulateJson([
      ...TOY,
      "--method",
      "gd",
      "--lr",
      "0.01",
      "--init",
      "balanced",
    ]);
    expect(out).toMatchObject({ method: "gd", lr: 0.01, reached: true, status: "completed" });
    expect(out.rtol).toBeUndefined();
    // X2: descent at η shifts the ratio by O(η) from the flow's; 0.01 keeps it within 5%.
    expect(Math.abs(out.ratio / 5 - 1)).toBeLessThan(0.05);
  });

  it("writes the trajectory as CSV (header, then one row per sample from t = 0)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ubias-trajectory-"));
    const file = join(dir, "nested", "run.csv");
    const out = await simulateJson([...TOY, "--init", "balanced", "--trajectory", file]);
    const [header, ...rows] = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(header).toBe("t,loss,wA_1,wB_1");
    expect(rows.length).toBeGreaterThan(10);
    const values = rows.map((row) => row.split(",").map(Number));
    for (const row of values) {
      expect(row).toHaveLength(4);
      for (const v of row) expect(Number.isFinite(v)).toBe(true);
    }
    expect(values[0]![0]).toBe(0);
    expect(values[0]![1]).toBeCloseTo(3.5, 9); // ℒ(0) = ½σ_y²
    const times = values.map((row) => row[0]!);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(values.at(-1)!).toEqual([out.final.t, out.final.loss, ...out.final.wTot]);
  });

  it("writes vector modalities in the user's input order, also when the blocks were swapped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ubias-vector-"));
    const stats = join(dir, "teacher.json");
    // Σ = I, w* = (0.1, 0.1 | 1, 1, 1): the user's B (three inputs) is the faster modality.
    const identity = [0, 1, 2, 3, 4].map((i) => [0, 1, 2, 3, 4].map((j) => (i === j ? 1 : 0)));
    writeFileSync(
      stats,
      JSON.stringify({ kind: "teacher", sigma: identity, wStar: [0.1, 0.1, 1, 1, 1], dA: 2 }),
    );
    const file = join(dir, "run.csv");
    const out = await simulateJson(["--stats", stats, "--init", "balanced", "--trajectory", file]);
    expect(out).toMatchObject({ swapped: true, firstModality: "B", reached: true });
    const [header, ...rows] = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(header).toBe("t,loss,wA_1,wA_2,wB_1,wB_2,wB_3");
    const last = rows.at(-1)!.split(",").map(Number);
    expect(last.slice(2)).toEqual(out.final.wTot);
    // At t_B the user's B is learned (≈ w*_B = 1) and the user's A is about half-way (≈ 0.05).
    for (const w of last.slice(4)) expect(w).toBeCloseTo(1, 1);
    for (const w of last.slice(2, 4)) expect(w).toBeCloseTo(0.05, 2);
  });

  it("reports a threshold not reached within the budget (null in JSON, a sentence in text)", async () => {
    const out = await simulateJson([...TOY, "--init", "balanced", "--max-time", "5"]);
    expect(out).toMatchObject({
      reached: false,
      status: "time-budget",
      ratio: null,
      tB: null,
      duration: null,
      firstModality: "A",
    });
    expect(out.tA).toBeGreaterThan(0);
    expect(out.prediction.relativeError).toBeNull();
    const text = await runCli(["simulate", ...TOY, "--init", "balanced", "--max-time", "5"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("t_B not reached within the budget (status: time-budget)");
  });

  it("says so explicitly when gradient descent diverges, and still exits 0", async () => {
    const text = await runCli(["simulate", ...TOY, "--method", "gd", "--lr", "3"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("the run diverged (status: diverged)");
    const out = await simulateJson([...TOY, "--method", "gd", "--lr", "3"]);
    expect(out).toMatchObject({ status: "diverged", reached: false });
  });

  it("maps the first modality and W^tot back to the user's labels when B is faster", async () => {
    const out = await simulateJson([
      "--sigma-a",
      "1",
      "--sigma-b",
      "2",
      "--rho",
      "0.5",
      "--init",
      "balanced",
    ]);
    expect(out).toMatchObject({ swapped: true, firstModality: "B", reached: true });
    // At t_B the faster modality (the user's B) is past its plateau, the user's A about half-way.
    expect(out.final.wTot[1]).toBeGreaterThan(out.final.wTot[0]);
    expect(Math.abs(out.ratio / 5 - 1)).toBeLessThan(0.02);
  });

  it("text mode lists the run and compares with the prediction", async () => {
    const { code, stdout } = await runCli(["simulate", ...TOY, "--init", "balanced"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^t_B\/t_A\s+4\.9\d+ \(T2 predicts 5: -0\.9\d\d%\)$/m);
    expect(stdout).toMatch(/^method\s+gradient flow/m);
  });
});

describe("ubias simulate: next-order prediction (two-layer late fusion)", () => {
  /**
   * The target for the init-aware next order: 1e-3 relative (its derivation drops
   * O(u0) and O(ε = 1e-7) terms; measured 4e-7 here, ~1e-5 on the paper's random family).
   */
  const NEXT_ORDER_TOLERANCE = 1e-3;

  it("predicts the Gaussian-init toy run to 1e-3, where T2 is off by more", async () => {
    // Defaults: width 8, Gaussian init, seed 0, u0 = 1e-6, flow.
    const out = await simulateJson([...TOY, "--depth", "2", "--fusion", "2"]);
    expect(out).toMatchObject({ reached: true, width: 8, init: "gaussian", u0: 1e-6 });
    const next = out.prediction.nextOrder;
    expectNextOrder(next, out.ratio);
    expect(Math.abs(next.relativeError)).toBeLessThan(NEXT_ORDER_TOLERANCE);
    // T2 on the toy: 1 + (s_A − s_B)/‖e_B‖ = 1 + (5 − 2)/0.75 = 5 (the paper's example). Its
    // error at this init, from the measured ratio, is well beyond the next order's.
    const t2Error = Math.abs(out.ratio / 5 - 1);
    expect(t2Error).toBeGreaterThan(NEXT_ORDER_TOLERANCE);
    expect(t2Error).toBeGreaterThan(10 * Math.abs(next.relativeError));
  });

  it("follows the run's own init: another seed, another prediction, each matching its run", async () => {
    const a = await simulateJson([...TOY, "--seed", "1"]);
    const b = await simulateJson([...TOY, "--seed", "2"]);
    expect(a.prediction.nextOrder.ratio).not.toBe(b.prediction.nextOrder.ratio);
    for (const out of [a, b])
      expect(Math.abs(out.prediction.nextOrder.relativeError)).toBeLessThan(NEXT_ORDER_TOLERANCE);
  });

  it("uses the oriented statistics' init when the user's B is faster (dA ≠ dB)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ubias-next-order-"));
    const stats = join(dir, "teacher.json");
    // Σ = I + 0.2 off-diagonal in B, w* = (0.3, 0.3 | 1, 1, 1): the user's B (3 inputs) is
    // faster, so the run trains a layout with blocks of 3 then 2 inputs.
    const sigma = [0, 1, 2, 3, 4].map((i) =>
      [0, 1, 2, 3, 4].map((j) => (i === j ? 1 : i >= 2 && j >= 2 ? 0.2 : 0)),
    );
    writeFileSync(
      stats,
      JSON.stringify({ kind: "teacher", sigma, wStar: [0.3, 0.3, 1, 1, 1], dA: 2 }),
    );
    const out = await simulateJson(["--stats", stats, "--seed", "3"]);
    expect(out).toMatchObject({ swapped: true, reached: true });
    expectNextOrder(out.prediction.nextOrder, out.ratio);
    expect(Math.abs(out.prediction.nextOrder.relativeError)).toBeLessThan(NEXT_ORDER_TOLERANCE);
  });

  it("is reported for gradient descent too (the flow's prediction; descent adds O(η))", async () => {
    const out = await simulateJson([...TOY, "--method", "gd", "--lr", "0.01", "--u0", "1e-3"]);
    expect(out).toMatchObject({ method: "gd", reached: true });
    expectNextOrder(out.prediction.nextOrder, out.ratio);
  });

  it.each([
    ["deep late fusion", ["--depth", "4", "--fusion", "4", "--u0", "0.1"]],
    ["two-layer early fusion", ["--depth", "2", "--fusion", "1"]],
    ["finite data", ["--samples", "200", "--u0", "1e-3"]],
    ["ReLU units", ["--activation", "relu", "--u0", "1e-3"]],
  ])("is absent outside two-layer linear late fusion on the population: %s", async (_, args) => {
    const out = await simulateJson([...TOY, ...args]);
    expect(out.prediction === undefined || !("nextOrder" in out.prediction)).toBe(true);
    expect(JSON.stringify(out)).not.toContain("nextOrder");
  });

  it("is absent where t_B is undefined (W_B^full = 0), null-free where the run stopped early", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ubias-no-b-"));
    const stats = join(dir, "teacher.json");
    // w* = (1, 0) with Σ = I: B has nothing to learn, T2 is out of domain (no-B-solution).
    writeFileSync(
      stats,
      JSON.stringify({
        kind: "teacher",
        sigma: [
          [1, 0],
          [0, 1],
        ],
        wStar: [1, 0],
        dA: 1,
      }),
    );
    const none = await simulateJson(["--stats", stats, "--max-time", "100"]);
    expect(none.prediction.outOfDomain).toBe("no-B-solution");
    expect(none.prediction.nextOrder).toBeUndefined();
    const predicted = await runCli(["predict", "--stats", stats, "--json"]);
    expect(JSON.parse(predicted.stdout).nextOrder).toBeUndefined();
    // A run cut before t_B: the prediction stands, only its error is missing (null).
    const cut = await simulateJson([...TOY, "--max-time", "5"]);
    expect(cut.reached).toBe(false);
    expect(Number.isFinite(cut.prediction.nextOrder.ratio)).toBe(true);
    expect(cut.prediction.nextOrder.relativeError).toBeNull();
  });

  it("text mode prints it on one line with the run's error", async () => {
    const { code, stdout } = await runCli(["simulate", ...TOY]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^next order\s+t_B\/t_A [\d.]+ \(t_A [\d.]+, t_B [\d.]+\): measured -?[\d.e-]+%$/m,
    );
  });
});

describe("outcomeMessage", () => {
  it("is silent for a clean run", () => {
    expect(outcomeMessage({ tA: 1, tB: 2, status: "completed" })).toBeUndefined();
  });
  it("names the missing thresholds and the cause", () => {
    expect(outcomeMessage({ tA: Number.NaN, tB: Number.NaN, status: "step-budget" })).toBe(
      "t_A and t_B not reached within the budget (status: step-budget)",
    );
    expect(outcomeMessage({ tA: 1, tB: Number.NaN, status: "step-underflow" })).toBe(
      "t_B not reached: the integrator's step size underflowed (status: step-underflow)",
    );
    expect(outcomeMessage({ tA: 1, tB: 2, status: "diverged" })).toBe(
      "both thresholds were crossed, then the run diverged (status: diverged)",
    );
  });
});

describe("ubias simulate --repeats", () => {
  /** Two-layer late fusion, Gaussian init, u0 = 1e-3: a fraction of a second per run. */
  const FAST = [...TOY, "--u0", "1e-3"] as const;

  it("runs seeds seed … seed + N − 1 and summarises the ratio over the runs that reached t_B", async () => {
    const out = await simulateJson([...FAST, "--seed", "5", "--repeats", "3"]);
    const { runs, ratio, notReached } = out.repeats;
    expect(runs.map((r: { seed: number }) => r.seed)).toEqual([5, 6, 7]);
    for (const run of runs) {
      expect(Object.keys(run).sort()).toEqual(
        ["nextOrder", "ratio", "reached", "seed", "status", "steps", "tA", "tB"].sort(),
      );
      expect(run).toMatchObject({ reached: true, status: "completed" });
      expect(run.ratio).toBeCloseTo(run.tB / run.tA, 12);
      // Each seed carries the next-order prediction of its own init, not the first run's.
      expectNextOrder(run.nextOrder, run.ratio);
    }
    expect(new Set(runs.map((r: { nextOrder: { ratio: number } }) => r.nextOrder.ratio)).size).toBe(
      3,
    );
    expect(notReached).toBe(0);
    const expected = summarise(runs.map((r: { ratio: number }) => r.ratio));
    expect(ratio).toEqual(expected);
    for (const key of ["mean", "median", "min", "max", "std", "iqr"])
      expect(ratio).toHaveProperty(key);
    expect(out.repeats.medianRelativeError).toBeCloseTo(ratio.median / 5 - 1, 12);
    // The top-level keys are the first run's (seed 5), as without --repeats.
    expect(out).toMatchObject({ seed: 5, ratio: runs[0].ratio, tA: runs[0].tA, tB: runs[0].tB });
    const single = await simulateJson([...FAST, "--seed", "6"]);
    expect(single.ratio).toBe(runs[1].ratio);
    expect(single.prediction.nextOrder).toEqual(runs[1].nextOrder);
  });

  it("counts the runs that did not reach t_B and leaves them out of the statistics", async () => {
    const out = await simulateJson([...FAST, "--repeats", "2", "--max-time", "2"]);
    expect(out.repeats.notReached).toBe(2);
    expect(out.repeats.ratio.count).toBe(0);
    expect(out.repeats.ratio.median).toBeNull();
    expect(out.repeats.runs[0]).toMatchObject({ reached: false, status: "time-budget", tB: null });
  });

  it("keeps today's output without --repeats or with --repeats 1", async () => {
    const plain = await simulateJson([...FAST]);
    const one = await simulateJson([...FAST, "--repeats", "1"]);
    expect(plain.repeats).toBeUndefined();
    expect(one.repeats).toBeUndefined();
    expect({ ...one, wallSeconds: 0 }).toEqual({ ...plain, wallSeconds: 0 });
  });

  it("shows the run count on a terminal and clears it after the last run", async () => {
    const { code, stderr } = await runCli(["simulate", ...FAST, "--repeats", "2"], {
      isTTY: true,
    });
    expect(code).toBe(0);
    expect(stderr).toContain("run 1/2");
    expect(stderr.endsWith("\r\x1b[2K")).toBe(true);
  });

  it("text mode prints a compact summary and one line per run", async () => {
    const { code, stdout } = await runCli(["simulate", ...FAST, "--repeats", "3"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^init\s+gaussian, u0 = 0\.001, seeds 0 … 2$/m);
    expect(stdout).toMatch(/^runs\s+3: 3 reached t_B, 0 not reached, /m);
    expect(stdout).toMatch(
      /^t_B\/t_A\s+median [\d.]+ \(T2 predicts 5: median -?[\d.]+%\); IQR [\d.]+ \[[\d.]+, [\d.]+\]; min [\d.]+, max [\d.]+; mean [\d.]+, sd [\d.]+$/m,
    );
    const table = lines(stdout).slice(lines(stdout).findIndex((l) => l.startsWith("seed")));
    expect(table[0]!.split(/\s+/)).toEqual([
      "seed",
      "t_B/t_A",
      "t_A",
      "t_B",
      "next-order",
      "status",
    ]);
    expect(table.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["0", "1", "2"]);
  });

  it.each([
    ["--repeats 0", ["--repeats", "0"], ["--repeats", "[1, 100000]"]],
    ["fractional repeats", ["--repeats", "1.5"], ["--repeats", "integer"]],
    [
      "balanced init",
      ["--repeats", "2", "--init", "balanced"],
      ["ubias: --repeats: needs --init gaussian"],
    ],
    [
      "seeds past the largest",
      ["--repeats", "3", "--seed", "4294967294"],
      ["--repeats", "4294967295"],
    ],
    [
      "with --trajectory",
      ["--repeats", "2", "--trajectory", "x.csv"],
      ["--trajectory", "--repeats"],
    ],
  ])("bad input: %s → exit 2, one line naming the field", async (_, args, expected) => {
    const { code, stdout, stderr } = await runCli(["simulate", ...TOY, ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const errorLines = lines(stderr);
    expect(errorLines).toHaveLength(1);
    for (const text of expected) expect(errorLines[0]).toContain(text);
  });
});
