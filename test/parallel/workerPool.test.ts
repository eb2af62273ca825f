import { threadId } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type { Json } from "../../src/format/json.js";
import type { JobSource, PoolJob } from "../../src/parallel/jobSource.js";
import { JobError, runPool } from "../../src/parallel/workerPool.js";
import * as fake from "./fixtures/fakeFigures.js";
import * as probe from "./fixtures/probeJobs.js";

/** The fake figure catalogue (real simulations) as a job source, as workers see it. */
const FAKE: JobSource = {
  module: new URL("./fixtures/fakeFigures.ts", import.meta.url).href,
  resolver: "figureById",
};
/** Light jobs (no simulation code to load) for dispatch and failure tests. */
const PROBE: JobSource = {
  module: new URL("./fixtures/probeJobs.ts", import.meta.url).href,
  resolver: "figureById",
};
const sources = { figure: PROBE };

function jobsOf(figure: string, seed = 11, repeats = 2): PoolJob[] {
  const catalogue = figure === "fake-ratio" ? fake : probe;
  return catalogue
    .figureById(figure)
    .jobs({ seed, repeats })
    .map((job) => ({ source: "figure", key: job.figure, input: job.input }));
}

/** Every number of a JSON value, in traversal order, as raw float64 bits. */
function float64Bits(value: Json): Uint8Array {
  const numbers: number[] = [];
  const walk = (v: Json) => {
    if (typeof v === "number") numbers.push(v);
    else if (Array.isArray(v)) for (const item of v) walk(item);
    else if (v !== null && typeof v === "object")
      for (const key of Object.keys(v).sort()) walk((v as Record<string, Json>)[key]!);
  };
  walk(value);
  return new Uint8Array(Float64Array.from(numbers).buffer);
}

describe("runPool (worker threads)", () => {
  it("gives bit-identical results with 1 and 2 threads for the same seed (real gradient-flow simulations)", async () => {
    const jobs = jobsOf("fake-ratio");
    const sources = { figure: FAKE };
    const serial = await runPool(jobs, { sources, threads: 1 });
    const parallel = await runPool(jobs, { sources, threads: 2 });
    const serialResults = serial.map((o) => o.result);
    const parallelResults = parallel.map((o) => o.result);
    expect(serialResults).toHaveLength(12);
    expect(parallelResults).toEqual(serialResults);
    // toEqual treats the numbers as values; this compares their IEEE-754 bits.
    expect(float64Bits(parallelResults)).toEqual(float64Bits(serialResults));
    // The jobs differ (each width and seed gives other phase times), so job order is tested too.
    expect(new Set(serialResults.map((r) => JSON.stringify(r))).size).toBe(12);
    // A different seed changes the results: the comparison is not between constants.
    const other = await runPool(jobsOf("fake-ratio", 12), { sources, threads: 1 });
    expect(other.map((o) => o.result)).not.toEqual(serialResults);
  });

  it("runs the jobs in worker threads and reports each once, with its time", async () => {
    const seen: number[] = [];
    const outcomes = await runPool(jobsOf("fake-probe"), {
      sources,
      threads: 2,
      onResult: (index, outcome, done, total) => {
        seen.push(index);
        expect(outcome.ms).toBeGreaterThanOrEqual(0);
        expect(done).toBe(seen.length);
        expect(total).toBe(4);
      },
    });
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    const results = outcomes.map((o) => o.result as { index: number; threadId: number });
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    for (const r of results) expect(r.threadId).not.toBe(threadId);
    expect(new Set(results.map((r) => r.threadId)).size).toBeLessThanOrEqual(2);
  });

  it("runs in this thread with one thread or one job", async () => {
    const outcomes = await runPool(jobsOf("fake-probe").slice(0, 1), { sources, threads: 4 });
    expect(outcomes[0]!.result).toEqual({ index: 0, threadId });
  });

  it("returns [] for no jobs", async () => {
    expect(await runPool([], { sources, threads: 2 })).toEqual([]);
  });

  it.each([1, 2])(
    "rejects with the failing job's index and message (%i threads)",
    async (threads) => {
      const run = runPool(jobsOf("fake-broken"), { sources, threads });
      await expect(run).rejects.toBeInstanceOf(JobError);
      await expect(run).rejects.toMatchObject({
        index: 2,
        message: "job 2 (figure fake-broken): fake failure in job 2",
      });
    },
  );

  it("fails clearly, without hanging, when a worker thread dies", async () => {
    const run = runPool(jobsOf("fake-crash"), { sources, threads: 2 });
    await expect(run).rejects.toMatchObject({
      index: 1,
      message: "job 1 (figure fake-crash): worker thread exited with code 7",
    });
  });

  it("a throwing progress callback stops the run with its error", async () => {
    const run = runPool(jobsOf("fake-probe"), {
      sources,
      threads: 2,
      onResult: () => {
        throw new Error("progress display failed");
      },
    });
    await expect(run).rejects.toThrow("progress display failed");
  });

  it("rejects unknown sources, missing exports and keys the resolver rejects", async () => {
    await expect(
      runPool([{ source: "nope", key: "x", input: null }], { sources, threads: 2 }),
    ).rejects.toThrow('unknown job source "nope"');
    const missing = { figure: { ...PROBE, resolver: "noSuchExport" } };
    await expect(runPool(jobsOf("fake-probe"), { sources: missing, threads: 2 })).rejects.toThrow(
      `job 0 (figure fake-probe): ${PROBE.module} has no function export noSuchExport`,
    );
    await expect(
      runPool([{ source: "figure", key: "no-such-figure", input: null }], { sources, threads: 1 }),
    ).rejects.toThrow("unknown figure no-such-figure");
  });

  it("rejects an invalid thread count", async () => {
    await expect(runPool(jobsOf("fake-probe"), { sources, threads: 0 })).rejects.toThrow(
      "threads: must be an integer in [1, 256], got 0",
    );
  });
});
