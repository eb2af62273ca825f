import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { defaultThreads, MAX_DEFAULT_THREADS, threadsFor } from "../../src/parallel/threads.js";

describe("thread counts", () => {
  it("defaults to the available cores, at most MAX_DEFAULT_THREADS", () => {
    expect(defaultThreads()).toBe(Math.min(availableParallelism(), MAX_DEFAULT_THREADS));
  });

  it("starts no more threads than jobs, and at least one", () => {
    expect(threadsFor(4, 10)).toBe(4);
    expect(threadsFor(4, 3)).toBe(3);
    expect(threadsFor(4, 1)).toBe(1);
    expect(threadsFor(4, 0)).toBe(1);
  });

  it("rejects counts outside [1, 256]", () => {
    expect(() => threadsFor(0, 5)).toThrow("threads: must be an integer in [1, 256], got 0");
    expect(() => threadsFor(1.5, 5)).toThrow("got 1.5");
    expect(() => threadsFor(257, 5)).toThrow("got 257");
  });
});
