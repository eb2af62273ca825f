import { Worker } from "node:worker_threads";
import type { Json } from "../format/json.js";
import { COMPILED } from "../runtime/modules.js";
import type { JobSource, PoolJob } from "./jobSource.js";
import { loadTask } from "./jobSource.js";
import type { JobMessage, WorkerMessage } from "./protocol.js";
import { threadsFor } from "./threads.js";

/** The result of one job and the time its runJob took (ms, in the thread that ran it). */
export interface JobOutcome {
  readonly result: Json;
  readonly ms: number;
}

export interface PoolOptions {
  /** The job sources by name (PoolJob.source). */
  readonly sources: Readonly<Record<string, JobSource>>;
  /** Threads requested; fewer start when there are fewer jobs, 1 runs in this thread. */
  readonly threads: number;
  /** Called when a job finishes, in completion order (not job order). */
  readonly onResult?: (index: number, outcome: JobOutcome, done: number, total: number) => void;
}

/** A job failed (its task threw) or its worker died; `index` is the job's position. */
export class JobError extends Error {
  readonly index: number;

  constructor(index: number, job: PoolJob | undefined, message: string, options?: ErrorOptions) {
    const what = job === undefined ? "" : ` (${job.source} ${job.key})`;
    super(`job ${index}${what}: ${message}`, options);
    this.name = "JobError";
    this.index = index;
  }
}

/**
 * The worker thread's entry. Compiled (dist/), jobWorker.js itself. From source, worker.mjs:
 * a worker thread gets neither vitest's transform nor the tsx loader of the main thread, so
 * worker.mjs registers tsx before it imports jobWorker.ts.
 */
const WORKER_ENTRY = new URL(COMPILED ? "./jobWorker.js" : "./worker.mjs", import.meta.url);

/**
 * Runs the jobs and returns their outcomes in job order. With more than one thread the
 * jobs go to worker threads, each job to the first free worker (dynamic dispatch: long and
 * short jobs mix without idle cores); results are stored by job index, so they are the
 * same as a run in this thread whenever every task is a pure function of its input.
 * A failing job stops the dispatch; once the running jobs are done the run rejects with the
 * failing job of lowest index (JobError with its index and message), the same one a run in
 * this thread reports. A crashed worker rejects at once. Workers are terminated in every case.
 */
export async function runPool(
  jobs: readonly PoolJob[],
  options: PoolOptions,
): Promise<JobOutcome[]> {
  const threads = threadsFor(options.threads, jobs.length);
  return threads === 1 ? runInThread(jobs, options) : runInWorkers(jobs, options, threads);
}

function sourceOf(options: PoolOptions, job: PoolJob): JobSource {
  const source = options.sources[job.source];
  if (source === undefined) throw new Error(`unknown job source ${JSON.stringify(job.source)}`);
  return source;
}

async function runInThread(jobs: readonly PoolJob[], options: PoolOptions): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const [index, job] of jobs.entries()) {
    let result: Json;
    let started = performance.now();
    try {
      const task = await loadTask(sourceOf(options, job), job.key);
      // Timed from here, as in a worker: the job's own work, not its module's first import.
      started = performance.now();
      result = await task.runJob(job.input);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new JobError(index, job, message, { cause: error });
    }
    const outcome = { result, ms: performance.now() - started };
    outcomes.push(outcome);
    options.onResult?.(index, outcome, outcomes.length, jobs.length);
  }
  return outcomes;
}

function runInWorkers(
  jobs: readonly PoolJob[],
  options: PoolOptions,
  threads: number,
): Promise<JobOutcome[]> {
  // Unknown sources fail before any worker starts.
  const sources = jobs.map((job) => sourceOf(options, job));
  return new Promise((resolve, reject) => {
    const outcomes: JobOutcome[] = new Array(jobs.length);
    const workers: Worker[] = [];
    /** Job index each worker is running (absent when idle). */
    const running = new Map<Worker, number>();
    let next = 0;
    let done = 0;
    let settled = false;

    const stopAll = () => Promise.allSettled(workers.map((w) => w.terminate()));
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      void stopAll().then(() => reject(error));
    };
    // A failing job stops the dispatch; the jobs still running finish, and the run rejects
    // with the failure of lowest index. Every job before a failing one was dispatched
    // before it, so that is the first failing job in job order whatever the timing.
    let lowestFailure: JobError | undefined;
    const jobFailed = (worker: Worker, error: JobError) => {
      running.delete(worker);
      if (lowestFailure === undefined || error.index < lowestFailure.index) lowestFailure = error;
      if (running.size === 0) fail(lowestFailure);
    };
    const dispatch = (worker: Worker) => {
      if (settled) return;
      if (lowestFailure !== undefined) {
        running.delete(worker);
        if (running.size === 0) fail(lowestFailure);
        return;
      }
      if (next >= jobs.length) {
        running.delete(worker);
        if (done === jobs.length) {
          settled = true;
          void stopAll().then(() => resolve(outcomes));
        }
        return;
      }
      const index = next++;
      running.set(worker, index);
      const job = jobs[index]!;
      const message: JobMessage = {
        type: "job",
        index,
        source: sources[index]!,
        key: job.key,
        input: job.input,
      };
      worker.postMessage(message);
    };
    const crashed = (worker: Worker, what: string, cause?: unknown) => {
      const index = running.get(worker);
      const message = `worker thread ${what}`;
      fail(
        index === undefined
          ? new Error(`${message} before running a job`, { cause })
          : new JobError(index, jobs[index], message, { cause }),
      );
    };

    for (let t = 0; t < threads; t++) {
      // execArgv []: the worker does not inherit the main thread's loader flags (tsx's
      // --import when started by the tsx CLI); from source, worker.mjs registers tsx itself.
      const worker = new Worker(WORKER_ENTRY, { execArgv: [] });
      workers.push(worker);
      worker.on("message", (message: WorkerMessage) => {
        if (settled) return;
        if (message.type === "ready") {
          dispatch(worker);
        } else if (message.type === "result") {
          const outcome = { result: message.result, ms: message.ms };
          outcomes[message.index] = outcome;
          done++;
          try {
            options.onResult?.(message.index, outcome, done, jobs.length);
          } catch (error) {
            fail(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          dispatch(worker);
        } else {
          // The worker's error (with its stack) is the cause: UBIAS_DEBUG=1 prints it.
          const cause = new Error(message.message);
          if (message.stack !== undefined) cause.stack = message.stack;
          jobFailed(
            worker,
            new JobError(message.index, jobs[message.index], message.message, { cause }),
          );
        }
      });
      worker.on("error", (error) => crashed(worker, `failed: ${error.message}`, error));
      worker.on("exit", (code) => {
        if (!settled) crashed(worker, `exited with code ${code}`);
      });
    }
  });
}
