// Counterexample hunt: runs claims for several seeds without shrinking and prints every
// failing case with its timing. Usage: npx tsx scripts/hunt.ts <runs> <seed...> [-- claim ids]
import fc from "fast-check";
import { loadCatalogue, selectClaims } from "../src/claims/catalogue.ts";
import { withinTolerance } from "../src/claims/claim.ts";
import { PROPERTIES_DIR } from "../src/cli/propertiesDir.ts";

const args = process.argv.slice(2);
const split = args.indexOf("--");
const [runs, ...seeds] = (split < 0 ? args : args.slice(0, split)).map(Number);
const claims = selectClaims(
  await loadCatalogue(PROPERTIES_DIR),
  split < 0 ? [] : args.slice(split + 1),
);
for (const claim of claims) {
  for (const seed of seeds) {
    const started = performance.now();
    let failures = 0;
    let slowest = 0;
    fc.sample(claim.arbitrary, { seed, numRuns: runs }).forEach((testCase, i) => {
      const t0 = performance.now();
      const verdict = claim.check(testCase);
      slowest = Math.max(slowest, performance.now() - t0);
      if (!withinTolerance(verdict)) {
        failures++;
        console.log(
          `${claim.id} seed ${seed} case ${i}: ${JSON.stringify(testCase)} → ${JSON.stringify(verdict).slice(0, 800)}`,
        );
      }
    });
    console.log(
      `${claim.id} seed ${seed}: ${runs} cases, ${failures} failures, ${((performance.now() - started) / 1000).toFixed(1)} s, slowest case ${slowest.toFixed(0)} ms`,
    );
  }
}
