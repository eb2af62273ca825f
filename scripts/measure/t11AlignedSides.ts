// Measurement behind T11's "aligned-one-sided" domain condition (properties/T11.ts,
// alignedSides): over a seeded sample of the T11 generator, compares the old criterion (signs
// of the first-layer weights at init) with the aligned sides (signs of α_i = ½(w_i +
// sgn(Σ_yxm) a_i)), and relates each in-domain case's error to the weaker side's amplitude
// δ = ln(min_m √(E₊E₋)_m / u0²) (T2 assumes δ = O(1)).
// Run: npx tsx scripts/measure/t11AlignedSides.ts [n generated] [seed]
import fc from "fast-check";
import { alignedSides, checkReluLateFusion, t11Arbitrary } from "../../properties/T11.ts";
import { fusionArchitecture } from "../../src/network/architecture.ts";
import { gaussianInit } from "../../src/network/initialisation.ts";
import { parameterLayout } from "../../src/network/layout.ts";
import { orient } from "../../src/statistics/derived.ts";
import { fromToy } from "../../src/statistics/toy.ts";

const n = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 20240527);

function initSignsTwoSided(theta: Float64Array, width: number): boolean {
  const sides = (offset: number) => {
    let positive = false;
    let negative = false;
    for (let i = 0; i < width; i++) {
      if (theta[offset + i]! > 0) positive = true;
      if (theta[offset + i]! < 0) negative = true;
    }
    return positive && negative;
  };
  return sides(0) && sides(2 * width);
}

const counts: Record<string, number> = {};
const rows: { delta: number; score: number; label: string }[] = [];
for (const c of fc.sample(t11Arbitrary, { seed, numRuns: n })) {
  const stats = orient(fromToy(c.toy)).stats;
  const { width, seed: initSeed } = c.init;
  const layout = parameterLayout(
    fusionArchitecture({ depth: 2, fusionLayer: 2, width, dA: 1, dB: 1, activation: "relu" }),
  );
  const theta = gaussianInit(layout, c.u0, initSeed);
  const sides = (["A", "B"] as const).map((m) => alignedSides(theta, layout, stats, m));
  const delta = Math.min(
    ...sides.map((s) => Math.log(Math.sqrt(s.positive * s.negative) / c.u0 ** 2)),
  );
  const verdict = checkReluLateFusion({ stats, u0: c.u0, width, seed: initSeed });
  const old = initSignsTwoSided(theta, width) ? "init-two-sided" : "init-one-sided";
  const key = `${old} / ${verdict.kind === "out-of-domain" ? verdict.reason : verdict.kind}`;
  counts[key] = (counts[key] ?? 0) + 1;
  if (verdict.kind === "measured") {
    const score = Math.abs(verdict.error) / verdict.tolerance;
    rows.push({ delta, score, label: `${JSON.stringify(c)} [${old}]` });
    if (score > 1) counts[`FAIL (${old})`] = (counts[`FAIL (${old})`] ?? 0) + 1;
  }
}
console.log(`T11 generator, ${n} cases, seed ${seed}: old criterion / new verdict`);
for (const [k, v] of Object.entries(counts).sort()) console.log(`  ${k}: ${v}`);
rows.sort((a, b) => a.delta - b.delta);
console.log("in-domain cases by weakest side δ = ln(√(E₊E₋)/u0²) (lowest 12), |error|/tol:");
for (const r of rows.slice(0, 12))
  console.log(`  δ = ${r.delta.toFixed(2)}  ${r.score.toFixed(2)}  ${r.label}`);
const failing = rows.filter((r) => r.score > 1);
console.log(`failures: ${failing.length} of ${rows.length} measured`);
for (const r of failing)
  console.log(`  δ = ${r.delta.toFixed(2)}  ${r.score.toFixed(2)}  ${r.label}`);
