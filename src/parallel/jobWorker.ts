/**
 * The worker thread's side of the pool (the worker's entry when compiled; from source,
 * started by worker.mjs once tsx is registered):
 * runs each job it receives and posts back its result with the job's index, or the
 * error's message. Jobs arrive one at a time, so no queue is needed here.
 */
import { parentPort } from "node:worker_threads";
import { loadTask } from "./jobSource.js";
import type { JobMessage, WorkerMessage } from "./protocol.js";

// Runs only inside worker threads, which vitest's coverage does not instrument; the pool's
// tests (test/parallel/workerPool.test.ts) exercise every branch through real workers.
/* v8 ignore start */
const port = parentPort;
if (port === null) throw new Error("jobWorker.ts runs only as a worker thread");

function post(message: WorkerMessage): void {
  port!.postMessage(message);
}

async function runOne(job: JobMessage): Promise<void> {
  try {
    const task = await loadTask(job.source, job.key);
    // Timed from here: the job's own work, not the first import of its module.
    const started = performance.now();
    const result = await task.runJob(job.input);
    // postMessage clones the result; a value that cannot be cloned (a function) throws
    // here and is reported as this job's error.
    post({ type: "result", index: job.index, result, ms: performance.now() - started });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({
      type: "error",
      index: job.index,
      message: e.message,
      ...(e.stack !== undefined ? { stack: e.stack } : {}),
    });
  }
}

port.on("message", (job: JobMessage) => {
  void runOne(job);
});
post({ type: "ready" });
/* v8 ignore stop */
