import { formatNumber } from "../format/numbers.js";
import type { ProgressCallback } from "../training/run.js";
import type { CliIo } from "./io.js";

/** Redraw at most this often: a progress call comes every 1e4 steps, ~10-100 ms apart. */
const REDRAW_MS = 200;
/** ANSI: carriage return, then erase the whole line. */
const CLEAR_LINE = "\r\x1b[2K";

/** The live line of one long training run; `done` clears it. */
export interface RunProgress {
  readonly onProgress?: ProgressCallback;
  readonly done: () => void;
}

/**
 * On a terminal, "simulate: t = 1.2e+3 τ, 40000 steps, 3.1 s" redrawn in place while a run
 * is long (from its 10 000th step on); nothing elsewhere (pipes and logs get clean output).
 */
export function runProgress(io: CliIo, label: string): RunProgress {
  if (!io.isTTY) return { done() {} };
  const started = performance.now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    onProgress(t, steps) {
      const now = performance.now();
      if (now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      drawn = true;
      const seconds = ((now - started) / 1000).toFixed(1);
      io.stderr(`${CLEAR_LINE}${label}: t = ${formatNumber(t)} τ, ${steps} steps, ${seconds} s`);
    },
    done() {
      if (drawn) io.stderr(CLEAR_LINE);
      drawn = false;
    },
  };
}
