import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { runProgress } from "../../src/cli/runProgress.js";

const CLEAR = "\r\x1b[2K";

function capture(isTTY: boolean): CliIo & { err: string[] } {
  const err: string[] = [];
  return { stdout: () => {}, stderr: (s) => err.push(s), isTTY, err };
}

describe("runProgress", () => {
  it("off a terminal: no callback at all (the trainer skips progress), done writes nothing", () => {
    const io = capture(false);
    const p = runProgress(io, "simulate");
    expect(p.onProgress).toBeUndefined();
    p.done();
    expect(io.err).toEqual([]);
  });

  it("on a terminal: 'label: t = … τ, N steps, S s', throttled, cleared once by done", () => {
    const io = capture(true);
    const p = runProgress(io, "simulate");
    p.onProgress!(1234.5, 40000);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]!.startsWith(CLEAR)).toBe(true);
    expect(io.err[0]!.slice(CLEAR.length)).toMatch(
      /^simulate: t = 1234\.5 τ, 40000 steps, \d+\.\d s$/,
    );
    // A second call within 200 ms is not drawn.
    p.onProgress!(2000, 50000);
    expect(io.err).toHaveLength(1);
    p.done();
    p.done();
    expect(io.err).toEqual([io.err[0], CLEAR]);
  });

  it("done without any draw writes nothing", () => {
    const io = capture(true);
    runProgress(io, "simulate").done();
    expect(io.err).toEqual([]);
  });
});
