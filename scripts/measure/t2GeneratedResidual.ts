// Measurement behind C_T2 and C_T2_VECTOR (properties/T2.ts): residual of the next-order
// prediction R₁, |R_measured/R₁ − 1|·(1 − σk)·ln(1/u0²), over a seeded sample of the T2
// (toy) or T2.vector generator, cases in T2's domain.
// Run: npx tsx scripts/measure/t2GeneratedResidual.ts <T2|T2.vector> [n] [seed]
import fc from "fast-check";
import { T2, T2Vector } from "../../properties/T2.ts";

const claim = process.argv[2] === "T2" ? T2 : T2Vector;
const n = Number(process.argv[3] ?? 400);
const seed = Number(process.argv[4] ?? 1);
const residuals: number[] = [];
for (const testCase of fc.sample(claim.arbitrary as typeof T2Vector.arbitrary, {
  seed,
  numRuns: n,
})) {
  const verdict = claim.check(testCase as never);
  if (verdict.kind !== "measured") continue;
  const d = verdict.details as {
    measured: number;
    nextOrder: number;
    predicted: number;
    u0: number;
    k: number;
    sigma: number;
  };
  residuals.push(
    Math.abs(d.measured / d.nextOrder - 1) * (1 - d.sigma * d.k) * 2 * Math.log(1 / d.u0),
  );
}
residuals.sort((a, b) => a - b);
const at = (q: number) =>
  residuals[Math.min(residuals.length - 1, Math.floor(q * residuals.length))]!.toFixed(3);
console.log(
  `vector residual over ${residuals.length} in-domain cases (seed ${seed}): median ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, max ${at(1)}`,
);
