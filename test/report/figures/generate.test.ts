import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadTask } from "../../../src/parallel/jobSource.js";
import { FIGURES, figureById } from "../../../src/report/figures/catalogue.js";
import {
  DEFAULT_FIGURE_SEED,
  FIGURE_SOURCE,
  figureJobRunner,
} from "../../../src/report/figures/generate.js";

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
  it("runs a job through the catalogue: the figure's own runJob on the job's input", () => {
    // Every figure's runJob is a pure function of its input (figure.ts); comparing the runner
    // with a direct call would need a simulation, so check the dispatch with a wrong key.
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
