import type { Json } from "../../format/json.js";
import type { JobSource } from "../../parallel/jobSource.js";
import { threadsFor } from "../../parallel/threads.js";
import { runPool } from "../../parallel/workerPool.js";
import type { FigureJob } from "./figure.js";

/**
 * Where worker threads find the runner of a figure job: the figure catalogue's
 * `figureById` (job.figure → the FigureDefinition whose runJob computes the job).
 */
export const FIGURE_SOURCE: JobSource = {
  module: new URL("./catalogue.ts", import.meta.url).href,
  resolver: "figureById",
};

export interface RunJobsOptions {
  /** Threads (1 = run in this thread; more start worker threads, at most one per job). */
  readonly threads: number;
  /** Called after each finished job with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Where the workers resolve the jobs (default FIGURE_SOURCE). */
  readonly source?: JobSource;
}

/** Executes one job in this thread; the worker threads resolve it the same way from `source`. */
export type JobRunner = (job: FigureJob) => Json;

/**
 * Runs the jobs and returns their results in job order, so the output does not depend on
 * the number of threads (every runJob is a pure function of its input). With one thread
 * (or one job) `runner` runs them here; otherwise they are spread over worker threads.
 */
export async function runJobs(
  jobs: readonly FigureJob[],
  runner: JobRunner,
  options: RunJobsOptions,
): Promise<Json[]> {
  if (threadsFor(options.threads, jobs.length) === 1) {
    const results: Json[] = [];
    for (const job of jobs) {
      results.push(runner(job));
      options.onProgress?.(results.length, jobs.length);
    }
    return results;
  }
  const outcomes = await runPool(
    jobs.map((job) => ({ source: "figure", key: job.figure, input: job.input })),
    {
      sources: { figure: options.source ?? FIGURE_SOURCE },
      threads: options.threads,
      onResult: (_index, _outcome, done, total) => options.onProgress?.(done, total),
    },
  );
  return outcomes.map((outcome) => outcome.result);
}
