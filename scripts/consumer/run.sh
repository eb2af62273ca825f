#!/usr/bin/env bash
# Consumer test (issue 14 item 7): the package as a user gets it. `npm pack`, install the
# tarball into a fresh project outside the repository, then
#   1. type-check a TypeScript file importing ubias, ubias/claims and ubias/vitest against the
#      installed types (tsc --noEmit),
#   2. import the API from plain JavaScript (node) and check two results,
#   3. check the project's own claim files (.ts and .js) through the installed bin
#      (npx ubias check --claims ./claims), and replay the refuted one from its printed command,
#   4. run a vitest test of the project that uses ubias/vitest.
# Needs the build (dist/, `npm run build`): package.json's exports point there. The
# tarball's dependencies are installed by npm (from its cache when offline: --prefer-offline);
# typescript, vitest and @types/node, the project's dev tools, are linked from this
# repository's node_modules instead of downloaded.
# Usage: bash scripts/consumer/run.sh   (UBIAS_CONSUMER_KEEP=1 keeps the project directory)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ubias-consumer-XXXXXX")"
if [ "${UBIAS_CONSUMER_KEEP:-}" = "1" ]; then
  echo "consumer: project kept in $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi
step() { echo "consumer: $*"; }

cd "$ROOT"
if [ ! -f dist/src/api/index.js ]; then
  if npm run --silent 2>/dev/null | grep -q '^  build$'; then
    step "building (npm run build)"
    npm run build
  else
    echo "consumer: no dist/src/api/index.js and no build script: run the build first" >&2
    exit 2
  fi
fi

step "packing"
TARBALL="$WORK/$(npm pack --silent --pack-destination "$WORK" | tail -n 1)"
# package.json's `files` must ship the build (.gitignore excludes dist/ otherwise).
for built in dist/src/api/index.js dist/src/api/index.d.ts dist/src/api/claims.js dist/src/api/vitest.js; do
  if ! tar -tzf "$TARBALL" "package/$built" > /dev/null 2>&1; then
    echo "consumer: the tarball has no $built (package.json files?)" >&2
    exit 2
  fi
done

PROJECT="$WORK/project"
mkdir -p "$PROJECT/claims" "$PROJECT/test"
cd "$PROJECT"
cat > package.json <<'JSON'
{ "name": "ubias-consumer", "private": true, "type": "module" }
JSON
step "installing $(basename "$TARBALL")"
npm install --no-audit --no-fund --prefer-offline --loglevel=error "$TARBALL"
for tool in typescript vitest @types/node; do
  mkdir -p "node_modules/$(dirname "$tool")"
  [ -e "node_modules/$tool" ] || ln -s "$ROOT/node_modules/$tool" "node_modules/$tool"
done

# 1. TypeScript against the installed types.
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noEmit": true,
    "allowImportingTsExtensions": true,
    "skipLibCheck": true,
    "types": ["node"]
  },
  "include": ["use.ts", "claims/*.ts", "test/*.ts"]
}
JSON
cat > use.ts <<'TS'
import type { PhaseTimes, Statistics, TrainingRun } from "ubias";
import { fromToy, phaseTimes, predictPhases, simulate } from "ubias";
import type { Claim, ClaimResult } from "ubias/claims";
import { checkClaim, defineClaim } from "ubias/claims";
import type { ClaimTestOptions } from "ubias/vitest";

const stats: Statistics = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
const ratio: number = predictPhases(stats, { depth: 2, fusionLayer: 2 }, 1e-6).ratio;
const run: TrainingRun = simulate({
  stats,
  depth: 2,
  fusionLayer: 2,
  width: 1,
  init: { kind: "balanced", u0: 1e-6 },
  method: { kind: "flow" },
});
const times: PhaseTimes = phaseTimes(run);
const claim: Claim<number> = defineClaim({
  id: "U1",
  statement: "s",
  domain: "d",
  tolerance: "t",
  // @ts-expect-error: an arbitrary is required to be a fast-check Arbitrary
  arbitrary: 3,
  defaultRuns: 1,
  check: (n: number) => ({ kind: "measured", error: n, tolerance: 1, details: {} }),
});
const options: ClaimTestOptions = { seed: 1, timeout: 1000 };
export const used: [number, PhaseTimes, Claim<number>, ClaimTestOptions, typeof checkClaim, ClaimResult | undefined] =
  [ratio, times, claim, options, checkClaim, undefined];
TS

# 3's claim files: one TypeScript (holds), one JavaScript (refuted).
cat > claims/U7.ts <<'TS'
import { defineConjecture, fromToy, lateFusionRatio, orient, toyParameters } from "ubias/claims";

export const U7 = defineConjecture({
  id: "U7",
  statement: "consumer: T2's ratio in the toy family's own parameters",
  domain: "toy family w = (1, 1)",
  arbitrary: toyParameters(),
  defaultRuns: 20,
  predict: (toy) => lateFusionRatio(orient(fromToy(toy)).stats).ratio,
  measure: ({ sigmaA, sigmaB, rho }) => 1 + (sigmaA ** 2 - sigmaB ** 2) / (sigmaB ** 2 * (1 - rho ** 2)),
  tolerance: { kind: "relative", value: 1e-9, source: "an identity" },
});
TS
cat > claims/U8.js <<'JS'
import { defineClaim, uniform } from "ubias/claims";

export const U8 = defineClaim({
  id: "U8",
  statement: "consumer: x ≤ 0.5 (refuted)",
  domain: "x ∈ [0, 1]",
  tolerance: "0.5 absolute",
  arbitrary: uniform(0, 1),
  defaultRuns: 20,
  check: (x) => ({ kind: "measured", error: x, tolerance: 0.5, details: { x } }),
});
JS
cat > test/claims.test.ts <<'TS'
import { fromToy, lateFusionRatio, orient, toyParameters, defineConjecture } from "ubias/claims";
import { claimTest } from "ubias/vitest";
import { U7 } from "../claims/U7.ts";

claimTest(U7, { seed: 3 });
claimTest(
  defineConjecture({
    id: "U9",
    statement: "consumer: the ratio exceeds 1",
    domain: "toy family",
    arbitrary: toyParameters(),
    defaultRuns: 10,
    predict: () => 2,
    measure: (toy) => (lateFusionRatio(orient(fromToy(toy)).stats).ratio > 1 ? 2 : 0),
    tolerance: { kind: "absolute", value: 0, source: "exact" },
  }),
);
TS

step "tsc --noEmit against the installed types"
node node_modules/typescript/bin/tsc -p tsconfig.json

# 2. Plain JavaScript.
cat > use.mjs <<'JS'
import assert from "node:assert/strict";
import { fromToy, predictPhases } from "ubias";
import { checkClaim, defineClaim } from "ubias/claims";
import fc from "fast-check";

assert.deepEqual(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }).sigmaYX, [5, 2]);
assert.equal(predictPhases(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }), { depth: 2, fusionLayer: 2 }, 1e-6).ratio, 5);
const claim = defineClaim({
  id: "U1", statement: "s", domain: "d", tolerance: "t", arbitrary: fc.integer({ min: 0, max: 9 }),
  defaultRuns: 5, check: (n) => ({ kind: "measured", error: n, tolerance: 9, details: {} }),
});
assert.equal(checkClaim(claim, { seed: 1 }).holds, true);
console.log("consumer: plain JavaScript import ok");
JS
step "node use.mjs"
node use.mjs

# 3. The installed bin on the project's claims.
step "npx ubias check --claims ./claims"
set +e
npx --no-install ubias check --claims ./claims --claim U7 U8 > check.out 2> check.err
code=$?
set -e
cat check.out
if [ "$code" != 0 ]; then cat check.err >&2; echo "consumer: check exited $code" >&2; exit 1; fi
grep -Eq '^U7 .*supported$' check.out
grep -Eq '^U8 .*refuted$' check.out
replay="$(grep '^replay: ' check.out | head -n 1 | sed 's/^replay: //')"
step "replay: $replay"
# The printed command is `npx ubias check ... --claims /abs/claims`: run it as printed.
$replay --json > replay.out
node -e 'const [r] = JSON.parse(require("node:fs").readFileSync("replay.out", "utf8")); if (r.id !== "U8" || r.casesRun !== 1 || r.holds) { console.error(r); process.exit(1); }'

# 4. vitest with ubias/vitest.
step "vitest run (ubias/vitest)"
node node_modules/vitest/vitest.mjs run --root "$PROJECT" test/claims.test.ts

step "all consumer checks passed"
