import type { TrajectorySample } from "../training/run.js";
import { openOutputFile } from "./outputFile.js";

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

/** Opens the trajectory file at once; InputError("--trajectory") if it cannot be written. */
export function openTrajectoryFile(path: string, dA: number, dB: number): TrajectoryFile {
  const file = openOutputFile(path, "--trajectory");
  return {
    write(samples, rowOrder) {
      file.write(trajectoryCsv(samples, dA, dB, rowOrder));
    },
    close: file.close,
  };
}
