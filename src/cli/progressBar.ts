import { Presets, SingleBar } from "cli-progress";
import type { CliIo } from "./io.js";

/** A progress bar of a long command, driven by (done, total) updates. */
export interface ProgressBar {
  update(done: number, total: number): void;
  /** Removes the bar (idempotent); call it on every path out of the command. */
  stop(): void;
}

const SILENT: ProgressBar = { update() {}, stop() {} };

/**
 * A cli-progress bar on standard error when it is a terminal, nothing otherwise (logs and
 * pipes get no control sequences). The bar writes through `io`, so tests can capture it.
 */
export function progressBar(io: CliIo, label: string): ProgressBar {
  if (!io.isTTY) return SILENT;
  const stream = {
    isTTY: true,
    columns: process.stderr.columns ?? 80,
    write(text: string) {
      io.stderr(text);
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  const bar = new SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      // No SIGINT handler: the command's finally block stops the bar.
      gracefulExit: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
