import type { Json } from "../format/json.js";
import type { JobSource } from "./jobSource.js";
import { threadsFor } from "./threads.js";
import { runPool } from "./workerPool.js";

/**
 * One job of a single source: the key its source's resolver maps to a task (a figure id,
 * a claim ID, ...) and the task's JSON input. src/parallel knows nothing of what the keys
 * name; the caller says where the tasks live (`RunJobsOptions.source`).
 */
export interface KeyedJob {
  readonly key: string;
  readonly input: Json;
}

export interface RunJobsOptions {
  /** Threads (1 = run in this thread; more start worker threads, at most one per job). */
  readonly threads: number;
  /** Called after each finished job with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Where the workers resolve the jobs: a module and its resolver export (key → task). */
  readonly source: JobSource;
}

/** Executes one job in this thread; the worker threads resolve it the same way from `source`. */
export type JobRunner = (job: KeyedJob) => Json | Promise<Json>;

/**
 * Runs the jobs and returns their results in job order, so the output does not depend on
 * the number of threads (every runJob is a pure function of its input). With one thread
 * (or one job) `runner` runs them here; otherwise they are spread over worker threads,
 * which import `options.source` to resolve each job's task.
 */
export async function runJobs(
  jobs: readonly KeyedJob[],
  runner: JobRunner,
  options: RunJobsOptions,
): Promise<Json[]> {
  if (threadsFor(options.threads, jobs.length) === 1) {
    const results: Json[] = [];
    for (const job of jobs) {
      results.push(await runner(job));
      options.onProgress?.(results.length, jobs.length);
    }
    return results;
  }
  const outcomes = await runPool(
    jobs.map((job) => ({ source: "jobs", key: job.key, input: job.input })),
    {
      sources: { jobs: options.source },
      threads: options.threads,
      onResult: (_index, _outcome, done, total) => options.onProgress?.(done, total),
    },
  );
  return outcomes.map((outcome) => outcome.result);
}
