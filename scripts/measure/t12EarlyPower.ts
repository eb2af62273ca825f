// How often T12.early holds, and how often its opposite is refuted, as a function of the number
// of trials n, if the true rates are the recorded ones (fixtures/reference/t12-early-failure.json:
// 1/100 at v = 1, 89/100 at v = 5) or the pessimistic ends of their 95% intervals. Exact: sums
// the binomial law over every pair of event counts and judges each with the claim's own design
// (src/claims/statisticalVerdict.ts), so the numbers in docs/theory.md T12.early come from the
// same code that decides the claim.
// Run: npx tsx scripts/measure/t12EarlyPower.ts
import { readFileSync } from "node:fs";
import { T12_EARLY } from "../../properties/T12.early.ts";
import { judgeStatistical } from "../../src/claims/statisticalVerdict.ts";

const fixture = JSON.parse(
  readFileSync(new URL("../../fixtures/reference/t12-early-failure.json", import.meta.url), "utf8"),
) as {
  perVariance: { variance: number; rate: number; interval: { lower: number; upper: number } }[];
};
const at = (v: number) => fixture.perVariance.find((r) => r.variance === v)!;

function binomial(n: number, p: number): number[] {
  const out: number[] = [];
  for (let k = 0; k <= n; k++) {
    let logC = 0;
    for (let i = 1; i <= k; i++) logC += Math.log((n - k + i) / i);
    out.push(Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p)));
  }
  return out;
}

const design = T12_EARLY.statistical!;
const [small, large] = design.arms;
const opposite = { ...design, hypotheses: [{ arm: large!, atMost: 0.5 }] };
function probability(n: number, pSmall: number, pLarge: number, d = design, verdict = "holds") {
  const a = binomial(n, pSmall);
  const b = binomial(n, pLarge);
  let total = 0;
  for (let i = 0; i <= n; i++)
    for (let j = 0; j <= n; j++)
      if (judgeStatistical(d, n, { [small!]: i, [large!]: j }).verdict === verdict)
        total += a[i]! * b[j]!;
  return total;
}

const measured = { small: at(1).rate, large: at(5).rate };
const pessimistic = { small: at(1).interval.upper, large: at(5).interval.lower };
console.log("n\tholds (measured rates)\tholds (pessimistic ends)\topposite refuted (measured)");
for (const n of [10, 20, 30, 40, 60]) {
  console.log(
    `${n}\t${probability(n, measured.small, measured.large).toFixed(4)}\t${probability(n, pessimistic.small, pessimistic.large).toFixed(4)}\t${probability(n, measured.small, measured.large, opposite, "refuted").toFixed(4)}`,
  );
}
