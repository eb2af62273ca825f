// Issue 15 item 6: what the external-simulator protocol costs per case, against the simulation.
// The same cases (T2-like two-layer late fusion on the toy family, and a deep L = 4 one) run
//   1. through scripts/measure/cannedAdapter.py, which parses each request and answers at once:
//      the protocol's own cost (request built and written, pipe, Python JSON, answer validated);
//   2. through the NumPy reference adapter (examples/simulators/numpy.py): a real simulation;
//   3. on the built-in simulator, for scale.
// Prints per-case milliseconds (median over the repeats) and the protocol's share.
//   npx tsx scripts/measure/protocolOverhead.ts [repeats]   (default 5)

import type { SimulationSpec } from "../../src/measurement/simulation.js";
import { simulate, simulateExternally } from "../../src/measurement/simulation.js";
import { fromToy } from "../../src/statistics/toy.js";
import { ExternalSimulator } from "../../src/training/external/protocol.js";

const repeats = Number(process.argv[2] ?? 5);
const canned = new ExternalSimulator("python3 scripts/measure/cannedAdapter.py", 60_000);
const numpy = new ExternalSimulator("python3 examples/simulators/numpy.py", 120_000);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const cases: [string, SimulationSpec][] = [
  ["L 2, width 1, u0 1e-6", spec(2, 2, 1, 1e-6)],
  ["L 2, width 32, u0 1e-6", spec(2, 2, 32, 1e-6)],
  ["L 2, width 32, u0 1e-12", spec(2, 2, 32, 1e-12)],
  ["L 4, Lf 4, width 32, u0 0.03", spec(4, 4, 32, 0.03)],
];

function spec(depth: number, fusionLayer: number, width: number, u0: number): SimulationSpec {
  return {
    stats: fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 }),
    depth,
    fusionLayer,
    width,
    init: { kind: "gaussian", u0, seed: 1 },
    method: { kind: "flow" },
  };
}

// Start both children (hello) before timing.
canned.capabilities();
numpy.capabilities();
console.log(
  "| case | parameters | protocol only (ms) | NumPy adapter (ms) | built-in (ms) | protocol share of NumPy case |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
for (const [name, s] of cases) {
  const protocol: number[] = [];
  const adapter: number[] = [];
  const builtIn: number[] = [];
  // The protocol alone is cheap and noisy (thread wake-ups): ten times the repeats.
  for (let i = 0; i < 10 * repeats; i++) protocol.push(timed(() => simulateExternally(s, canned)));
  for (let i = 0; i < repeats; i++) {
    adapter.push(timed(() => simulateExternally(s, numpy)));
    builtIn.push(timed(() => simulate(s)));
  }
  const width = s.width ?? 1;
  const parameters = s.depth === 2 ? 2 * 2 * width : 2 * width + (s.depth - 1) * width * width;
  const p = median(protocol);
  const a = median(adapter);
  console.log(
    `| ${name} | ~${parameters} | ${p.toFixed(2)} | ${a.toFixed(1)} | ${median(builtIn).toFixed(2)} | ${((100 * p) / a).toFixed(2)} % |`,
  );
}
canned.close();
numpy.close();
