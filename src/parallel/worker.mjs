// Entry of every worker thread of the pool when ubias runs from source (vitest, npm run
// ubias). Workers are plain Node threads: neither the tsx loader of the main thread nor
// vitest's transform reaches them, so the worker registers tsx itself before importing
// TypeScript. The compiled CLI (dist/, the bin) starts its workers on jobWorker.js directly.
import { register } from "tsx/esm/api";

register();
await import("./jobWorker.ts");
