// Exploratory measurement behind the T1, T3 and T9 tolerances (see properties/T1.ts, T3.ts, T9.ts).
// Run: npx tsx scripts/measure/earlyFusionAndPlateau.ts
import { simulateCase } from "../../src/claims/twoLayerCase.ts";
import { derive, fromToy, orient } from "../../src/statistics/index.ts";

const t1: number[] = [];
const t3: number[][] = [];
const t9: number[] = [];
for (const r of [1.1, 1.5, 2, 3]) for (const rho of [-0.9, -0.5, 0, 0.5, 0.9]) for (const w of [[1, 1], [0.5, 1.5], [-1, 2]]) for (const u0 of [1e-4, 1e-9, 1e-12]) for (const [init, width, seed] of [["balanced", 1, 0], ["gaussian", 1, 1], ["gaussian", 8, 2], ["gaussian", 32, 3]] as const) {
  const { stats } = orient(fromToy({ sigmaA: r, sigmaB: 1, rho, wA: w[0], wB: w[1] }));
  const q = derive(stats);
  const lu = Math.log(1 / u0);
  const early = simulateCase(stats, { depth: 2, fusionLayer: 1, width, init, seed, u0 });
  t1.push(Math.abs(early.times.ratio - 1) * lu);
  if (Math.abs(early.times.ratio - 1) * lu > 3) console.log("T1", r, rho, w, u0, init, width, early.times.ratio);
  const late = simulateCase(stats, { depth: 2, fusionLayer: 2, width, init, seed, u0 }, true);
  if (!late.times.reached) continue;
  const p = late.run.plateau!;
  const g = Math.hypot(...q.wUniA);
  const b = Math.hypot(...q.wFull.slice(1));
  const devA = Math.abs(p.totalMap[0]! - q.wUniA[0]!) / g;
  const devB = Math.abs(p.totalMap[1]!) / b;
  const devL = Math.abs(p.loss - q.lossUniA) / (q.lossZero - q.lossFull);
  const k = q.sB / q.sA;
  t3.push([devA, devB, devL, u0, k]);
  const fin = Math.hypot(late.run.final.totalMap[0]! - q.wFull[0]!, late.run.final.totalMap[1]! - q.wFull[1]!) / Math.hypot(...q.wFull);
  if (fin > 1e-4) console.log("T3 final", r, rho, w, u0, fin);
  t9.push(Math.abs(late.times.tA / (lu / q.sA) - 1) * 2 * lu);
}
const stats = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return `median ${s[s.length >> 1]!.toFixed(3)} p90 ${s[Math.floor(s.length * 0.9)]!.toFixed(3)} max ${s[s.length - 1]!.toFixed(3)}`; };
console.log("T1 |ratio-1|·ln(1/u0):", stats(t1));
console.log("T9 |tA/(ln(1/u0)/sA) - 1|·2ln(1/u0):", stats(t9));
for (const u0 of [1e-4, 1e-9, 1e-12]) {
  const rows = t3.filter((r) => r[3] === u0);
  console.log(`T3 u0=${u0}: devA ${stats(rows.map((r) => r[0]!))}; devB ${stats(rows.map((r) => r[1]!))}; devLoss ${stats(rows.map((r) => r[2]!))}`);
}
