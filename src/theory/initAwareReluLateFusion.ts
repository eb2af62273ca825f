import type { Statistics } from "../statistics/statistics.js";
import { initAwareLateFusion } from "./initAwareLateFusion.js";

/**
 * The growing amplitudes of a scalar ReLU branch's two half-line features relu(x_m) and
 * relu(−x_m): Σ α_i² over the neurons that end on each side, α_i = ½(w_i + sgn(Σ_yxm)·a_i)
 * (computed from the actual init by the caller; see properties/T11.ts alignedSides).
 */
export interface SideAmplitudes {
  readonly positive: number;
  readonly negative: number;
}

/**
 * T11's next-order (init-aware) ratio for a two-layer late-fusion ReLU network with scalar
 * modalities on the Gaussian population, the ReLU analogue of X3's R₁ (initAwareLateFusion).
 *
 * Derivation. A scalar branch is P relu(x_m) + N relu(−x_m), P = Σ_{w_i>0} a_i w_i,
 * N = Σ_{w_i<0} a_i |w_i|, linear part ½(P − N). The two features are orthogonal
 * (relu(x)·relu(−x) = 0) and E[y relu(±x_m)] = ±½Σ_yxm, so while the other branch is
 * negligible the loss splits, ℒ = const − ½Σ_yxm(P − N) + ¼σ_m²(P² + N²): each side is a
 * two-layer linear net at half the linear rate, a logistic in time with rate s_m = |Σ_yxm|
 * from its seed E± (the α-modes grow as e^{s_m t/2}, the products as E± e^{s_m t}), to
 * ±W_m^uni. A's linear part reaches ½g (g = W_A^uni) when P + |N| = g: for two logistics of
 * the same shape, at the midpoint of the sides' own half-times ln(g/E±)/s_A, i.e.
 *   t_A = (ln g − ln √(E₊E₋))/s_A,
 * twice the linear t_A with seed κ_A u0² = √(E_A₊E_A₋). After t_A (A linear, W_A^uni x_A)
 * each B side grows at rate ‖e_B‖ from E_B± e^{s_B t_A} to ±½b (b = W_B^full) and t_B is again
 * the midpoint: t_B − t_A = (ln b − ln √(E_B₊E_B₋) − s_B t_A)/‖e_B‖, twice the linear phase-2
 * time with κ_B u0² = √(E_B₊E_B₋). Both times double, so the ratio is initAwareLateFusion's
 * with these effective seeds (σ = +1: B keeps its direction; T11 excludes σ = −1).
 * While A's sides rise at different times (|ln(E₊/E₋)| large), f_A carries an even part
 * ∝ |x_A| that drives B's two sides in opposite log-directions (it cancels in B's midpoint to
 * first order) and a linear part halfway between s_B and ‖e_B‖ (it cancels between the two
 * halves of the window): the remainder stays O(1/((1 − k) ln(1/u0²))).
 * Not described: B's sides compete once A is learned (A's even part absorbs the mean of B's
 * |x_B| part, so one B side alone overshoots ½W_B^full), and A's even part during a wide
 * window pumps one B side; both make t_B depend on ln(E_B₊/E_B₋) and ln(E_A₊/E_A₋), not only
 * on the geometric means. Measured (scripts/measure/t11InitAware.ts): the midpoint rule is
 * still far better than the first B side alone (median remainder 0.04 against 0.4).
 */
export function initAwareReluLateFusion(
  stats: Statistics,
  u0: number,
  sides: { readonly A: SideAmplitudes; readonly B: SideAmplitudes },
): { tA: number; tB: number; ratio: number } {
  const seed = (s: SideAmplitudes) => Math.sqrt(s.positive * s.negative) / (u0 * u0);
  const linear = initAwareLateFusion(stats, u0, { kappaA: seed(sides.A), kappaB: seed(sides.B) });
  return { tA: 2 * linear.tA, tB: 2 * linear.tB, ratio: linear.ratio };
}
