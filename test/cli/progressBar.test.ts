import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { progressBar } from "../../src/cli/progressBar.js";

function capture(isTTY: boolean): CliIo & { err: string[] } {
  const err: string[] = [];
  return { stdout: () => {}, stderr: (s) => err.push(s), isTTY, err };
}

describe("progressBar", () => {
  it("off a terminal: silent (no control sequences in logs and pipes)", () => {
    const io = capture(false);
    const bar = progressBar(io, "figure");
    bar.update(1, 10);
    bar.update(10, 10);
    bar.stop();
    expect(io.err).toEqual([]);
  });

  it("on a terminal: draws the label and done/total through io, stop is idempotent", () => {
    const io = capture(true);
    const bar = progressBar(io, "figure");
    bar.update(3, 10);
    const text = io.err.join("");
    expect(text).toContain("figure [");
    expect(text).toContain("3/10");
    expect(text).toContain("30%");
    // The total may change between updates (a job source that learns its size).
    bar.update(4, 20);
    bar.stop();
    const after = io.err.length;
    bar.stop();
    expect(io.err.length).toBe(after);
  });

  it("stop before any update writes nothing", () => {
    const io = capture(true);
    progressBar(io, "figure").stop();
    expect(io.err).toEqual([]);
  });
});
