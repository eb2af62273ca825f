/**
 * Our values for every reference-fixture case (flow and GD phase times, T5 prediction),
 * printed as JSON at full precision: the byte-identity check of a restructuring
 * (scripts/structure/snapshot.sh) diffs this output before and after. The module paths are
 * resolved against the tree given as the first argument, so one script serves both trees.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const tree = process.argv[2] ?? ".";
const load = async (p: string) => import(pathToFileURL(join(tree, p)).href);
const { simulate } = await load("src/measurement/simulation.ts");
const { phaseTimes } = await load("src/measurement/phaseTimes.ts");
const { fromToy } = await load("src/statistics/toy.ts");
const { fromTeacher } = await load("src/statistics/teacher.ts");
const { unimodalPhasePrediction } = await load("src/theory/intermediateFusion.ts");

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(tree, "fixtures/reference", name), "utf8")).cases;

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON is read untyped on purpose
const statisticsOf = (s: any) =>
  s.kind === "toy"
    ? fromToy({
        sigmaA: s.sigmaA,
        sigmaB: s.sigmaB,
        rho: s.rho,
        wA: s.wA,
        wB: s.wB,
        noiseStd: s.sigmaEps,
      })
    : fromTeacher(s.sigma, s.wStar, s.sigmaEps, s.dA);

const out: Record<string, unknown> = {};
for (const c of fixture("flow-balanced.json")) {
  const run = simulate({
    stats: statisticsOf(c.statistics),
    depth: c.depth,
    fusionLayer: c.fusion,
    width: c.width,
    init: { kind: "balanced", u0: c.u0 },
    method: { kind: "flow" },
    maxTime: 1.01 * c.tEnd,
  });
  const t = phaseTimes(run);
  out[`flow:${c.id}`] = [run.status, run.steps, t.tA, t.tB];
}
for (const c of fixture("gd-balanced.json")) {
  const run = simulate({
    stats: statisticsOf(c.statistics),
    depth: c.depth,
    fusionLayer: c.fusion,
    width: c.width,
    init: { kind: "balanced", u0: c.u0 },
    method: { kind: "gd", learningRate: c.eta },
  });
  out[`gd:${c.id}`] = [
    run.status,
    run.steps,
    run.crossings.A?.step,
    run.crossings.B?.step,
    run.crossings.A?.t,
    run.crossings.B?.t,
  ];
}
for (const c of fixture("t5-quad.json")) {
  out[`t5:${c.id}`] = unimodalPhasePrediction(c, { depth: c.depth, fusionLayer: c.fusion }, c.u0);
}
console.log(
  JSON.stringify(out, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 1),
);
