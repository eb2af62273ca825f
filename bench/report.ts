/**
 * The `report` benchmark of `npm run bench` (issue 4): `ubias report` end to end, as a user
 * runs it (a fresh `node bin/ubias.js report` process: start-up, claims, every figure,
 * the page), `repeats` times into temporary directories; the median wall time is compared
 * with the issue's target (the whole report in ≤ 60 s on 2 cores). Each run's timings.json
 * gives the per-section and per-figure times, reported as medians too.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Issue 4: the whole report, every figure included, in ≤ 60 s on 2 cores. */
export const REPORT_TARGET_MS = 60_000;

const ROOT = fileURLToPath(new URL("../", import.meta.url));

interface Timings {
  readonly threads: number;
  readonly cores: number;
  readonly totalSeconds: number;
  /** CPU seconds of the report process, all threads (user + system). */
  readonly cpuSeconds: number;
  readonly sections: Readonly<Record<string, number>>;
  readonly claims: readonly { readonly id: string; readonly seconds: number }[];
  readonly figures: readonly {
    readonly id: string;
    readonly jobs: number;
    readonly simulationSeconds: number;
    readonly assembleSeconds: number;
    readonly renderSeconds: number;
    readonly totalSeconds: number;
  }[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
}

/** One `ubias report` in a child process: its wall time and its timings.json. */
function runOnce(args: readonly string[]): { ms: number; exitCode: number; timings: Timings } {
  const out = mkdtempSync(join(tmpdir(), "ubias-bench-report-"));
  try {
    const started = performance.now();
    const child = spawnSync(process.execPath, ["bin/ubias.js", "report", "--out", out, ...args], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const ms = performance.now() - started;
    // 0: every theorem holds; 1: a claim fails (the report is still complete).
    if (child.status !== 0 && child.status !== 1) {
      throw new Error(`ubias report exited with ${child.status}: ${child.stderr}`);
    }
    const timings = JSON.parse(readFileSync(join(out, "timings.json"), "utf8")) as Timings;
    return { ms, exitCode: child.status, timings };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function slowestClaim(runs: readonly { timings: Timings }[]) {
  const ids = runs[0]!.timings.claims.map((c) => c.id);
  const medians = ids.map((id) => ({
    id,
    seconds: median(runs.map((r) => r.timings.claims.find((c) => c.id === id)!.seconds)),
  }));
  return medians.reduce((a, b) => (b.seconds > a.seconds ? b : a), { id: "none", seconds: 0 });
}

export function benchReport(repeats = 3, args: readonly string[] = []) {
  const runs = Array.from({ length: repeats }, () => runOnce(args));
  const times = runs.map((r) => r.ms);
  const medianMs = median(times);
  const first = runs[0]!.timings;
  const sectionNames = Object.keys(first.sections);
  return {
    id: "report",
    description: `ubias report end to end (child process, default seed, ${first.threads} threads on ${first.cores} cores)`,
    repeats,
    medianMs,
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    targetMs: REPORT_TARGET_MS,
    meetsTarget: medianMs <= REPORT_TARGET_MS,
    exitCodes: runs.map((r) => r.exitCode),
    /** Median CPU seconds of the whole process (all threads): the cost, whatever the load. */
    cpuSeconds: median(runs.map((r) => r.timings.cpuSeconds)),
    /** The slowest claim (median s): no thread count makes the pool shorter than it. */
    slowestClaim: slowestClaim(runs),
    /** Median seconds per section: loading, pool (claims + simulations), figure assembly + rendering. */
    sections: Object.fromEntries(
      sectionNames.map((name) => [name, median(runs.map((r) => r.timings.sections[name]!))]),
    ),
    claimsThreadSeconds: median(
      runs.map((r) => r.timings.claims.reduce((sum, c) => sum + c.seconds, 0)),
    ),
    /** The figures that existed, with median times (simulation in thread-seconds). */
    figures: first.figures.map((f) => {
      const of = (
        key: "simulationSeconds" | "assembleSeconds" | "renderSeconds" | "totalSeconds",
      ) => median(runs.map((r) => r.timings.figures.find((g) => g.id === f.id)![key]));
      return {
        id: f.id,
        jobs: f.jobs,
        simulationSeconds: of("simulationSeconds"),
        assembleSeconds: of("assembleSeconds"),
        renderSeconds: of("renderSeconds"),
        totalSeconds: of("totalSeconds"),
      };
    }),
  };
}

/** The bench line of the report and one line per figure. */
export function reportLines(result: ReturnType<typeof benchReport>): string[] {
  const verdict = result.meetsTarget ? "met" : "MISSED";
  return [
    `${result.id.padEnd(18)} median ${result.medianMs.toFixed(3).padStart(10)} ms (n = ${result.repeats}) target ≤ ${result.targetMs} ms: ${verdict}`,
    `${"".padEnd(18)} CPU ${result.cpuSeconds.toFixed(1)} s (all threads); slowest claim ${result.slowestClaim.id} ${result.slowestClaim.seconds.toFixed(2)} s`,
    `${"".padEnd(18)} sections (median s): ${Object.entries(result.sections)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(", ")}; claims ${result.claimsThreadSeconds.toFixed(2)} thread-s`,
    ...result.figures.map(
      (f) =>
        `${"".padEnd(18)} figure ${f.id}: ${f.jobs} jobs, simulation ${f.simulationSeconds.toFixed(2)} thread-s, assembly ${f.assembleSeconds.toFixed(2)} s, rendering ${f.renderSeconds.toFixed(2)} s`,
    ),
  ];
}
