import type { ClaimResult } from "../claims/runner.js";
import type { JobSource, PoolJob } from "../parallel/jobSource.js";
import { threadsFor } from "../parallel/threads.js";
import { runPool } from "../parallel/workerPool.js";
import type { ClaimJobInput } from "./claimJob.js";
import { CLAIM_SOURCE } from "./claimJob.js";
import { toCsv } from "./figures/csv.js";
import type { FigureData, FigureDefinition, FigureOptions } from "./figures/figure.js";
import { renderSvg } from "./figures/render.js";

/**
 * The computation behind `ubias report` (issue 4): every selected claim and every figure's
 * simulation job go to one worker pool (claims first: they are the longest jobs, and a pool
 * that dispatches long jobs first leaves no core idle at the end), then each figure is
 * assembled and rendered in this thread. Results are placed by job index, so the claims and
 * the figures' data do not depend on the number of threads.
 */

/** A module of figures in the shape of src/report/figures/catalogue.ts. */
export interface FigureCatalogue {
  readonly FIGURES: readonly FigureDefinition[];
  readonly figureById: (id: string) => FigureDefinition;
}

export interface ReportRunOptions extends FigureOptions {
  readonly threads: number;
  /** Claim IDs (exact) to check, from `claimsDir`. */
  readonly claimIds: readonly string[];
  /** Absolute directory of the claim files. */
  readonly claimsDir: string;
  /** Absolute directory of the user's claim files (`--claims`), checked beside `claimsDir`. */
  readonly userClaimsDir?: string;
  readonly figures: readonly FigureDefinition[];
  /** file: URL of the module the figures come from (worker threads import it). */
  readonly figuresModule: string;
  /** Progress in steps: one per job plus one per figure rendered. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Where the time of one figure went (seconds). */
export interface FigureTiming {
  readonly id: string;
  readonly jobs: number;
  /** Sum of the figure's job times, in the threads that ran them (thread-seconds). */
  readonly simulationSeconds: number;
  /** Theory curves and rows (assemble), in this thread. */
  readonly assembleSeconds: number;
  readonly renderSeconds: number;
}

export interface RenderedFigure {
  readonly definition: FigureDefinition;
  readonly data: FigureData;
  readonly svg: string;
  readonly csv: string;
  readonly timing: FigureTiming;
}

export interface ReportRun {
  readonly claims: readonly ClaimResult[];
  readonly figures: readonly RenderedFigure[];
  /** Threads the pool actually used (1: this thread). */
  readonly threads: number;
  /** Wall time of the pool (claims and simulations together), then of assembly + rendering. */
  readonly poolSeconds: number;
  readonly figureSeconds: number;
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

export async function runReport(options: ReportRunOptions): Promise<ReportRun> {
  const figureOptions: FigureOptions = { seed: options.seed, repeats: options.repeats };
  const claimInput: ClaimJobInput = {
    dir: options.claimsDir,
    ...(options.userClaimsDir !== undefined ? { userDir: options.userClaimsDir } : {}),
    seed: options.seed,
  };
  const jobs: PoolJob[] = options.claimIds.map((id) => ({
    source: "claim",
    key: id,
    input: { ...claimInput },
  }));
  /** Index of each figure's first job in `jobs`, and its job count. */
  const slices = options.figures.map((figure) => {
    const figureJobs = figure.jobs(figureOptions);
    const start = jobs.length;
    for (const job of figureJobs)
      jobs.push({ source: "figure", key: job.figure, input: job.input });
    return { start, count: figureJobs.length };
  });
  const total = jobs.length + options.figures.length;
  let done = 0;
  const step = () => options.onProgress?.(++done, total);
  const sources: Record<string, JobSource> = {
    claim: CLAIM_SOURCE,
    figure: { module: options.figuresModule, resolver: "figureById" },
  };

  const poolStarted = performance.now();
  options.onProgress?.(0, total);
  const outcomes = await runPool(jobs, { sources, threads: options.threads, onResult: step });
  const poolSeconds = seconds(poolStarted);

  const claims = outcomes
    .slice(0, options.claimIds.length)
    .map((o) => o.result as unknown as ClaimResult);
  const figuresStarted = performance.now();
  const figures: RenderedFigure[] = [];
  for (const [f, definition] of options.figures.entries()) {
    const { start, count } = slices[f]!;
    const own = outcomes.slice(start, start + count);
    const assembleStarted = performance.now();
    const data = definition.assemble(
      figureOptions,
      own.map((o) => o.result),
    );
    const assembleSeconds = seconds(assembleStarted);
    const renderStarted = performance.now();
    const svg = await renderSvg(data);
    const renderSeconds = seconds(renderStarted);
    figures.push({
      definition,
      data,
      svg,
      csv: toCsv(data.rows),
      timing: {
        id: definition.id,
        jobs: count,
        simulationSeconds: own.reduce((sum, o) => sum + o.ms, 0) / 1000,
        assembleSeconds,
        renderSeconds,
      },
    });
    step();
  }
  return {
    claims,
    figures,
    threads: threadsFor(options.threads, jobs.length),
    poolSeconds,
    figureSeconds: seconds(figuresStarted),
  };
}
