// Entry of every worker thread of the pool. Workers are plain Node threads: neither the
// tsx loader of the main thread (bin/ubias.js, npm run ubias) nor vitest's transform
// reaches them, so the worker registers tsx itself before importing TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./jobWorker.ts");
