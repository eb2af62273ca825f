/**
 * The `startup` benchmark of `npm run bench` (issue 14): `ubias predict … --json` as a user
 * runs it, a fresh `node bin/ubias.js` process (the compiled CLI, dist/: `npm run build`),
 * against `node -e 0`, the floor of any Node program on the same machine. The two run in
 * turn, A B A B …, and the ratio is taken pair by pair, so a drift in the machine's speed
 * hits both sides of a pair alike; the median wall time and the median ratio are compared
 * with the targets (≤ 150 ms and ≤ 3× `node -e 0`). Wall time is measured from the
 * spawn to the exit as seen by this process.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Issue 14: `ubias predict` median wall ≤ 150 ms … */
export const STARTUP_TARGET_MS = 150;
/** … and ≤ 3× `node -e 0` measured in the same run. */
export const STARTUP_TARGET_RATIO = 3;

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const PREDICT = ["bin/ubias.js", "predict", "--sigma-a", "2", "--sigma-b", "1", "--rho", "0.3"];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
}

/** Wall ms of one `node args` process; throws unless it exits 0. */
function wallMs(args: readonly string[]): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  const ms = performance.now() - started;
  if (child.status !== 0)
    throw new Error(`node ${args.join(" ")} exited with ${child.status}: ${child.stderr}`);
  return ms;
}

export function benchStartup(pairs = 20) {
  const predict = [...PREDICT, "--json"];
  const floor = ["-e", "0"];
  // One warm-up pair (file system cache), not counted.
  wallMs(predict);
  wallMs(floor);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < pairs; i++) {
    a.push(wallMs(predict));
    b.push(wallMs(floor));
  }
  const ratios = a.map((ms, i) => ms / b[i]!);
  const medianMs = median(a);
  const ratio = median(ratios);
  return {
    id: "startup",
    description:
      "ubias predict --sigma-a 2 --sigma-b 1 --rho 0.3 --json, a fresh node bin/ubias.js process (compiled dist/), paired with node -e 0",
    repeats: pairs,
    medianMs,
    minMs: Math.min(...a),
    maxMs: Math.max(...a),
    targetMs: STARTUP_TARGET_MS,
    nodeMedianMs: median(b),
    /** Median over pairs of predict's wall / node -e 0's wall. */
    ratioToNode: ratio,
    targetRatio: STARTUP_TARGET_RATIO,
    meetsTarget: medianMs <= STARTUP_TARGET_MS && ratio <= STARTUP_TARGET_RATIO,
  };
}

/** The bench line of the start-up row. */
export function startupLines(result: ReturnType<typeof benchStartup>): string[] {
  const verdict = result.meetsTarget ? "met" : "MISSED";
  return [
    `${result.id.padEnd(18)} median ${result.medianMs.toFixed(3).padStart(10)} ms (n = ${result.repeats}) target ≤ ${result.targetMs} ms and ≤ ${result.targetRatio}× node -e 0: ${verdict}`,
    `${"".padEnd(18)} node -e 0 median ${result.nodeMedianMs.toFixed(1)} ms; ratio per pair, median ${result.ratioToNode.toFixed(2)}× (range of predict ${result.minMs.toFixed(1)}-${result.maxMs.toFixed(1)} ms)`,
  ];
}
