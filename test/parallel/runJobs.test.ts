import { describe, expect, it, vi } from "vitest";
import type { JobSource } from "../../src/parallel/jobSource.js";
import type { KeyedJob } from "../../src/parallel/runJobs.js";
import { runJobs } from "../../src/parallel/runJobs.js";
import { figureById } from "./fixtures/probeJobs.js";

const PROBE: JobSource = {
  module: new URL("./fixtures/probeJobs.ts", import.meta.url).href,
  resolver: "figureById",
};
const jobs: KeyedJob[] = figureById("fake-probe")
  .jobs({ seed: 1, repeats: 1 })
  .map((job) => ({ key: job.figure, input: job.input }));
const runner = (job: KeyedJob) => figureById(job.key).runJob(job.input);

describe("runJobs (one source's jobs on the pool)", () => {
  it("with one thread calls the runner here, in job order, reporting progress", async () => {
    const spy = vi.fn(runner);
    const progress: [number, number][] = [];
    const results = await runJobs(jobs, spy, {
      threads: 1,
      source: PROBE,
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
});
