import { availableParallelism } from "node:os";
import { requireInteger } from "../errors/inputError.js";

/**
 * Most worker threads used by default. Each worker holds its own copy of the modules and its
 * own V8 heap, and pays its own start-up (the import of the simulation code; from source also
 * tsx's compilation of it: ≈ 3 s of CPU with mathjs, measured on the 2-core development
 * machine, 2026-11, before the compiled build and the mathjs-free linear algebra); the
 * report's slowest claim (X3: 2.5-3.7 s in single-thread runs there) bounds its wall time
 * beyond a few threads anyway.
 */
export const MAX_DEFAULT_THREADS = 8;
/** Upper bound of --threads (a guard against typos such as 1000). */
export const MAX_THREADS = 256;

/** The default number of threads: the cores Node may use, at most MAX_DEFAULT_THREADS. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_THREADS));
}

/**
 * Threads actually started for `jobs` jobs: never more than the jobs (a worker without a
 * job would only cost its start-up); 1 means the jobs run in the calling thread.
 */
export function threadsFor(requested: number, jobs: number): number {
  requireInteger("threads", requested, 1, MAX_THREADS);
  return Math.max(1, Math.min(requested, jobs));
}
