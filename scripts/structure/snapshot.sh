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
# Every simulate path the experiment layer serves: population flow (deep, Rodas), gradient
# descent, ReLU on the population, sampled data, XOR, a user's CSV, repeats, a trajectory CSV
# and the text output. A command that fails aborts the snapshot (identical failures on both
# trees would otherwise pass as "identical").
printf 'y,x1,x2\n' > "$out/data.csv"; for i in $(seq 1 40); do
  node -e "const i=$i, a=Math.sin(i), b=Math.cos(1.3*i); console.log([a+0.5*b+0.01*Math.sin(5*i), a, b].map(v=>v.toFixed(6)).join(','))"; done >> "$out/data.csv"
for a in "$T --depth 2 --fusion 2" "$T --depth 4 --fusion 2 --u0 0.1" "$T --depth 3 --fusion 1"; do
  node bin/ubias.js predict $a --json; done > "$out/predict.json"
for a in "$T --depth 2 --fusion 2" "$T --depth 4 --fusion 2 --u0 0.1" "$T --depth 3 --fusion 1 --method gd --lr 0.05" \
  "$T --depth 2 --fusion 2 --activation relu" "$T --depth 2 --fusion 2 --samples 200" "$T --depth 2 --fusion 2 --samples 200 --activation relu" \
  "--data xor --var-lin 1 --fusion 1" "--csv $out/data.csv --target y --modality-a x1 --modality-b x2" \
  "$T --depth 2 --fusion 2 --repeats 3" "$T --depth 2 --fusion 2 --trajectory $out/trajectory.csv"; do
  node bin/ubias.js simulate $a --json | strip; done > "$out/simulate.json"
node bin/ubias.js simulate $T --depth 2 --fusion 2 | sed -E 's/, [0-9.]+ s$//' > "$out/simulate.txt"
node bin/ubias.js figure all --out "$out/figures" > /dev/null
npx tsx "$tree/scripts/structure/fixtureValues.ts" "$tree" > "$out/fixtures.json"
