import { InternalError } from "../errors/internalError.js";

/**
 * The u0 → 0 limit of a two-phase time ratio from runs at three init scales (T2.limit).
 *
 * With L = ln(1/u0²), two-layer late fusion has t_A = (L + a)/(2 s_A) and
 * t_B − t_A = (P'L + β)/(2‖e_B‖) up to terms that vanish as a power of u0 (docs/next-order.md,
 * "The law of T2's error"), so the measured ratio is exactly of the form
 *   R(L) = 1 + (P L + Q)/(L + a),
 * three unknowns (P, Q, a) fixed by three runs. Its limit R(∞) = 1 + P is what T2 predicts.
 * Solving (R_i − 1)(L_i + a) = P L_i + Q for (P, Q, a) is a 3×3 linear system.
 */
export function extrapolatedRatio(logs: readonly number[], ratios: readonly number[]): number {
  if (logs.length !== 3 || ratios.length !== 3)
    throw new InternalError("extrapolatedRatio needs exactly three (ln(1/u0²), ratio) pairs");
  // Rows: P·L + Q − a·(R − 1) = (R − 1)·L, eliminated with partial pivoting.
  const m = logs.map((l, i) => [l, 1, -(ratios[i]! - 1), (ratios[i]! - 1) * l]);
  for (let c = 0; c < 3; c++) {
    let pivot = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k < 4; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return 1 + m[0]![3]! / m[0]![0]!;
}
