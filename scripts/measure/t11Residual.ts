// Residual of the leading-order form of T11 (C_T11 itself is measured by
// scripts/measure/t11InitAware.ts, the init-aware form): for two-layer late-fusion ReLU networks on the
// exact Gaussian population loss, the remainder |measured/T2 − 1|·(1 − σk)·ln(1/u0²) over
// (a) the toy grid σA/σB ∈ {1.1, 1.5, 2, 3} × ρ ∈ {−0.9, −0.5, 0, 0.5, 0.9}, w = (1, 1),
//     u0 ∈ {1e-4, 1e-9}, width ∈ {2, 4, 8}, init seeds 1-3, and
// (b) a seeded sample of the T11 generator itself.
// Run: npx tsx scripts/measure/t11Residual.ts [n generated] [seed]
import fc from "fast-check";
import { checkReluLateFusion, t11Arbitrary } from "../../properties/T11.ts";
import { orient } from "../../src/statistics/derived.ts";
import { fromToy } from "../../src/statistics/toy.ts";

const n = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 1);

interface Row {
  readonly label: string;
  /** σ = sign(Σ_yxB·e_B): −1 where B's weights must reverse after t_A. */
  readonly sigma: number;
  readonly remainder: number;
  readonly error: number;
}

function remainderOf(
  verdict: ReturnType<typeof checkReluLateFusion>,
  label: string,
): Row | undefined {
  if (verdict.kind !== "measured") {
    if (verdict.kind === "unmeasurable") console.log(`UNMEASURABLE ${label}: ${verdict.reason}`);
    return undefined;
  }
  const d = verdict.details as { u0: number; k: number; sigma: number };
  const remainder = Math.abs(verdict.error) * (1 - d.sigma * d.k) * 2 * Math.log(1 / d.u0);
  return { label, sigma: d.sigma, remainder, error: verdict.error };
}

function summary(name: string, all: Row[]): void {
  for (const sigma of [1, -1]) {
    const rows = all.filter((r) => r.sigma === sigma);
    if (rows.length > 0) summarySign(`${name}, σ = ${sigma}`, rows);
  }
}

function summarySign(name: string, rows: Row[]): void {
  rows.sort((a, b) => a.remainder - b.remainder);
  const at = (q: number) => rows[Math.min(rows.length - 1, Math.floor(q * rows.length))]!;
  const worstError = Math.max(...rows.map((r) => Math.abs(r.error)));
  console.log(
    `${name}: ${rows.length} measured cases; remainder median ${at(0.5).remainder.toFixed(3)}, p90 ${at(0.9).remainder.toFixed(3)}, max ${at(1).remainder.toFixed(3)} (${at(1).label}); worst |error| ${(100 * worstError).toFixed(2)}%`,
  );
}

const grid: Row[] = [];
for (const ratio of [1.1, 1.5, 2, 3])
  for (const rho of [-0.9, -0.5, 0, 0.5, 0.9])
    for (const u0 of [1e-4, 1e-9])
      for (const width of [2, 4, 8])
        for (const initSeed of [1, 2, 3]) {
          const stats = orient(fromToy({ sigmaA: ratio, sigmaB: 1, rho })).stats;
          const label = `σA/σB=${ratio} ρ=${rho} u0=${u0} h=${width} seed=${initSeed}`;
          const row = remainderOf(checkReluLateFusion({ stats, u0, width, seed: initSeed }), label);
          if (row) grid.push(row);
        }
summary("grid", grid);

const generated: Row[] = [];
for (const c of fc.sample(t11Arbitrary, { seed, numRuns: n })) {
  const stats = orient(fromToy(c.toy)).stats;
  const label = JSON.stringify(c);
  const row = remainderOf(
    checkReluLateFusion({ stats, u0: c.u0, width: c.init.width, seed: c.init.seed }),
    label,
  );
  if (row) generated.push(row);
}
summary(`generated (seed ${seed})`, generated);
