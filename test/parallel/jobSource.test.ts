import { describe, expect, it } from "vitest";
import { type JobSource, loadTask } from "../../src/parallel/jobSource.js";

const MODULE = new URL("./fixtures/taskSources.ts", import.meta.url).href;
const source = (resolver: string): JobSource => ({ module: MODULE, resolver });

describe("loadTask", () => {
  it("resolves a key to its task through the named export, sync or async", async () => {
    const task = await loadTask(source("taskByKey"), "double");
    expect(await task.runJob(21)).toBe(42);
    const viaAsync = await loadTask(source("asyncTaskByKey"), "async");
    expect(await viaAsync.runJob(1)).toBe(2);
  });

  it("names a missing or non-function export", async () => {
    await expect(loadTask(source("noSuchExport"), "double")).rejects.toThrow(
      `${MODULE} has no function export noSuchExport`,
    );
    await expect(loadTask(source("notAFunction"), "double")).rejects.toThrow(
      "has no function export notAFunction",
    );
  });

  it("names the key when the resolver returns nothing or a task without runJob", async () => {
    await expect(loadTask(source("taskByKey"), "unknown")).rejects.toThrow(
      'taskByKey("unknown") returned no task with runJob',
    );
    await expect(loadTask(source("brokenTask"), "k")).rejects.toThrow(
      'brokenTask("k") returned no task with runJob',
    );
  });

  it("an unloadable module rejects (the pool reports it as the job's error)", async () => {
    await expect(
      loadTask(
        { module: new URL("./fixtures/missing.ts", import.meta.url).href, resolver: "x" },
        "k",
      ),
    ).rejects.toThrow();
  });
});
