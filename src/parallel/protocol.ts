import type { Json } from "../format/json.js";
import type { JobSource } from "./jobSource.js";

/** Main thread → worker: run one job (a worker runs one job at a time). */
export interface JobMessage {
  readonly type: "job";
  readonly index: number;
  readonly source: JobSource;
  readonly key: string;
  readonly input: Json;
}

/** Worker → main thread. */
export type WorkerMessage =
  /** The worker has loaded its code and waits for jobs. */
  | { readonly type: "ready" }
  | { readonly type: "result"; readonly index: number; readonly result: Json; readonly ms: number }
  | {
      readonly type: "error";
      readonly index: number;
      readonly message: string;
      readonly stack?: string;
    };
