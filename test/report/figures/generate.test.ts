import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadTask } from "../../../src/parallel/jobSource.js";
import { FIGURES, figureById } from "../../../src/report/figures/catalogue.js";
import {
  DEFAULT_FIGURE_SEED,
  FIGURE_SOURCE,
  figureJobRunner,
} from "../../../src/report/figures/generate.js";
import { type NetworkJob, runNetworkJob } from "../../../src/report/figures/simulationJob.js";

describe("FIGURE_SOURCE", () => {
  it("resolves every figure id the way a worker thread does, to the catalogue's definition", async () => {
    for (const f of FIGURES) {
      const task = await loadTask(FIGURE_SOURCE, f.id);
      expect(task.runJob, f.id).toBeTypeOf("function");
      // Same module instance in this thread: the very definition of the catalogue.
      expect(task, f.id).toBe(figureById(f.id));
    }
  });

  it("an unknown key fails in the worker's resolver too", async () => {
    await expect(loadTask(FIGURE_SOURCE, "no-such-figure")).rejects.toThrow(/unknown figure/);
  });
});

describe("figureJobRunner", () => {
  it("runs a job through the catalogue: the named figure's runJob on the job's input", () => {
    // The first linear-network job of toy-ratio, run through the runner and directly by the
    // simulation it names (runNetworkJob): a dispatch to another figure would fail on the
    // input's shape or give another result.
    const job = figureById("toy-ratio")
      .jobs({ repeats: 1, seed: DEFAULT_FIGURE_SEED })
      .find((j) => (j.input as { network?: string }).network !== "ReLU")!;
    const viaRunner = figureJobRunner({ key: job.figure, input: job.input });
    expect(viaRunner).toEqual(runNetworkJob(job.input as unknown as NetworkJob));
    expect((viaRunner as { status: string }).status).toBe("completed");
  });

  it("an unknown key is the catalogue's InputError", () => {
    expect(() => figureJobRunner({ key: "no-such-figure", input: null })).toThrow(/unknown figure/);
  });
});

describe("DEFAULT_FIGURE_SEED", () => {
  it("is the property suite's default seed (vitest.config.ts)", () => {
    const config = readFileSync(new URL("../../../vitest.config.ts", import.meta.url), "utf8");
    const seed = /UBIAS_SEED \?\? "(\d+)"/.exec(config)?.[1];
    expect(DEFAULT_FIGURE_SEED).toBe(Number(seed));
  });
});
