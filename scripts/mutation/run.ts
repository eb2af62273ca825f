/**
 * `npm run mutation [-- --only ID,ID] [--jobs N] [--all-tests | --no-tests] [--budget S] [--json FILE] [--keep]`
 *
 * Issue 11's mutation runner. For each mutant of scripts/mutation/catalogue.ts: copy the
 * repository to a scratch directory (node_modules symlinked), apply the mutant, run
 *   1. the claims catalogue: `tsx src/cli/main.ts check --json` at the default seed; a
 *      mutant is killed by the claims when a T-claim that holds on the unmutated tree fails
 *      (or the CLI crashes or times out); conjecture verdicts that change are reported, not
 *      counted (a conjecture's verdict never changes the exit code);
 *   2. the unit tests (`vitest run`, no coverage), by default only the folders mirroring the
 *      mutated files (src/<area>/… → test/<area>/): the claims suite test/properties is the
 *      catalogue of step 1 again, and every unit test per mutant costs ~3 min on 2 cores;
 *      `--all-tests` runs the whole suite instead.
 * It prints, per bug, which claims and which test files fail, then `claims killed K of N`,
 * `tests killed K of N`, the expected survivors with their reasons, and the total time.
 * Every search string is validated against the tree before anything runs (exit 2 if one is
 * not found exactly once). Design and the last measured run: docs/mutation.md.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MUTANTS } from "./catalogue.js";
import type { Mutant } from "./mutant.js";
import { applyMutant, mutantProblems } from "./mutant.js";
import { scratchCopy } from "./scratchCopy.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/**
 * A mutant's catalogue run may take at most CLAIMS_BUDGET_FACTOR × the unmutated run (at
 * least MIN_CLAIMS_BUDGET_S): a mutant that breaks a stopping rule makes finite-data runs
 * spend their whole step budget. Claims that finished by then are counted; the rest are
 * reported as not reached (the row says "timeout"), never as kills.
 */
const CLAIMS_BUDGET_FACTOR = 4;
const MIN_CLAIMS_BUDGET_S = 120;
/** Mirrored test folders take ≤ 60 s unmutated; a test run beyond this is reported as "(timeout)". */
const TESTS_TIMEOUT_MS = 150_000;

interface Options {
  readonly only?: readonly string[];
  readonly jobs: number;
  readonly tests: "mirrored" | "all" | "none";
  readonly json?: string;
  readonly keep: boolean;
  /** Claims budget per mutant in seconds (default: CLAIMS_BUDGET_FACTOR × the unmutated run). */
  readonly budget?: number;
}

function parseArgs(argv: readonly string[]): Options {
  let only: string[] | undefined;
  let jobs = 1;
  let tests: Options["tests"] = "mirrored";
  let json: string | undefined;
  let keep = false;
  let budget: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--only") only = value().split(",").filter(Boolean);
    else if (arg === "--jobs") {
      jobs = Number(value());
      if (!Number.isInteger(jobs) || jobs < 1) throw new Error("--jobs must be an integer ≥ 1");
    } else if (arg === "--all-tests") tests = "all";
    else if (arg === "--no-tests") tests = "none";
    else if (arg === "--json") json = value();
    else if (arg === "--keep") keep = true;
    else if (arg === "--budget") {
      budget = Number(value());
      if (!(budget > 0)) throw new Error("--budget must be a positive number of seconds");
    } else throw new Error(`unknown option ${arg}`);
  }
  return {
    ...(only ? { only } : {}),
    jobs,
    tests,
    ...(json ? { json } : {}),
    keep,
    ...(budget !== undefined ? { budget } : {}),
  };
}

interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly seconds: number;
}

function runCommand(
  cwd: string,
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<CommandResult> {
  const start = performance.now();
  return new Promise((resolve) => {
    // Its own process group: tsx and vitest run the work in child processes, and a timeout
    // must end all of them (killing the wrapper alone leaves the pipe open and the run going).
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: "0" },
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, seconds: (performance.now() - start) / 1000 });
    });
  });
}

interface ClaimsOutcome {
  /** T-claims that fail (a crash of the CLI: "(crash: …)"). */
  readonly failing: readonly string[];
  /** Conjecture verdicts: id → "supported" | "refuted". */
  readonly conjectures: Readonly<Record<string, string>>;
  /** The catalogue did not finish within its budget: claims not reached are not counted. */
  readonly timedOut: boolean;
  readonly seconds: number;
}

/** `ubias check` prints one line per claim on stderr as it finishes: "T3: FAILS (50 cases, …)". */
const CLAIM_LINE = /^(\S+): (holds|FAILS|supported|refuted) \(/;

async function runClaims(dir: string, threads: number, budgetMs: number): Promise<ClaimsOutcome> {
  const tsx = join(dir, "node_modules", ".bin", "tsx");
  const r = await runCommand(
    dir,
    tsx,
    ["src/cli/main.ts", "check", "--json", "--threads", String(threads)],
    budgetMs,
  );
  // Read the per-claim lines (they survive a timeout, the JSON at the end does not).
  const failing: string[] = [];
  const conjectures: Record<string, string> = {};
  for (const line of r.stderr.split("\n")) {
    const match = CLAIM_LINE.exec(line.trim());
    if (!match) continue;
    const [, id, verdict] = match as unknown as [string, string, string];
    if (verdict === "FAILS") failing.push(id);
    if (verdict === "supported" || verdict === "refuted") conjectures[id] = verdict;
  }
  const finished = r.code === 0 || r.code === 1;
  if (!finished && !r.timedOut) {
    const last = r.stderr.trim().split("\n").slice(-1)[0] ?? "";
    failing.push(`(crash: ${last.slice(0, 120)})`);
  }
  return { failing, conjectures, timedOut: r.timedOut, seconds: r.seconds };
}

interface TestsOutcome {
  /** Failing test files (relative), or ["(timeout)"], ["(crash)"]. */
  readonly failing: readonly string[];
  readonly failedTests: number;
  readonly folders: readonly string[];
  readonly seconds: number;
}

/** test/ folders mirroring the mutated files (src/<area>/x.ts → test/<area>/). */
function mirroredFolders(dir: string, mutant: Mutant | undefined): string[] {
  const files = mutant ? mutant.edits.map((e) => e.file) : [];
  const folders = new Set<string>();
  for (const file of files) {
    const parts = file.split("/");
    const folder =
      parts[0] === "src" ? join("test", ...parts.slice(1, -1)) : join("test", parts[0]!);
    if (existsSync(join(dir, folder))) folders.add(folder);
  }
  return [...folders].sort();
}

async function runTests(dir: string, folders: readonly string[] | "all"): Promise<TestsOutcome> {
  const vitest = join(dir, "node_modules", ".bin", "vitest");
  const report = join(dir, "vitest-report.json");
  const selected = folders === "all" ? [] : folders;
  // --bail=1: a mutant is killed by the tests at their first failure (the rest is not run,
  // so the files listed are those that failed before the bail).
  const r = await runCommand(
    dir,
    vitest,
    ["run", ...selected, "--bail=1", "--reporter=json", `--outputFile=${report}`],
    TESTS_TIMEOUT_MS,
  );
  const base = { folders: folders === "all" ? ["test"] : folders, seconds: r.seconds };
  if (r.timedOut) return { ...base, failing: ["(timeout)"], failedTests: 0 };
  if (!existsSync(report)) return { ...base, failing: ["(crash)"], failedTests: 0 };
  const json = JSON.parse(readFileSync(report, "utf8")) as {
    numFailedTests: number;
    testResults: { name: string; status: string }[];
  };
  const failing = json.testResults
    .filter((t) => t.status !== "passed")
    .map((t) => t.name.slice(dir.length + 1));
  return { ...base, failing, failedTests: json.numFailedTests };
}

interface MutantResult {
  readonly id: string;
  readonly bug: string;
  readonly owner: string;
  readonly issueTable: boolean;
  readonly expectedSurvivor?: string;
  readonly claims: readonly string[];
  readonly claimsTimedOut: boolean;
  readonly conjectureChanges: readonly string[];
  readonly tests?: TestsOutcome;
  readonly seconds: number;
}

async function runMutant(
  mutant: Mutant,
  source: string,
  work: string,
  options: Options,
  baseline: ClaimsOutcome,
  threads: number,
  claimsBudgetMs: number,
): Promise<MutantResult> {
  const start = performance.now();
  const dir = join(work, mutant.id);
  scratchCopy(source, dir);
  applyMutant(dir, mutant);
  const claims = await runClaims(dir, threads, claimsBudgetMs);
  const newlyFailing = claims.failing.filter((id) => !baseline.failing.includes(id));
  const conjectureChanges = Object.entries(claims.conjectures)
    .filter(([id, verdict]) => baseline.conjectures[id] !== verdict)
    .map(([id, verdict]) => `${id} → ${verdict}`);
  const tests =
    options.tests === "none"
      ? undefined
      : await runTests(dir, options.tests === "all" ? "all" : mirroredFolders(dir, mutant));
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
  return {
    id: mutant.id,
    bug: mutant.bug,
    owner: mutant.owner,
    issueTable: mutant.issueTable ?? false,
    ...(mutant.expectedSurvivor ? { expectedSurvivor: mutant.expectedSurvivor } : {}),
    claims: newlyFailing,
    claimsTimedOut: claims.timedOut,
    conjectureChanges,
    ...(tests ? { tests } : {}),
    seconds: (performance.now() - start) / 1000,
  };
}

async function pool<T, R>(items: readonly T[], jobs: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}

const cell = (s: string) => s.replaceAll("|", "\\|");

function report(results: readonly MutantResult[], options: Options, seconds: number): string {
  const lines: string[] = [];
  const testsHeader = options.tests === "none" ? "" : " tests failing |";
  lines.push(`| mutant | bug | claims failing |${testsHeader} s |`);
  lines.push(`| --- | --- | --- |${options.tests === "none" ? "" : " --- |"} ---: |`);
  for (const r of results) {
    const timeout = r.claimsTimedOut ? " (timeout: later claims not run)" : "";
    const claims = `${r.claims.length > 0 ? r.claims.join(", ") : "**none**"}${timeout}`;
    const tests = r.tests
      ? ` ${r.tests.failing.length > 0 ? r.tests.failing.map((f) => f.replace(/^test\//, "")).join(", ") : "**none**"} |`
      : "";
    const mark = r.issueTable ? " (issue table)" : "";
    lines.push(`| ${r.id} | ${cell(r.bug)}${mark} | ${claims} |${tests} ${r.seconds.toFixed(0)} |`);
  }
  const n = results.length;
  const byClaims = results.filter((r) => r.claims.length > 0);
  const byTests = results.filter((r) => (r.tests?.failing.length ?? 0) > 0);
  const either = results.filter((r) => r.claims.length > 0 || (r.tests?.failing.length ?? 0) > 0);
  lines.push("");
  lines.push(`claims killed ${byClaims.length} of ${n}`);
  if (options.tests !== "none") {
    const scope = options.tests === "all" ? "all unit tests" : "mirrored test folders";
    lines.push(`tests killed ${byTests.length} of ${n} (${scope})`);
    lines.push(`claims + tests killed ${either.length} of ${n}`);
  }
  const table = results.filter((r) => r.issueTable);
  if (table.length > 0) {
    lines.push(
      `issue 11's table: claims kill ${table.filter((r) => r.claims.length > 0).length} of ${table.length}`,
    );
  }
  const survivors = results.filter((r) => r.claims.length === 0);
  if (survivors.length > 0) {
    lines.push("surviving the claims:");
    for (const r of survivors)
      lines.push(
        `  ${r.id}: ${r.expectedSurvivor ? `expected — ${r.expectedSurvivor}` : "UNEXPECTED"}`,
      );
  }
  const changed = results.filter((r) => r.conjectureChanges.length > 0);
  if (changed.length > 0) {
    lines.push("conjecture verdicts changed (not counted):");
    for (const r of changed) lines.push(`  ${r.id}: ${r.conjectureChanges.join(", ")}`);
  }
  lines.push(`total time ${seconds.toFixed(0)} s (jobs ${options.jobs})`);
  return lines.join("\n");
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const problems = MUTANTS.flatMap((m) => mutantProblems(ROOT, m));
  const ids = new Set<string>();
  for (const m of MUTANTS) {
    if (ids.has(m.id)) problems.push(`duplicate mutant id ${m.id}`);
    ids.add(m.id);
  }
  const unknown = (options.only ?? []).filter((id) => !ids.has(id));
  if (unknown.length > 0) problems.push(`unknown mutant id(s): ${unknown.join(", ")}`);
  if (problems.length > 0) {
    process.stderr.write(`mutation catalogue does not match the tree:\n${problems.join("\n")}\n`);
    return 2;
  }
  const selected = options.only ? MUTANTS.filter((m) => options.only!.includes(m.id)) : MUTANTS;
  // Claims on worker threads: both cores for one job at a time, one each beyond.
  const threads = options.jobs > 1 ? 1 : 2;
  const start = performance.now();
  const work = mkdtempSync(join(tmpdir(), "ubias-mutation-"));
  process.stderr.write(`scratch copies under ${work}\n`);
  // One snapshot of the tree at start: edits made while the run goes on do not leak into it.
  const source = join(work, "baseline");
  scratchCopy(ROOT, source);
  const baseline = await runClaims(source, threads, 30 * 60_000);
  if (baseline.failing.length > 0) {
    process.stderr.write(
      `the unmutated tree fails claims ${baseline.failing.join(", ")}: fix that first\n`,
    );
    return 2;
  }
  process.stderr.write(`baseline: every claim holds (${baseline.seconds.toFixed(0)} s)\n`);
  const claimsBudgetMs =
    1000 *
    (options.budget ?? Math.max(MIN_CLAIMS_BUDGET_S, CLAIMS_BUDGET_FACTOR * baseline.seconds));
  let done = 0;
  const results = await pool(selected, options.jobs, async (m) => {
    const r = await runMutant(m, source, work, options, baseline, threads, claimsBudgetMs);
    done++;
    const tests = r.tests ? `; tests: ${r.tests.failing.join(", ") || "none"}` : "";
    process.stderr.write(
      `[${done}/${selected.length}] ${m.id}: claims: ${r.claims.join(", ") || "none"}${tests} (${r.seconds.toFixed(0)} s)\n`,
    );
    return r;
  });
  if (!options.keep) rmSync(work, { recursive: true, force: true });
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(`${report(results, options, seconds)}\n`);
  if (options.json)
    writeFileSync(options.json, `${JSON.stringify({ seconds, options, results }, null, 2)}\n`);
  // Exit 1 when a mutant survives the claims without a stated reason: a claim lost its teeth.
  return results.some((r) => r.claims.length === 0 && !r.expectedSurvivor) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exitCode = 2;
  },
);
