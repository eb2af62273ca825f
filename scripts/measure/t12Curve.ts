// T12 curve (docs/theory.md T12): final loss and number of distinct first-layer neuron directions
// against the variance v of the linear modality, early (Lf = 1) vs late (Lf = 2) fusion, for
// two-layer ReLU networks trained by full-batch gradient descent on the XOR + Gaussian data.
// Writes fixtures/reference/t12-xor-curve.json; re-running reproduces it byte for byte (all
// draws seeded; timing is not recorded).
// Run: npx tsx scripts/measure/t12Curve.ts
import { writeFileSync } from "node:fs";
import { T12_CONFIG, t12Point } from "../../properties/T12.ts";
import {
  DIRECTION_ANGLE_DEGREES,
  NEGLIGIBLE_FRACTION,
} from "../../src/measurement/neuronDirections.ts";

const variances = [0.25, 0.5, 1, 2, 4];
const points = [];
for (const variance of variances) {
  for (const fusionLayer of [1, 2] as const) {
    const point = t12Point(variance, fusionLayer, T12_CONFIG.seed);
    points.push(point);
    console.log(JSON.stringify(point));
  }
}
const fixture = {
  generator: "scripts/measure/t12Curve.ts",
  command: "npx tsx scripts/measure/t12Curve.ts",
  versions: { node: process.versions.node.split(".")[0], ubias: "0.1.0" },
  config: {
    ...T12_CONFIG,
    directionAngleDegrees: DIRECTION_ANGLE_DEGREES,
    negligibleFraction: NEGLIGIBLE_FRACTION,
  },
  points,
};
writeFileSync(
  new URL("../../fixtures/reference/t12-xor-curve.json", import.meta.url),
  `${JSON.stringify(fixture, null, 2)}\n`,
);
