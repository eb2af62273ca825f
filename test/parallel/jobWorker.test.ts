import { isMainThread, Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import type { JobSource } from "../../src/parallel/jobSource.js";
import type { JobMessage, WorkerMessage } from "../../src/parallel/protocol.js";

/**
 * The worker side of the pool, run in a real worker thread through the pool's entry
 * (src/parallel/worker.mjs registers tsx, then imports jobWorker.ts): ready first, then one
 * result or error message per job, carrying the job's index.
 */
const source: JobSource = {
  module: new URL("./fixtures/taskSources.ts", import.meta.url).href,
  resolver: "taskByKey",
};
const worker = new Worker(new URL("../../src/parallel/worker.mjs", import.meta.url));
afterAll(async () => {
  await worker.terminate();
});

const messages: WorkerMessage[] = [];
const waiters: (() => void)[] = [];
worker.on("message", (m: WorkerMessage) => {
  messages.push(m);
  for (const w of waiters.splice(0)) w();
});

async function nextMessage(count: number): Promise<WorkerMessage> {
  while (messages.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
  return messages[count - 1]!;
}

const job = (index: number, key: string, input: number): JobMessage => ({
  type: "job",
  index,
  source,
  key,
  input,
});

describe("jobWorker (in a worker thread)", () => {
  it("announces ready, then answers a job with its index, result and a duration", async () => {
    expect(await nextMessage(1)).toEqual({ type: "ready" });
    worker.postMessage(job(5, "double", 8));
    const m = await nextMessage(2);
    expect(m).toMatchObject({ type: "result", index: 5, result: 16 });
    expect((m as { ms: number }).ms).toBeGreaterThanOrEqual(0);
  });

  it("awaits an async job", async () => {
    worker.postMessage(job(6, "async", 1));
    expect(await nextMessage(3)).toMatchObject({ type: "result", index: 6, result: 2 });
  });

  it("reports a failing job as an error message with the job's index, and keeps serving", async () => {
    worker.postMessage(job(7, "throw", 0));
    const m = await nextMessage(4);
    expect(m).toMatchObject({ type: "error", index: 7, message: "job failed on purpose" });
    expect((m as { stack?: string }).stack).toContain("job failed on purpose");
    worker.postMessage(job(8, "unknown", 0));
    expect(await nextMessage(5)).toMatchObject({
      type: "error",
      index: 8,
      message: 'taskByKey("unknown") returned no task with runJob',
    });
    worker.postMessage(job(9, "double", 1));
    expect(await nextMessage(6)).toMatchObject({ type: "result", index: 9, result: 2 });
  });

  // Only where this test file runs on a main thread (vitest's default forks pool): in a
  // threads pool the import would attach to vitest's own port.
  it.runIf(isMainThread)("refuses to run outside a worker thread", async () => {
    await expect(import("../../src/parallel/jobWorker.js")).rejects.toThrow(
      "runs only as a worker thread",
    );
  });
});
