import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { InputError } from "../errors/inputError.js";
import { FIGURES, figureById } from "../report/figures/catalogue.js";
import { DEFAULT_GAUSSIAN_WIDTH, GAUSSIAN_DRAWS } from "../report/figures/deepSweep.js";
import type { FigureDefinition, FigureOptions, FigureSetting } from "../report/figures/figure.js";
import { AUTHORS_RHO } from "../report/figures/figure.js";
import { DEFAULT_FIGURE_SEED, generateFigures } from "../report/figures/generate.js";
import type { CommandContext } from "./io.js";
import { openOutputFile } from "./outputFile.js";
import { optionalInteger, parseNumber } from "./parse.js";

interface FigureOptionValues {
  readonly out?: string;
  readonly repeats?: string;
  readonly seed?: string;
  readonly threads?: string;
  readonly rho?: string;
  readonly gaussianWidth?: string;
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

/**
 * `--rho` of the fixed-ρ figures: [0, 0.9] keeps every such figure inside its theory's domain
 * (balanced init learns B only for ρ > −σB/σA, −1/3 at deep-ratio's σA/σB = 3) and away from
 * ρ → 1, where Σ becomes singular and T2 diverges.
 */
const RHO_RANGE = [0, 0.9] as const;
/** `--gaussian-width`: the authors' 100 and a little beyond; the cost grows like width². */
const MAX_GAUSSIAN_WIDTH = 200;

/** The figures' settings given on the command line, each checked against the figures it applies to. */
function settingOptions(
  figures: readonly FigureDefinition[],
  single: boolean,
  options: FigureOptionValues,
): Pick<FigureOptions, "rho" | "gaussianWidth"> {
  const given: [FigureSetting, string, string | undefined][] = [
    ["rho", "--rho", options.rho],
    ["gaussianWidth", "--gaussian-width", options.gaussianWidth],
  ];
  for (const [setting, flag, raw] of given) {
    if (raw === undefined) continue;
    const takers = FIGURES.filter((f) => f.settings?.includes(setting)).map((f) => f.id);
    if (single && !figures[0]!.settings?.includes(setting)) {
      throw new InputError(
        flag,
        `figure ${figures[0]!.id} does not take it; it applies to ${takers.join(", ")}`,
      );
    }
  }
  const result: { rho?: number; gaussianWidth?: number } = {};
  if (options.rho !== undefined) {
    const rho = parseNumber("--rho", options.rho);
    if (rho < RHO_RANGE[0] || rho > RHO_RANGE[1]) {
      throw new InputError("--rho", `must be in [${RHO_RANGE.join(", ")}], got ${options.rho}`);
    }
    result.rho = rho;
  }
  if (options.gaussianWidth !== undefined) {
    result.gaussianWidth = optionalInteger(
      "--gaussian-width",
      options.gaussianWidth,
      1,
      MAX_GAUSSIAN_WIDTH,
      DEFAULT_GAUSSIAN_WIDTH,
    );
  }
  return result;
}

export function figureSettings(id: string, options: FigureOptionValues): FigureSettings {
  const figures = id === "all" ? FIGURES : [figureById(id)];
  return {
    figures,
    out: options.out ?? ".",
    options: {
      repeats: optionalInteger("--repeats", options.repeats, 1, MAX_REPEATS, 1),
      seed: optionalInteger("--seed", options.seed, 0, MAX_SEED, DEFAULT_FIGURE_SEED),
      ...settingOptions(figures, id !== "all", options),
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
--rho R: the toy correlation of the figures drawn at one ρ
(${FIGURES.filter((f) => f.settings?.includes("rho"))
  .map((f) => f.id)
  .join(", ")}); default ${AUTHORS_RHO}, the authors' setting;
R in [${RHO_RANGE.join(", ")}] (0.5: the earlier versions of these figures). The subtitle names the ρ drawn.
--gaussian-width W: hidden width of the deep sweeps' Gaussian-init draws (${GAUSSIAN_DRAWS}
per point, mean and min-max beside the balanced-init markers); default ${DEFAULT_GAUSSIAN_WIDTH},
the authors' 100 (minutes per figure).
On request only (by id; not in "all", --list or the report, for time): mnist-fusion (the
noisy two-view MNIST at Lf = 1..4, four trainings, 2-4 min on one core; docs/mnist.md).

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
    .option(
      "--rho <r>",
      `toy ρ of the fixed-ρ figures, in [${RHO_RANGE.join(", ")}] (default ${AUTHORS_RHO}, the authors')`,
    )
    .option(
      "--gaussian-width <w>",
      `width of the deep sweeps' Gaussian draws, in [1, ${MAX_GAUSSIAN_WIDTH}] (default ${DEFAULT_GAUSSIAN_WIDTH}; the authors' 100)`,
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
