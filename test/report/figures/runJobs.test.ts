import { describe, expect, it, vi } from "vitest";
import type { JobSource } from "../../../src/parallel/jobSource.js";
import type { FigureJob } from "../../../src/report/figures/figure.js";
import { FIGURE_SOURCE, runJobs } from "../../../src/report/figures/runJobs.js";
import { figureById } from "../../parallel/fixtures/probeJobs.js";

const PROBE: JobSource = {
  module: new URL("../../parallel/fixtures/probeJobs.ts", import.meta.url).href,
  resolver: "figureById",
};
const jobs = figureById("fake-probe").jobs({ seed: 1, repeats: 1 });
const runner = (job: FigureJob) => figureById(job.figure).runJob(job.input);

describe("runJobs (the figures' entry to the pool)", () => {
  it("with one thread calls the runner here, in job order, reporting progress", async () => {
    const spy = vi.fn(runner);
    const progress: [number, number][] = [];
    const results = await runJobs(jobs, spy, {
      threads: 1,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(spy).toHaveBeenCalledTimes(4);
    expect(results.map((r) => (r as { index: number }).index)).toEqual([0, 1, 2, 3]);
    expect(progress).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });

  it("with two threads resolves the jobs in workers from the source, not through the runner", async () => {
    const spy = vi.fn(runner);
    const progress: number[] = [];
    const results = await runJobs(jobs, spy, {
      threads: 2,
      source: PROBE,
      onProgress: (done) => progress.push(done),
    });
    expect(spy).not.toHaveBeenCalled();
    expect(results.map((r) => (r as { index: number }).index)).toEqual([0, 1, 2, 3]);
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it("sends figure jobs to the figure catalogue's figureById by default", () => {
    expect(FIGURE_SOURCE.resolver).toBe("figureById");
    expect(FIGURE_SOURCE.module).toMatch(/\/src\/report\/figures\/catalogue\.ts$/);
  });
});
