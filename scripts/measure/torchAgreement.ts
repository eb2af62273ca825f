// The PyTorch adapter (examples/simulators/torch_sgd.py, float32 and --float64) against the
// built-in float64 gradient descent on the same cases: same θ0 (sent in the request), same η.
// Prints max |Δt/t| over t_A and t_B per case and overall; the tolerances of
// test/examples/torchSgd.test.ts cite this measurement.
//   npx tsx scripts/measure/torchAgreement.ts [python]   (default: /usr/bin/python3)
import { phaseTimes } from "../../src/measurement/phaseTimes.js";
import { simulate, simulateExternally } from "../../src/measurement/simulation.js";
import { fromToy } from "../../src/statistics/toy.js";
import { ExternalSimulator } from "../../src/training/external/protocol.js";

const python = process.argv[2] ?? "/usr/bin/python3";
const adapter = `${python} examples/simulators/torch_sgd.py`;
const s32 = new ExternalSimulator(adapter, 60_000);
const s64 = new ExternalSimulator(`${adapter} --float64`, 60_000);
let worst32 = 0;
let worst64 = 0;
const relative = (a: { tA: number; tB: number }, b: { tA: number; tB: number }) =>
  Math.max(Math.abs(a.tA / b.tA - 1), Math.abs(a.tB / b.tB - 1));
for (const rho of [0, 0.3, -0.4, 0.8]) {
  for (const [depth, fusionLayer] of [
    [2, 2],
    [2, 1],
    [3, 2],
    [3, 3],
  ] as const) {
    // Deep balanced gd from u0 = 1e-6 needs ~1/u0 steps: 0.03 keeps L = 3 at a few thousand.
    const u0 = depth === 2 ? 1e-6 : 0.03;
    for (const init of [
      { kind: "balanced" as const, u0 },
      { kind: "gaussian" as const, u0, seed: 1 },
    ]) {
      const spec = {
        stats: fromToy({ sigmaA: 2, sigmaB: 1, rho }),
        depth,
        fusionLayer,
        width: 8,
        init,
        method: { kind: "gd" as const, learningRate: 0.05 },
      };
      const ours = phaseTimes(simulate(spec));
      const e32 = relative(phaseTimes(simulateExternally(spec, s32)), ours);
      const e64 = relative(phaseTimes(simulateExternally(spec, s64)), ours);
      worst32 = Math.max(worst32, e32);
      worst64 = Math.max(worst64, e64);
      console.log(
        `ρ ${rho} L ${depth} Lf ${fusionLayer} ${init.kind}: t_A ${ours.tA.toFixed(4)} t_B ${ours.tB.toFixed(4)} float32 ${e32.toExponential(2)} float64 ${e64.toExponential(2)}`,
      );
    }
  }
}
console.log(`worst: float32 ${worst32.toExponential(2)}, float64 ${worst64.toExponential(2)}`);
s32.close();
s64.close();
