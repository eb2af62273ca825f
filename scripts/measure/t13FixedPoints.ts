// Measurement behind T13's tolerances (properties/T13.ts): over many generated cases, the
// worst measured fraction of each derived rounding bound (gradient at the point, loss, Hessian
// spectrum), per statistics kind. The bounds are derived, not fitted; this records how much
// room they leave. Run: npx tsx scripts/measure/t13FixedPoints.ts [cases, default 2000] [seed, default 7]
import fc from "fast-check";
import { T13 } from "../../properties/T13.ts";

const cases = Number(process.argv[2] ?? 2000);
type Comparison = { measured: number; predicted: number; tolerance: number };
type Point = {
  name: string;
  gradientNorm: Comparison;
  loss: Comparison;
  spectrum?: { maxDeviation: number; tolerance: number };
  rescaled?: { worst: number };
};
const fraction = (c: Comparison) => {
  const e = Math.abs(c.measured - c.predicted);
  return e === 0 ? 0 : e / c.tolerance;
};
const worst: Record<
  string,
  { gradient: number; loss: number; spectrum: number; rescaled: number; n: number; out: number }
> = {};
const draws = fc.sample(T13.arbitrary, { seed: Number(process.argv[3] ?? 7), numRuns: cases });
for (const draw of draws) {
  const kind = `${draw.statistics.kind}/${draw.fusion}`;
  if (worst[kind] === undefined)
    worst[kind] = { gradient: 0, loss: 0, spectrum: 0, rescaled: 0, n: 0, out: 0 };
  const w = worst[kind]!;
  const verdict = T13.check(draw);
  if (verdict.kind !== "measured") {
    w.out++;
    continue;
  }
  w.n++;
  for (const p of verdict.details.points as Point[]) {
    w.gradient = Math.max(w.gradient, fraction(p.gradientNorm));
    w.loss = Math.max(w.loss, fraction(p.loss));
    if (p.rescaled) w.rescaled = Math.max(w.rescaled, p.rescaled.worst);
    if (p.spectrum)
      w.spectrum = Math.max(w.spectrum, p.spectrum.maxDeviation / p.spectrum.tolerance);
  }
}
console.log(
  "kind            cases  out  worst gradient/tol  worst loss/tol  worst spectrum/tol  worst rescaled/tol",
);
for (const [kind, w] of Object.entries(worst).sort()) {
  console.log(
    kind.padEnd(15),
    String(w.n).padStart(6),
    String(w.out).padStart(4),
    w.gradient.toExponential(2).padStart(19),
    w.loss.toExponential(2).padStart(15),
    w.spectrum.toExponential(2).padStart(19),
    w.rescaled.toExponential(2).padStart(19),
  );
}
