/**
 * T3's plateau bound (README, tolerances): the plateau W_A^tot deviates from W_A^uni by at
 * most u0^{α/4}, with the plateau depth α = 2(1 − σk) s_A/(s_A + |e_B|), σ = sign(Σ_yxB e_B),
 * here for the toy family with w = (1, 1), σB = 1, σA = r.
 */
export function plateauBound(u0: number, r: number, rho: number): number {
  const sA = r * r + rho * r;
  const sB = 1 + rho * r;
  const eB = 1 - rho * rho;
  const sigma = Math.sign(sB * eB);
  const alpha = (2 * (1 - (sigma * Math.abs(sB)) / sA) * sA) / (sA + Math.abs(eB));
  return u0 ** (alpha / 4);
}
