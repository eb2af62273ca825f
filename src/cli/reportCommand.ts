import { writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { Option } from "commander";
import { selectClaims } from "../claims/catalogue.js";
import { theoremsHold } from "../claims/claimResult.js";
import type { ClaimResult } from "../claims/runner.js";
import { DEFAULT_SEED } from "../claims/runner.js";
import type { ClaimDirs } from "../claims/userClaims.js";
import { InputError } from "../errors/inputError.js";
import { formatJson } from "../format/json.js";
import { defaultThreads, MAX_THREADS } from "../parallel/threads.js";
import { claimsTable } from "../report/claimsTable.js";
import { currentEnvironment } from "../report/environment.js";
import type { FigureDefinition } from "../report/figures/figure.js";
import { FIGURE_SOURCE } from "../report/figures/generate.js";
import type { ReportTiming } from "../report/html.js";
import { reportHtml } from "../report/html.js";
import type { FigureCatalogue, ReportRun } from "../report/reportRun.js";
import { runReport } from "../report/reportRun.js";
import { importModule } from "../runtime/modules.js";
import {
  CLAIMS_OPTION_HELP,
  claimDirs,
  loadCommandClaims,
  withClaimsDirInReplay,
} from "./claimsOption.js";
import { shellWord } from "./claimsText.js";
import type { CommandContext } from "./io.js";
import { openOutputFile } from "./outputFile.js";
import { optionalInteger } from "./parse.js";
import { progressBar } from "./progressBar.js";
import { PROPERTIES_DIR } from "./propertiesDir.js";

/** Where the report goes by default (out/ is ignored by git and biome). */
export const DEFAULT_REPORT_DIR = "out/report";
/** Largest seed accepted (fast-check seeds are 32-bit). */
const MAX_SEED = 0xffffffff;
/** Guard against typos: 1000 init draws per marker would run for hours. */
const MAX_REPEATS = 1000;

interface ReportOptionValues {
  readonly out: string;
  readonly seed?: string;
  readonly threads?: string;
  readonly repeats?: string;
  readonly claim?: string[];
  readonly figure?: string[];
  /** The user's claims directory with --claims <dir>; false with --no-claims. */
  readonly claims?: string | false;
  /** False with --no-figures. */
  readonly figures: boolean;
  readonly propertiesDir?: string;
  readonly figuresModule?: string;
}

async function loadFigureCatalogue(url: string): Promise<FigureCatalogue> {
  const module = (await importModule(url)) as Partial<FigureCatalogue>;
  if (!Array.isArray(module.FIGURES) || typeof module.figureById !== "function") {
    throw new InputError("--figures-module", `${url} exports no FIGURES and figureById`);
  }
  return module as FigureCatalogue;
}

function chooseFigures(all: readonly FigureDefinition[], ids: readonly string[]) {
  const known = all.map((f) => f.id);
  for (const id of ids) {
    if (!known.includes(id)) {
      throw new InputError(
        "--figure",
        `unknown figure ${JSON.stringify(id)}; known ids: ${known.join(", ")}`,
      );
    }
  }
  return ids.length === 0 ? [...all] : all.filter((f) => ids.includes(f.id));
}

async function chooseClaimIds(dirs: ClaimDirs, ids: readonly string[]): Promise<string[]> {
  const catalogue = await loadCommandClaims(dirs);
  for (const id of ids) {
    if (selectClaims(catalogue, [id]).length === 0) {
      const known = catalogue.map((c) => c.id).join(", ") || "none";
      throw new InputError(
        "--claim",
        `unknown claim ID ${JSON.stringify(id)}; known IDs: ${known}`,
      );
    }
  }
  return selectClaims(catalogue, ids).map((c) => c.id);
}

/** A path relative to the working directory when inside it, absolute otherwise. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/** A replay command for claims outside properties/ must name their directory. */
function withDirInReplay(result: ClaimResult, dir: string): ClaimResult {
  const counterexample = result.counterexample;
  if (!counterexample || dir === resolve(PROPERTIES_DIR)) return result;
  const replay = `${counterexample.replay} --properties-dir ${JSON.stringify(dir)}`;
  return { ...result, counterexample: { ...counterexample, replay } };
}

/** Per-section and per-figure times, written to timings.json and shown on the page. */
function timingsOf(run: ReportRun, loadSeconds: number, totalSeconds: number) {
  // process.cpuUsage counts every thread of the process, the workers included: on a busy
  // machine it says what the run costs when the wall time does not.
  const cpu = process.cpuUsage();
  return {
    totalSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    sections: {
      loadSeconds,
      poolSeconds: run.poolSeconds,
      figureSeconds: run.figureSeconds,
    },
    claims: run.claims.map((r) => ({ id: r.id, seconds: r.seconds })),
    figures: run.figures.map((f) => ({
      ...f.timing,
      totalSeconds: f.timing.simulationSeconds + f.timing.assembleSeconds + f.timing.renderSeconds,
    })),
  };
}

function pageTimings(timings: ReturnType<typeof timingsOf>): ReportTiming[] {
  return [
    { label: "Run time (total)", seconds: timings.totalSeconds },
    { label: "CPU time (all threads)", seconds: timings.cpuSeconds },
    { label: "Loading claims and figures", seconds: timings.sections.loadSeconds },
    { label: "Claims and simulations (wall, all threads)", seconds: timings.sections.poolSeconds },
    { label: "Figure assembly and rendering (wall)", seconds: timings.sections.figureSeconds },
    {
      label: "Claims (thread-seconds)",
      seconds: timings.claims.reduce((sum, c) => sum + c.seconds, 0),
    },
    ...timings.figures.map((f) => ({
      label: `Figure ${f.id} (${f.jobs} simulations, thread-seconds + rendering)`,
      seconds: f.totalSeconds,
    })),
  ];
}

const REPORT_HELP = `
Runs the claims of docs/theory.md (as \`ubias check\`) and regenerates every figure, then writes
to --out: index.html (one self-contained page: claims table, figures as inline SVG with
captions, environment and run times; no script, no network), <figure>.svg and <figure>.csv
per figure, claims.json and timings.json (per-section and per-figure seconds).

Claims and simulations run on --threads worker threads (default: the available cores, at
most 8); the results do not depend on the number of threads. A progress bar is shown on
standard error when it is a terminal.

Exit codes: 0 every theorem (T series) holds, 1 a claim fails (the report is still
written), 2 bad input, 3 internal error.`;

export function registerReport(program: Command, context: CommandContext): void {
  program
    .command("report")
    .description("run the claims and every figure, and write a self-contained HTML report")
    .option("--out <dir>", "output directory", DEFAULT_REPORT_DIR)
    .option("--seed <s>", `master seed, an integer in [0, 4294967295] (default ${DEFAULT_SEED})`)
    .option(
      "--threads <n>",
      `worker threads, an integer in [1, ${MAX_THREADS}] (default: cores, at most 8)`,
    )
    .option("--repeats <n>", "simulations per figure marker (init draws), default 1")
    .option("--claim <id...>", "claim IDs to check (default: all)")
    // --claims <dir> before --no-claims: commander then leaves the default undefined (claims
    // on, no user directory), and --no-claims sets false.
    .option("--claims <dir>", CLAIMS_OPTION_HELP)
    .option("--no-claims", "check no claims (figures only)")
    .option("--figure <id...>", "figure ids to draw (default: all)")
    .option("--no-figures", "draw no figures (claims only)")
    .addOption(new Option("--properties-dir <dir>", "directory of the claim files").hideHelp())
    .addOption(new Option("--figures-module <file>", "module exporting FIGURES").hideHelp())
    .addHelpText("after", REPORT_HELP)
    .action(async (options: ReportOptionValues) => {
      rejectConflicts(options);
      const started = performance.now();
      const startedAt = new Date().toISOString();
      const seed = optionalInteger("--seed", options.seed, 0, MAX_SEED, DEFAULT_SEED);
      const threads = optionalInteger(
        "--threads",
        options.threads,
        1,
        MAX_THREADS,
        defaultThreads(),
      );
      const repeats = optionalInteger("--repeats", options.repeats, 1, MAX_REPEATS, 1);
      const out = resolve(options.out);
      // Opened first: an unwritable --out fails now, not after minutes of simulation.
      const index = openOutputFile(join(out, "index.html"), "--out");
      try {
        const dirs = claimDirs({
          ...(options.propertiesDir !== undefined ? { propertiesDir: options.propertiesDir } : {}),
          ...(typeof options.claims === "string" ? { claims: options.claims } : {}),
        });
        const claimsDir = dirs.dir;
        const figuresModule =
          options.figuresModule === undefined
            ? FIGURE_SOURCE.module
            : pathToFileURL(resolve(options.figuresModule)).href;
        const claimIds =
          options.claims !== false ? await chooseClaimIds(dirs, options.claim ?? []) : [];
        const figures = options.figures
          ? chooseFigures((await loadFigureCatalogue(figuresModule)).FIGURES, options.figure ?? [])
          : [];
        const loadSeconds = (performance.now() - started) / 1000;

        const bar = progressBar(context.io, "report");
        let run: ReportRun;
        try {
          run = await runReport({
            seed,
            repeats,
            threads,
            claimIds,
            claimsDir,
            ...(dirs.userDir !== undefined ? { userClaimsDir: dirs.userDir } : {}),
            figures,
            figuresModule,
            onProgress: (done, total) => bar.update(done, total),
          });
        } finally {
          bar.stop();
        }
        const claims = run.claims.map((r) =>
          withClaimsDirInReplay(withDirInReplay(r, claimsDir), dirs.userDir, shellWord),
        );
        for (const figure of run.figures) {
          writeFileSync(join(out, `${figure.definition.id}.svg`), figure.svg);
          writeFileSync(join(out, `${figure.definition.id}.csv`), figure.csv);
        }
        writeFileSync(join(out, "claims.json"), formatJson(claims));
        const timings = timingsOf(run, loadSeconds, (performance.now() - started) / 1000);
        const environment = currentEnvironment();
        writeFileSync(
          join(out, "timings.json"),
          formatJson({
            startedAt,
            seed,
            repeats,
            threads: run.threads,
            cores: environment.cores,
            ...timings,
          }),
        );
        index.write(
          reportHtml({
            seed,
            repeats,
            threads: run.threads,
            startedAt,
            claims,
            figures: run.figures.map((f) => ({
              id: f.definition.id,
              title: f.definition.title,
              caption: f.definition.caption,
              claims: f.definition.claims,
              svg: f.svg,
              csvFile: `${f.definition.id}.csv`,
              svgFile: `${f.definition.id}.svg`,
              jobs: f.timing.jobs,
            })),
            environment,
            timings: pageTimings(timings),
          }),
        );
        const summary = [
          claims.length > 0 ? `Claims checked with seed ${seed}\n\n${claimsTable(claims)}\n` : "",
          theoremsHold(claims)
            ? ""
            : `Claims failing: ${claims
                .filter((r) => !r.holds && !r.conjecture)
                .map((r) => r.id)
                .join(", ")}`,
          ...run.figures.map(
            (f) =>
              `figure ${f.definition.id}: ${f.timing.jobs} simulations, ${f.data.rows.length} rows`,
          ),
          `${run.threads} thread${run.threads === 1 ? "" : "s"}, ${timings.totalSeconds.toFixed(1)} s`,
          `Report written to ${shownPath(join(out, "index.html"))}`,
        ].filter((line) => line !== "");
        context.io.stdout(`${summary.join("\n")}\n`);
        context.setExitCode(theoremsHold(claims) ? 0 : 1);
      } finally {
        index.close();
      }
    });
}

/** Flags that contradict each other: an empty report, or a selection of what is switched off. */
function rejectConflicts(options: ReportOptionValues): void {
  if (options.claims === false && !options.figures) {
    throw new InputError("--no-figures", "cannot be combined with --no-claims: nothing to report");
  }
  if (options.claims === false && options.claim !== undefined) {
    throw new InputError("--claim", "cannot be combined with --no-claims");
  }
  if (!options.figures && options.figure !== undefined) {
    throw new InputError("--figure", "cannot be combined with --no-figures");
  }
}
