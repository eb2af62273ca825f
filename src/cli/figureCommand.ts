import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { InputError } from "../errors/inputError.js";
import { FIGURES, figureById } from "../report/figures/catalogue.js";
import type { FigureDefinition, FigureOptions } from "../report/figures/figure.js";
import { DEFAULT_FIGURE_SEED, generateFigures } from "../report/figures/generate.js";
import type { CommandContext } from "./io.js";
import { openOutputFile } from "./outputFile.js";
import { optionalInteger } from "./parse.js";

interface FigureOptionValues {
  readonly out?: string;
  readonly repeats?: string;
  readonly seed?: string;
  readonly threads?: string;
  readonly list?: boolean;
}

/** A validated `figure` invocation. */
export interface FigureSettings {
  /** The figures to make, in catalogue order ("all" → every one). */
  readonly figures: readonly FigureDefinition[];
  readonly out: string;
  readonly options: FigureOptions;
  readonly threads: number;
}

const MAX_SEED = 0xffffffff;
/** More init draws per marker than this is a typo, not a figure (cost grows linearly). */
const MAX_REPEATS = 1000;
const MAX_THREADS = 256;

export function figureSettings(id: string, options: FigureOptionValues): FigureSettings {
  const figures = id === "all" ? FIGURES : [figureById(id)];
  return {
    figures,
    out: options.out ?? ".",
    options: {
      repeats: optionalInteger("--repeats", options.repeats, 1, MAX_REPEATS, 1),
      seed: optionalInteger("--seed", options.seed, 0, MAX_SEED, DEFAULT_FIGURE_SEED),
    },
    threads: optionalInteger("--threads", options.threads, 1, MAX_THREADS, 1),
  };
}

const CLEAR_LINE = "\r\x1b[2K";

const FIGURE_HELP = `
Each figure writes <id>.svg (Vega-Lite rendered headlessly: theory as lines, simulations as
markers, time in units of τ) and <id>.csv (every plotted number; numbers in shortest
round-trip form, so parsing the CSV gives back the plotted doubles exactly). "all" makes
every figure. Same --seed, same files, whatever --threads.

--repeats N: random draws per marker or curve where a figure has them (init draws in
toy-ratio, misattribution, random-scatter; data and init draws in generalisation, xor);
balanced-init figures are deterministic. Default 1.
--seed S: master seed (default ${DEFAULT_FIGURE_SEED}); each simulation derives its own.
On request only (by id; not in "all", --list or the report, for time): mnist-fusion (the
noisy two-view MNIST at Lf = 1..4, four trainings, ~10 min on one core; docs/mnist.md).

Example:
  ubias figure toy-ratio --out figures --repeats 3

Exit codes: 0 written, 2 bad input (e.g. an unknown id), 3 internal error.`;

export function registerFigure(program: Command, context: CommandContext): void {
  program
    .command("figure")
    .description("regenerate a figure of the paper as SVG plus the CSV of its plotted numbers")
    .argument("[id]", `figure id or "all" (${FIGURES.map((f) => f.id).join(", ")})`)
    .option("--out <dir>", "output directory, created if needed (default: the current one)")
    .option(
      "--repeats <n>",
      `init draws per Gaussian-init marker, in [1, ${MAX_REPEATS}] (default 1)`,
    )
    .option(
      "--seed <s>",
      `master seed, an integer in [0, ${MAX_SEED}] (default ${DEFAULT_FIGURE_SEED})`,
    )
    .option(
      "--threads <n>",
      `worker threads for the simulations, in [1, ${MAX_THREADS}] (default 1)`,
    )
    .option("--list", "list the figures (id, claims, title) without making them")
    .addHelpText("after", FIGURE_HELP)
    .action(async (id: string | undefined, options: FigureOptionValues) => {
      const { io } = context;
      if (options.list) {
        if (id !== undefined) {
          throw new InputError(
            "--list",
            `lists every figure: give it without an id (got ${JSON.stringify(id)})`,
          );
        }
        io.stdout(listText());
        return;
      }
      if (id === undefined) {
        throw new InputError(
          "figure",
          `missing id; valid ids: ${FIGURES.map((f) => f.id).join(", ")}, all (or --list)`,
        );
      }
      const settings = figureSettings(id, options);
      const paths = settings.figures.map((figure) => ({
        svg: join(settings.out, `${figure.id}.svg`),
        csv: join(settings.out, `${figure.id}.csv`),
      }));
      // Fail on an unwritable directory before the simulations, not after.
      openOutputFile(paths[0]!.svg, "--out").close();
      const start = performance.now();
      let drawn = false;
      const label = settings.figures.length === 1 ? `figure ${settings.figures[0]!.id}` : "figures";
      // One call for all the figures: their simulations share one pool of worker threads.
      const generated = await generateFigures(settings.figures, settings.options, {
        threads: settings.threads,
        onProgress: (done, total) => {
          if (!io.isTTY) return;
          drawn = true;
          io.stderr(`${CLEAR_LINE}${label}: ${done}/${total} simulations`);
        },
      });
      if (drawn) io.stderr(CLEAR_LINE);
      generated.forEach((g, i) => {
        const path = paths[i]!;
        writeFileSync(path.svg, g.svg);
        writeFileSync(path.csv, g.csv);
        io.stdout(
          `${g.figure.id}: wrote ${path.svg} and ${path.csv} (${g.data.rows.length} rows, ${g.jobs} simulations)\n`,
        );
      });
      const seconds = ((performance.now() - start) / 1000).toFixed(2);
      io.stdout(`${generated.length} figure${generated.length === 1 ? "" : "s"} in ${seconds} s\n`);
    });
}

function listText(): string {
  const width = Math.max(...FIGURES.map((f) => f.id.length));
  const claimsWidth = Math.max(...FIGURES.map((f) => f.claims.join(",").length));
  return `${FIGURES.map((f) => `${f.id.padEnd(width)}  ${f.claims.join(",").padEnd(claimsWidth)}  ${f.title}`).join("\n")}\n`;
}
