import type { Json } from "../format/json.js";
import { importModule } from "../runtime/modules.js";

/**
 * Where the code of one kind of job lives, so that a worker thread (which shares no
 * functions with the main thread) can find it: a module and the name of its resolver
 * export. The resolver maps a job's key to a task whose `runJob` computes the job. The
 * callers (report: figures and claims) name their sources; src/parallel imports none of them.
 */
export interface JobSource {
  /**
   * file: URL of the module. A `.ts` module loads through tsx inside the worker; build the
   * URL of one of ubias's own modules with runtime/modules.ts's moduleUrl, which names the
   * `.js` file when ubias runs compiled.
   */
  readonly module: string;
  /** Name of the export `(key: string) => JobTask | Promise<JobTask>`. */
  readonly resolver: string;
}

/** What a resolver returns: a pure function of the job's input (same input ⇒ same output). */
export interface JobTask {
  runJob(input: Json): Json | Promise<Json>;
}

/** One unit of work for the pool: which source, which task in it, and the task's input. */
export interface PoolJob {
  /** Name of the source in the pool's `sources`. */
  readonly source: string;
  readonly key: string;
  readonly input: Json;
}

const modules = new Map<string, Promise<Record<string, unknown>>>();

/**
 * Resolves the task of a job from its source (modules are imported once per thread).
 * Throws when the export is missing or does not resolve to something with `runJob`.
 */
export async function loadTask(source: JobSource, key: string): Promise<JobTask> {
  let module = modules.get(source.module);
  if (module === undefined) {
    module = importModule(source.module);
    modules.set(source.module, module);
  }
  const resolver = (await module)[source.resolver];
  if (typeof resolver !== "function") {
    throw new Error(`${source.module} has no function export ${source.resolver}`);
  }
  const task = (await resolver(key)) as Partial<JobTask> | undefined;
  if (task === undefined || task === null || typeof task.runJob !== "function") {
    throw new Error(`${source.resolver}(${JSON.stringify(key)}) returned no task with runJob`);
  }
  return task as JobTask;
}
