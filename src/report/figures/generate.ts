import type { JobSource } from "../../parallel/jobSource.js";
import type { JobRunner } from "../../parallel/runJobs.js";
import { runJobs } from "../../parallel/runJobs.js";
import { moduleUrl } from "../../runtime/modules.js";
import { figureById } from "./catalogue.js";
import { toCsv } from "./csv.js";
import type { FigureData, FigureDefinition, FigureOptions } from "./figure.js";
import { renderSvg } from "./render.js";

/** A figure ready to write: its rows and specification, the SVG and the CSV. */
export interface GeneratedFigure {
  readonly figure: FigureDefinition;
  readonly data: FigureData;
  readonly svg: string;
  readonly csv: string;
  /** Number of simulation jobs run. */
  readonly jobs: number;
}

/**
 * Where worker threads find the runner of a figure job: the figure catalogue's
 * `figureById` (job key = figure id → the FigureDefinition whose runJob computes the job).
 */
export const FIGURE_SOURCE: JobSource = {
  module: moduleUrl("./catalogue.js", import.meta.url),
  resolver: "figureById",
};

/** Resolves a job the way the worker threads do: through the catalogue. */
export const figureJobRunner: JobRunner = (job) => figureById(job.key).runJob(job.input);

/** Default master seed of the figures: the property suite's (vitest.config.ts). */
export const DEFAULT_FIGURE_SEED = 20240527;

export interface GenerateOptions {
  readonly threads: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs a figure's simulation jobs (in parallel when threads > 1; results in job order, so
 * the output does not depend on the number of threads), assembles and renders it.
 */
export async function generateFigure(
  figure: FigureDefinition,
  options: FigureOptions,
  run: GenerateOptions,
): Promise<GeneratedFigure> {
  const [generated] = await generateFigures([figure], options, run);
  return generated!;
}

/**
 * Several figures with one call to runJobs: their jobs share one pool of worker threads
 * (starting workers costs seconds; a pool per figure would pay it for every figure).
 * Results are split back per figure in job order.
 */
export async function generateFigures(
  figures: readonly FigureDefinition[],
  options: FigureOptions,
  run: GenerateOptions,
): Promise<GeneratedFigure[]> {
  const jobLists = figures.map((figure) => figure.jobs(options));
  const results = await runJobs(
    jobLists.flat().map((job) => ({ key: job.figure, input: job.input })),
    figureJobRunner,
    { ...run, source: FIGURE_SOURCE },
  );
  const generated: GeneratedFigure[] = [];
  let offset = 0;
  for (const [i, figure] of figures.entries()) {
    const count = jobLists[i]!.length;
    const data = figure.assemble(options, results.slice(offset, offset + count));
    offset += count;
    generated.push({
      figure,
      data,
      svg: await renderSvg(data),
      csv: toCsv(data.rows),
      jobs: count,
    });
  }
  return generated;
}
