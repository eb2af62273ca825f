import { resolve } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { compareIds, selectClaims } from "../claims/catalogue.js";
import type { Claim } from "../claims/claim.js";
import { theoremsHold } from "../claims/claimResult.js";
import { counterexampleFixture } from "../claims/counterexampleFixture.js";
import type { ClaimResult } from "../claims/runner.js";
import { checkClaim, DEFAULT_SEED } from "../claims/runner.js";
import type { Shard } from "../claims/shard.js";
import { InputError } from "../errors/inputError.js";
import { formatJson } from "../format/json.js";
import { defaultThreads, MAX_THREADS, threadsFor } from "../parallel/threads.js";
import { runPool } from "../parallel/workerPool.js";
import type { ClaimJobInput } from "../report/claimJob.js";
import { CLAIM_SOURCE } from "../report/claimJob.js";
import type { ExternalSimulator } from "../training/external/protocol.js";
import { BUDGET_HELP, budgetOption } from "./budgetOption.js";
import {
  CLAIMS_OPTION_HELP,
  catalogueSource,
  claimDirs,
  loadCommandClaims,
  withClaimsDirInReplay,
} from "./claimsOption.js";
import { resultsText, shellWord } from "./claimsText.js";
import type { CliIo, CommandContext } from "./io.js";
import { requireWritable } from "./outputFile.js";
import { optionalInteger, parseReplayPath } from "./parse.js";
import { claimProgress } from "./progress.js";
import { PROPERTIES_DIR } from "./propertiesDir.js";
import { replayed } from "./replay.js";
import { packageVersion, saveCounterexamples } from "./saveCounterexample.js";
import { shardDocument } from "./shardFile.js";
import { casesInShard, SHARD_OPTION_TEXT, shardOption, shardText } from "./shardOption.js";
import {
  SIMULATOR_OPTION_HELP,
  SIMULATOR_TIMEOUT_HELP,
  simulatorRecord,
  simulatorReplayFlags,
  simulatorText,
  startSimulator,
  stopSimulator,
} from "./simulatorOption.js";

export { PROPERTIES_DIR_ENV } from "./claimsOption.js";

/** Largest seed accepted (fast-check seeds are 32-bit). */
const MAX_SEED = 0xffffffff;

interface CheckOptionValues {
  readonly claim?: string[];
  readonly runs?: string;
  readonly seed?: string;
  readonly path?: string;
  readonly json?: boolean;
  readonly list?: boolean;
  readonly propertiesDir?: string;
  readonly claims?: string;
  readonly saveCounterexample?: string | true;
  readonly threads?: string;
  readonly shard?: string;
  readonly simulator?: string;
  readonly simulatorTimeout?: string;
  readonly budget?: string;
}

/** A result of a run through an external simulator: it names it, and so does its replay. */
function withSimulator(
  result: ClaimResult,
  options: { readonly simulator: string; readonly simulatorTimeout?: string },
): ClaimResult & { simulator: string } {
  const { counterexample } = result;
  return {
    ...result,
    simulator: options.simulator,
    ...(counterexample
      ? {
          counterexample: {
            ...counterexample,
            replay: `${counterexample.replay}${simulatorReplayFlags(options)}`,
          },
        }
      : {}),
  };
}

/** The claims to run; unknown IDs are an InputError listing the known ones. */
function chooseClaims(
  catalogue: readonly Claim<unknown>[],
  ids: readonly string[],
  replaying: boolean,
): Claim<unknown>[] {
  const known = catalogue.map((c) => c.id).sort(compareIds);
  const knownText = known.length > 0 ? known.join(", ") : "none (the catalogue is empty)";
  for (const id of ids) {
    if (selectClaims(catalogue, [id]).length === 0) {
      throw new InputError(
        "--claim",
        `unknown claim ID ${JSON.stringify(id)}; known IDs: ${knownText}`,
      );
    }
  }
  if (!replaying) return selectClaims(catalogue, ids);
  const exact = catalogue.filter((c) => c.id === ids[0]);
  if (exact.length !== 1) {
    const variants = selectClaims(catalogue, ids).map((c) => c.id);
    throw new InputError(
      "--path",
      `replays one claim: give its exact ID (one of ${variants.join(", ")})`,
    );
  }
  return exact;
}

function listText(claims: readonly Claim<unknown>[]): string {
  if (claims.length === 0) return "no claims\n";
  const blocks = claims.map(
    (c) =>
      `${c.id}  ${c.statement}\n    domain: ${c.domain}\n    tolerance: ${c.tolerance}\n    default runs: ${c.defaultRuns}`,
  );
  return `${blocks.join("\n\n")}\n`;
}

/** A replay command for claims outside properties/ must name their directory. */
function withDirInReplay(result: ClaimResult, dir: string): ClaimResult {
  const counterexample = result.counterexample;
  if (!counterexample) return result;
  return {
    ...result,
    counterexample: {
      ...counterexample,
      replay: `${counterexample.replay} --properties-dir ${shellWord(dir)}`,
    },
  };
}

const CHECK_HELP = `
Each claim of docs/theory.md (files properties/<ID>.ts) is checked on generated cases: predict,
simulate, compare. The table shows, per claim, cases run, cases outside the claim's domain,
failures, the worst in-domain |error| against its tolerance, seconds and the verdict. For
each failing claim the shrunk counterexample is printed with the command that replays it.

A statistical claim (T12.early; defineStatisticalClaim of "ubias/claims") runs its cases as
seeded trials and shows each arm's events/trials with its Clopper-Pearson interval instead of
an error; it holds when the intervals show its hypotheses, fails (a conjecture: "refuted")
when they exclude one, and is "inconclusive" (not holding) otherwise: --runs adds trials.

--claim T2 selects T2 and its variants (T2.convergence); --path replays exactly one claim.
--claims <dir> adds your own claim files (.ts or .js, any name, exporting claims built with
defineClaim, defineConjecture or defineStatisticalClaim of "ubias/claims"): they are listed, checked, replayed and
saved like the built-in ones; a replay command names the directory again.
--seed defaults to ${DEFAULT_SEED}.

Conjectures (X series, docs/theory.md §5) are checked the same way but read "supported" or
"refuted": a refuted conjecture is a finding and does not change the exit code.

--shard i/n checks the i-th of n disjoint blocks of every claim's cases (same seed, same
cases as the unsharded run); "ubias merge" combines the --json outputs of all n shards into
this command's table, JSON and exit code (README "Beyond one machine").

Exit codes: 0 all claims (T series) hold, 1 a claim fails, 2 bad input, 3 internal error.`;

export function registerCheck(program: Command, context: CommandContext): void {
  program
    .command("check")
    .description("check the claims of docs/theory.md against simulation and print the claims table")
    .option("--claim <id...>", "claim IDs to check (default: all)")
    .option("--runs <n>", "cases per claim, an integer >= 1 (default: each claim's own)")
    .option(
      "--seed <s>",
      `fast-check seed, an integer in [0, 4294967295] (default ${DEFAULT_SEED})`,
    )
    .option("--path <p>", "fast-check replay path of a counterexample (needs exactly one --claim)")
    .option("--json", "print the results as JSON (non-finite numbers as null)")
    .option("--list", "list the claims (ID, statement, domain, tolerance) without running them")
    .option(
      "--save-counterexample [file]",
      "save each failure as a JSON fixture (default ./fixtures/counterexamples/<ID>-seed<S>.json, under the current directory)",
    )
    .option(
      "--threads <n>",
      `worker threads, an integer in [1, ${MAX_THREADS}] (default: cores, at most 8); results do not depend on it`,
    )
    .option("--shard <i/n>", SHARD_OPTION_TEXT)
    .option("--claims <dir>", CLAIMS_OPTION_HELP)
    .option("--simulator <command>", SIMULATOR_OPTION_HELP)
    .option("--simulator-timeout <seconds>", SIMULATOR_TIMEOUT_HELP)
    .option("--budget <seconds>", BUDGET_HELP)
    .addOption(new Option("--properties-dir <dir>", "directory of the claim files").hideHelp())
    .addHelpText("after", CHECK_HELP)
    .action(async (options: CheckOptionValues) => {
      const ids = options.claim ?? [];
      const runs = optionalInteger("--runs", options.runs, 1, 1_000_000_000, undefined);
      const seed = optionalInteger("--seed", options.seed, 0, MAX_SEED, DEFAULT_SEED);
      const path = options.path === undefined ? undefined : parseReplayPath("--path", options.path);
      // An unwritable fixture path fails now, not after the run.
      if (typeof options.saveCounterexample === "string")
        requireWritable(options.saveCounterexample, "--save-counterexample");
      const shard = shardOption(options.shard, options);
      // Shard files and merge do not carry the simulator (nor its skipped claims) yet.
      if (shard && options.simulator !== undefined)
        throw new InputError("--shard", "cannot be combined with --simulator (not yet supported)");
      const budgetSeconds = budgetOption(options.budget, options);
      if (path !== undefined && ids.length !== 1) {
        throw new InputError("--path", `needs exactly one --claim ID, got ${ids.length}`);
      }
      const dirs = claimDirs(options);
      const { dir } = dirs;
      const catalogue = await loadCommandClaims(dirs);
      const claims = chooseClaims(catalogue, ids, path !== undefined);
      const { io } = context;
      if (options.list) {
        rejectWithList(options);
        io.stdout(
          options.json
            ? formatJson(
                claims.map(({ id, statement, domain, tolerance, defaultRuns }) => ({
                  id,
                  statement,
                  domain,
                  tolerance,
                  defaultRuns,
                })),
              )
            : listText(claims),
        );
        return;
      }
      const threads = optionalInteger(
        "--threads",
        options.threads,
        1,
        MAX_THREADS,
        defaultThreads(),
      );
      // An external simulator is one child process of this thread (worker threads would run
      // the built-in simulator): its claims run here, one after the other.
      const simulator = startSimulator(options);
      const results =
        simulator === undefined && path === undefined && threadsFor(threads, claims.length) > 1
          ? await checkInWorkers(
              claims,
              {
                ...dirs,
                seed,
                ...(runs !== undefined ? { runs } : {}),
                ...(shard ? { shard } : {}),
                ...(budgetSeconds !== undefined ? { budgetSeconds } : {}),
              },
              threads,
              io,
            )
          : checkWith(simulator, () =>
              checkInThread(claims, { seed, runs, path, shard, budgetSeconds }, io),
            );
      const shown = (
        dir === resolve(PROPERTIES_DIR) ? results : results.map((r) => withDirInReplay(r, dir))
      )
        .map((r) => withClaimsDirInReplay(r, dirs.userDir, shellWord))
        .map((r) =>
          options.simulator === undefined
            ? r
            : withSimulator(r, { ...options, simulator: options.simulator }),
        );
      const simulatorLines =
        options.simulator === undefined ? "" : `\n${simulatorText(options.simulator, shown)}`;
      const source = catalogueSource(dirs);
      if (shard) {
        const document = { command: "check" as const, seed, runs, shard, source, claims: shown };
        io.stdout(
          options.json
            ? formatJson(shardDocument(document))
            : shardText(resultsText(shown, seed), shard),
        );
      } else
        io.stdout(options.json ? formatJson(shown) : resultsText(shown, seed) + simulatorLines);
      if (options.saveCounterexample !== undefined) {
        const fixtures = shown.flatMap((r) => {
          const f = counterexampleFixture(
            r,
            source,
            r.counterexample?.replay ?? "",
            packageVersion(),
            simulator === undefined ? undefined : simulatorRecord(simulator),
          );
          return f ? [f] : [];
        });
        for (const line of saveCounterexamples(fixtures, options.saveCounterexample))
          io.stderr(`${line}\n`);
      }
      context.setExitCode(theoremsHold(results) ? 0 : 1);
    });
}

/** One claim after the other in this thread, with a live progress line per claim. */
function checkInThread(
  claims: readonly Claim<unknown>[],
  options: {
    seed: number;
    runs: number | undefined;
    path: string | undefined;
    shard: Shard | undefined;
    budgetSeconds: number | undefined;
  },
  io: CliIo,
): ClaimResult[] {
  const { seed, runs, path, shard, budgetSeconds } = options;
  return claims.map((claim) => {
    const total = path !== undefined ? 1 : casesInShard(shard, runs ?? claim.defaultRuns);
    const progress = claimProgress(io, claim.id, total);
    const result = replayed(path, claim.id, seed, () =>
      checkClaim(claim, {
        seed,
        ...(runs !== undefined ? { runs } : {}),
        ...(path !== undefined ? { path } : {}),
        ...(shard ? { shard } : {}),
        ...(budgetSeconds !== undefined ? { budgetSeconds } : {}),
        onCase: progress.onCase,
      }),
    );
    progress.done(result);
    return result;
  });
}

/**
 * One job per claim on worker threads (claims are independent; each result is a pure
 * function of claim, seed and runs, so the table is the one a single thread prints, in
 * catalogue order, apart from the seconds). Progress: a line per claim, in catalogue order
 * (each printed as soon as it and every claim before it have finished), so that stderr too
 * does not depend on which thread finishes first.
 */
async function checkInWorkers(
  claims: readonly Claim<unknown>[],
  input: ClaimJobInput,
  threads: number,
  io: CliIo,
): Promise<ClaimResult[]> {
  const jobs = claims.map((claim) => ({
    source: "claim",
    key: claim.id,
    input,
  }));
  const finished: (ClaimResult | undefined)[] = claims.map(() => undefined);
  let printed = 0;
  const outcomes = await runPool(jobs, {
    sources: { claim: CLAIM_SOURCE },
    threads,
    onResult: (index, outcome) => {
      finished[index] = outcome.result as unknown as ClaimResult;
      for (let next = finished[printed]; next !== undefined; next = finished[printed]) {
        const claim = claims[printed]!;
        claimProgress(io, claim.id, claim.defaultRuns).done(next);
        printed++;
      }
    },
  });
  return outcomes.map((outcome) => outcome.result as unknown as ClaimResult);
}

/** --list runs nothing: options that only matter for a run contradict it. */
function rejectWithList(options: CheckOptionValues): void {
  const runOnly = [
    ["--runs", options.runs],
    ["--seed", options.seed],
    ["--path", options.path],
    ["--threads", options.threads],
    ["--save-counterexample", options.saveCounterexample],
    ["--shard", options.shard],
    ["--simulator", options.simulator],
    ["--simulator-timeout", options.simulatorTimeout],
    ["--budget", options.budget],
  ] as const;
  for (const [flag, value] of runOnly) {
    if (value !== undefined)
      throw new InputError(flag, "cannot be combined with --list (which runs nothing)");
  }
}

/** Runs the claims with the simulator set, and stops it (its child process) whatever happens. */
function checkWith<T>(simulator: ExternalSimulator | undefined, run: () => T): T {
  try {
    return run();
  } finally {
    stopSimulator(simulator);
  }
}
