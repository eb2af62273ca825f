import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "../errors/inputError.js";
import type { TrajectorySample } from "../training/run.js";

/**
 * A trajectory CSV opened before a (possibly long) run, so that an unwritable path fails at
 * once with exit code 2 instead of after the simulation.
 */
export interface TrajectoryFile {
  /** Writes the header and one row per sample. */
  write(samples: readonly TrajectorySample[], rowOrder: (row: readonly number[]) => number[]): void;
  /** Closes the file (idempotent). */
  close(): void;
}

/** Header: t, loss, wA_1 … wA_dA, wB_1 … wB_dB. */
export function trajectoryHeader(dA: number, dB: number): string[] {
  return [
    "t",
    "loss",
    ...Array.from({ length: dA }, (_, i) => `wA_${i + 1}`),
    ...Array.from({ length: dB }, (_, i) => `wB_${i + 1}`),
  ];
}

/**
 * The CSV text: header row, then one row per sample, numbers in shortest round-trip form
 * (`String(x)`: parsing the file gives back the same doubles).
 */
export function trajectoryCsv(
  samples: readonly TrajectorySample[],
  dA: number,
  dB: number,
  rowOrder: (row: readonly number[]) => number[] = (row) => [...row],
): string {
  const lines = [trajectoryHeader(dA, dB).join(",")];
  for (const sample of samples)
    lines.push([sample.t, sample.loss, ...rowOrder(sample.totalMap)].map(String).join(","));
  return `${lines.join("\n")}\n`;
}

/** Creates the parent directory and opens `path` for writing; InputError("--trajectory") if it cannot. */
export function openTrajectoryFile(path: string, dA: number, dB: number): TrajectoryFile {
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, "w");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError("--trajectory", `cannot write ${path}: ${code}`);
  }
  let open = true;
  return {
    write(samples, rowOrder) {
      writeSync(fd, trajectoryCsv(samples, dA, dB, rowOrder));
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
