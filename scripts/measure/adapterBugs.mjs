// The power of the suite against an external simulator (issue 15 item 5): plausible bugs
// written into copies of the NumPy reference adapter (examples/simulators/numpy.py), each
// checked with `ubias check --simulator` on the claims that train; prints which claims catch
// each bug, with the shrunk counterexample's replay. Every copy must differ from the original
// (the substitution is asserted), and the unmutated adapter is run first as the control.
//   node scripts/measure/adapterBugs.mjs [--runs N] [--bug NAME] [claim IDs...]
//   (defaults: --runs 5, every bug, claims T1 T2 T3 T4 T8 T9)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SOURCE = readFileSync(join(ROOT, "examples/simulators/numpy.py"), "utf8");
const args = process.argv.slice(2);
const bugAt = args.indexOf("--bug");
const only = bugAt >= 0 ? args.splice(bugAt, 2)[1] : undefined;
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? args.splice(runsAt, 2)[1] : "5";
const claims = args.length > 0 ? args : ["T1", "T2", "T3", "T4", "T8", "T9"];
/**
 * Per-case limit (s): the unmutated adapter (the control, run first with the same limit)
 * passes every claim under it; a bug that makes a run crawl is then caught as unmeasurable
 * at 60 s instead of after the default 120 s (the table in docs/simulator-protocol.md was
 * measured with it).
 */
const TIMEOUT = "60";

/** [name, what it does, text in the adapter, its replacement]. */
const BUGS = [
  ["none", "the reference adapter itself (control)", "", ""],
  [
    "branch-B-gradient-halved",
    "a wrong gradient term for one branch: B's chain gets half its gradient",
    "back = g[cols[m]].reshape(1, -1)  # dL/dW_m, 1 x d_m",
    'back = g[cols[m]].reshape(1, -1) * (0.5 if m == "B" else 1.0)',
  ],
  [
    "gd-step-twice",
    "gradient descent applies the learning rate twice (two steps per iteration)",
    "theta = theta - eta * grad",
    "theta = theta - 2 * eta * grad",
  ],
  [
    "init-ignored",
    "the given initial weights are ignored: a fresh Gaussian draw of the same largest entry",
    'self.theta0 = np.concatenate([np.array(layer["values"], dtype=float) for layer in layers])',
    '_given = np.concatenate([np.array(layer["values"], dtype=float) for layer in layers]); self.theta0 = np.random.default_rng(1).standard_normal(_given.size) * np.abs(_given).max()',
  ],
  [
    "fusion-blocks-swapped",
    "the modalities' chains swapped (A's blocks act on x_B and B's on x_A)",
    'self.chains = {"A": chain("A"), "B": chain("B")}',
    'self.chains = {"A": chain("B"), "B": chain("A")}',
  ],
  [
    "float32-state",
    "the state rounded to float32 after every accepted step (float32 accumulation)",
    "t, theta, f = t + h, y5, f5",
    "t, theta, f = t + h, y5.astype(np.float32).astype(float), f5",
  ],
  [
    "crossing-at-step-end",
    "a crossing reported at the end of the step that crossed (no event location)",
    "tc = locate(net, th, t, h, dense)",
    "tc = (t + h, w5.tolist())",
  ],
];

const dir = mkdtempSync(join(tmpdir(), "ubias-adapter-bugs-"));
const rows = [];
for (const [name, what, from, to] of BUGS.filter(([n]) => only === undefined || n === only)) {
  let text = SOURCE;
  if (from !== "") {
    if (!SOURCE.includes(from))
      throw new Error(`${name}: the adapter has no ${JSON.stringify(from)}`);
    text = SOURCE.replace(from, to);
  }
  const file = join(dir, `${name}.py`);
  writeFileSync(file, text);
  let out;
  try {
    out = execFileSync(
      process.execPath,
      [
        join(ROOT, "bin/ubias.js"),
        "check",
        "--simulator",
        `python3 ${file}`,
        "--claim",
        ...claims,
        "--runs",
        runs,
        "--simulator-timeout",
        TIMEOUT,
        "--json",
      ],
      { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "ignore"] },
    );
  } catch (error) {
    out = error.stdout; // exit 1: a claim failed
  }
  const results = JSON.parse(out);
  const caught = results.filter((r) => !r.holds && !r.skipped);
  const skipped = results.filter((r) => r.skipped).map((r) => r.id);
  rows.push({ name, what, caught, skipped, total: results.length });
  console.error(`${name}: ${caught.map((r) => r.id).join(", ") || "none"}`);
}
console.log(
  `| bug | what | claims that catch it (of ${rows[0].total}, --runs ${runs}) | first counterexample |`,
);
console.log("| --- | --- | --- | --- |");
for (const r of rows) {
  const first = r.caught[0]?.counterexample;
  console.log(
    `| ${r.name} | ${r.what} | ${r.caught.map((c) => c.id).join(", ") || "**none**"} | ${first ? `\`${first.replay.replace(/ --simulator .*/, "")}\` (${JSON.stringify(first.verdict.kind)}${first.verdict.error !== undefined ? `, error ${first.verdict.error === null ? "∞" : Number(first.verdict.error).toPrecision(3)} / tol ${Number(first.verdict.tolerance).toPrecision(3)}` : ""})` : "—"} |`,
  );
}
console.log(
  `\nskipped (protocol v1 does not carry what they need): ${rows[0].skipped.join(", ") || "none"}`,
);
