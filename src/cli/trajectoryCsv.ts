import { required } from "../errors/internalError.js";
import type { TrajectoryRow } from "../experiment/types.js";

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
 * The trajectory CSV of a run (rows in the user's input order): t, loss, wA_*, wB_* and, when
 * the rows carry it (a population is known), eg. Numbers in shortest round-trip form
 * (`String(x)`: parsing the file gives back the same doubles).
 */
export function trajectoryCsv(rows: readonly TrajectoryRow[], dA: number, dB: number): string {
  const withEg = rows.length > 0 && rows[0]!.eg !== undefined;
  const lines = [[...trajectoryHeader(dA, dB), ...(withEg ? ["eg"] : [])].join(",")];
  for (const row of rows) {
    // Every row of a run carries E_g when its first does (one population for the whole run).
    const eg = withEg ? [required(row.eg, "E_g of a trajectory row (the first row has one)")] : [];
    lines.push([row.t, row.loss, ...row.wTot, ...eg].map(String).join(","));
  }
  return `${lines.join("\n")}\n`;
}
