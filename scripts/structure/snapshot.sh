#!/usr/bin/env bash
# Behaviour snapshot for restructurings (issue 13): everything a user or fixture sees for
# the default seed, with wall-clock fields removed, so two trees can be compared by `diff -r`.
#   scripts/structure/snapshot.sh <tree> <out-dir>
# Writes: check.json, conjecture.json, validity.json (the tables as JSON), figures/ (every
# figure's SVG and CSV), fixtures.json (our values for every reference-fixture case).
set -euo pipefail
tree=$(cd "$1" && pwd); out=$2
mkdir -p "$out/figures"
cd "$tree"
strip() { node -e '
  const drop = new Set(["seconds","wallSeconds","elapsedSeconds","ms","durationMs","timings","generatedAt","environment","date"]);
  const walk = (v) => Array.isArray(v) ? v.map(walk) : v && typeof v === "object"
    ? Object.fromEntries(Object.entries(v).filter(([k]) => !drop.has(k)).map(([k, x]) => [k, walk(x)])) : v;
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.stringify(walk(JSON.parse(s)), null, 1)));'; }
node bin/ubias.js check --json | strip > "$out/check.json" || true
node bin/ubias.js conjecture --predict "1 + (sigmaA^2 - sigmaB^2)/sigmaB^2" --json | strip > "$out/conjecture.json" || true
node bin/ubias.js validity --json | strip > "$out/validity.json" || true
T="--sigma-a 2 --sigma-b 1 --rho 0.3"
for a in "$T --depth 2 --fusion 2" "$T --depth 4 --fusion 2 --u0 0.1" "$T --depth 3 --fusion 1 --method gd --learning-rate 0.05" "$T --depth 2 --fusion 2 --relu" "$T --depth 2 --fusion 2 --samples 200"; do
  node bin/ubias.js predict $a --json; node bin/ubias.js simulate $a --json | strip; done > "$out/predict-simulate.json" 2>&1 || true
node bin/ubias.js figure all --out "$out/figures" > /dev/null
npx tsx "$tree/scripts/structure/fixtureValues.ts" "$tree" > "$out/fixtures.json"
