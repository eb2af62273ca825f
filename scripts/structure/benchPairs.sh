#!/usr/bin/env bash
# Paired bench medians of two trees (issue 13: "bench medians within noise, measured as paired
# ratios in one run"): rounds alternate A B A B …; each round runs `bench/run.ts` in-process
# on the given workload ids and the ratio B/A is taken per workload per round.
#   scripts/structure/benchPairs.sh <treeA> <treeB> <rounds> <workload id>...
set -euo pipefail
a=$1; b=$2; rounds=$3; shift 3
tmp=$(mktemp -d)
for r in $(seq 1 "$rounds"); do
  for side in a b; do
    tree=${!side}
    (cd "$tree" && npx tsx bench/run.ts "$@" && git -C "$tree" checkout -q -- bench/results.json 2>/dev/null || true) |
      sed -n 's/^\(.*[^ ]\) *median *\([0-9.]*\) ms.*/\1\t\2/p' > "$tmp/$side.$r"
  done
done
node -e '
const fs = require("fs"); const [dir, rounds] = [process.argv[1], +process.argv[2]];
const read = (f) => Object.fromEntries(fs.readFileSync(f, "utf8").trim().split("\n").filter(Boolean).map((l) => l.split("\t")).map(([k, v]) => [k, +v]));
const med = (xs) => { const s = [...xs].sort((p, q) => p - q); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const ids = Object.keys(read(`${dir}/a.1`));
console.log("workload\tmedian A ms\tmedian B ms\tratio B/A per round (median [min, max])");
for (const id of ids) {
  const A = [], B = [], R = [];
  for (let r = 1; r <= rounds; r++) { const x = read(`${dir}/a.${r}`)[id], y = read(`${dir}/b.${r}`)[id]; A.push(x); B.push(y); R.push(y / x); }
  console.log(`${id}\t${med(A).toFixed(3)}\t${med(B).toFixed(3)}\t${med(R).toFixed(3)} [${Math.min(...R).toFixed(3)}, ${Math.max(...R).toFixed(3)}]`);
}' "$tmp" "$rounds"
