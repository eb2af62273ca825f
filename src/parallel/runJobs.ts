import type { FigureJob, Json } from "../report/figures/figure.js";

export interface RunJobsOptions {
  /** Worker threads (1 = run in this thread). */
  readonly threads: number;
  /** Called after each finished job with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Executes one job; the worker threads resolve it the same way from the figure catalogue. */
export type JobRunner = (job: FigureJob) => Json;

/**
 * Runs the jobs and returns their results in job order (so output does not depend on the
 * number of threads). Serial placeholder: the worker-thread pool replaces the body.
 */
export async function runJobs(
  jobs: readonly FigureJob[],
  runner: JobRunner,
  options: RunJobsOptions,
): Promise<Json[]> {
  const results: Json[] = [];
  for (const job of jobs) {
    results.push(runner(job));
    options.onProgress?.(results.length, jobs.length);
  }
  return results;
}
