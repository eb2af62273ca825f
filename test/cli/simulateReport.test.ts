import { describe, expect, it } from "vitest";
import { experimentInput, simulateSettings } from "../../src/cli/simulateOptions.js";
import { simulateRepeatsReport, simulateReport } from "../../src/cli/simulateReport.js";
import { repeatsText, simulateText } from "../../src/cli/simulateText.js";
import { runSeedSweep } from "../../src/experiment/repeats.js";
import { runExperiment } from "../../src/experiment/run.js";
import { fromToy } from "../../src/statistics/toy.js";

// A user's B faster (σA = 1 < σB = 2): the report must say it swapped.
const data = { kind: "population" as const, stats: fromToy({ sigmaA: 1, sigmaB: 2, rho: 0.3 }) };

describe("simulateReport", () => {
  const settings = simulateSettings({ width: "4", u0: "1e-4", seed: "3" });
  const result = runExperiment(experimentInput(settings, "linear", data));
  const report = simulateReport(result, settings);

  it("flattens the result: times, outcome, states, measurements and the run's settings", () => {
    expect(report.ratio).toBe(result.times.ratio);
    expect(report.tA).toBe(result.times.tA);
    expect(report.steps).toBe(result.outcome.steps);
    expect(report.status).toBe(result.outcome.status);
    expect(report.final).toBe(result.final);
    expect(report.normA).toBe(result.measurements.normA);
    expect(report.swapped).toBe(true);
    expect(report.firstModality).toBe("B");
    expect({
      seed: report.seed,
      width: report.width,
      u0: report.u0,
      depth: report.depth,
      fusion: report.fusion,
    }).toEqual({
      seed: 3,
      width: 4,
      u0: 1e-4,
      depth: 2,
      fusion: 2,
    });
  });

  it("flow without --rtol reports the default rtol 1e-10; gd reports its lr and no rtol", () => {
    expect(report.method).toBe("flow");
    expect(report.rtol).toBe(1e-10);
    expect("lr" in report).toBe(false);
    const gdSettings = simulateSettings({ method: "gd", lr: "0.05", maxSteps: "5" });
    const gd = simulateReport(
      runExperiment(experimentInput(gdSettings, "linear", data)),
      gdSettings,
    );
    expect(gd.lr).toBe(0.05);
    expect("rtol" in gd).toBe(false);
  });

  it("the text names the swap, the settings and the measured ratio", () => {
    const text = simulateText(report);
    expect(text).toContain("your modality B has the larger");
    expect(text).toContain("width 4");
    expect(text).toContain("seed 3");
    expect(text).toContain("rtol 1e-10");
    expect(text.endsWith("\n")).toBe(true);
  });
});

describe("simulateRepeatsReport", () => {
  const settings = simulateSettings({ width: "4", u0: "1e-4", seed: "10", repeats: "3" });
  const sweep = runSeedSweep(experimentInput(settings, "linear", data), 3);
  const report = simulateRepeatsReport(sweep, settings);

  it("lists the runs with consecutive seeds and summarises the ratios of those that reached t_B", () => {
    expect(report.repeats.runs.map((r) => r.seed)).toEqual([10, 11, 12]);
    expect(report.repeats.notReached).toBe(0);
    const ratios = sweep.results.map((r) => r.times.ratio).sort((a, b) => a - b);
    // The median of three values is the middle one.
    expect(report.repeats.ratio.median).toBe(ratios[1]);
    expect(report.repeats.ratio.min).toBe(ratios[0]);
    expect(report.repeats.ratio.max).toBe(ratios[2]);
    expect(report.repeats.medianRelativeError).toBeCloseTo(
      ratios[1]! / report.prediction.ratio - 1,
      14,
    );
    // The top-level fields are the first run's.
    expect(report.seed).toBe(10);
    expect(report.final).toEqual(sweep.results[0]!.final);
  });

  it("the repeats text has the seed range and one table row per run", () => {
    const text = repeatsText(report);
    expect(text).toContain("seeds 10 … 12");
    expect(text).toContain("3: 3 reached t_B, 0 not reached");
    const table = text.split("\n\n")[1]!.trimEnd().split("\n");
    expect(table).toHaveLength(4); // header + 3 runs
    expect(table[0]!.startsWith("seed")).toBe(true);
    expect(table[1]!.startsWith("10 ")).toBe(true);
  });
});
