/**
 * Issue 16 items 1, 3, 6: one full-batch gradient-descent step of the sampled ReLU network
 * (back-propagation over every sample, src/network/reluNetwork.ts) timed beside the same step
 * in PyTorch (bench/torchPeer.py), in one run, as alternating pairs (ubias, PyTorch, ubias,
 * PyTorch, …): the machine's load moves both sides of a pair alike, so the per-pair ratio is
 * what is reported (min / median / max).
 *
 * Both sides train the same samples from the same initial weights (sent to the peer), so the
 * losses after the timed steps are compared too: ubias runs float64, the peer float32, and
 * they agree to float32 round-off — a check that the two steps are one computation.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { sampleFromStatistics } from "../src/data/sampleFromStatistics.js";
import type { SampleSet } from "../src/data/sampleSet.js";
import { fusionArchitecture } from "../src/network/architecture.js";
import { gaussianInit } from "../src/network/initialisation.js";
import type { ParameterLayout } from "../src/network/layout.js";
import { parameterLayout } from "../src/network/layout.js";
import { reluNetworkModel } from "../src/network/reluNetwork.js";
import type { Statistics } from "../src/statistics/statistics.js";
import { fromTeacher } from "../src/statistics/teacher.js";
import { fromToy } from "../src/statistics/toy.js";

/** The job: P = 8192 samples, width 100, Gaussian init u0 = 1e-6, gd lr 0.04. */
export const SAMPLED_STEP = {
  samples: 8192,
  width: 100,
  u0: 1e-6,
  seed: 1,
  learningRate: 0.04,
} as const;

export interface SampledStepConfig {
  readonly id: string;
  readonly depth: number;
  readonly fusionLayer: number;
  readonly dA: number;
  readonly dB: number;
}

/**
 * The rows of the issue: the toy (scalar modalities) two-layer late fusion, L = 4 at every
 * Lf, and vector modalities (the authors' `multi` data: D = 20 split 10 + 10).
 */
export const SAMPLED_STEP_CONFIGS: readonly SampledStepConfig[] = [
  { id: "L2 Lf2 scalar", depth: 2, fusionLayer: 2, dA: 1, dB: 1 },
  { id: "L2 Lf1 scalar", depth: 2, fusionLayer: 1, dA: 1, dB: 1 },
  { id: "L4 Lf1 scalar", depth: 4, fusionLayer: 1, dA: 1, dB: 1 },
  { id: "L4 Lf2 scalar", depth: 4, fusionLayer: 2, dA: 1, dB: 1 },
  { id: "L4 Lf3 scalar", depth: 4, fusionLayer: 3, dA: 1, dB: 1 },
  { id: "L4 Lf4 scalar", depth: 4, fusionLayer: 4, dA: 1, dB: 1 },
  { id: "L2 Lf2 vector 10+10", depth: 2, fusionLayer: 2, dA: 10, dB: 10 },
  { id: "L4 Lf2 vector 10+10", depth: 4, fusionLayer: 2, dA: 10, dB: 10 },
];

/**
 * Scalar rows: the toy σA/σB = 2, ρ = 0.5, w = (1, 1). Vector rows: the authors' `multi` data
 * (gen_multi_data, sweep 'single'): Σ = diag(3 × 10, 1 × 10), w* = 0.1.
 */
function statisticsOf(config: SampledStepConfig): Statistics {
  if (config.dA === 1 && config.dB === 1) return fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
  const d = config.dA + config.dB;
  const sigma = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i !== j ? 0 : i < config.dA ? 3 : 1)),
  );
  return fromTeacher(sigma, new Array<number>(d).fill(0.1), 0, config.dA);
}

function layoutOf(config: SampledStepConfig): ParameterLayout {
  return parameterLayout(
    fusionArchitecture({
      depth: config.depth,
      fusionLayer: config.fusionLayer,
      width: SAMPLED_STEP.width,
      dA: config.dA,
      dB: config.dB,
      activation: "relu",
    }),
  );
}

/**
 * Floating-point operations of one step, counting a multiply-add as 2: per weight block of
 * r × c, the forward product (r·c·P), its gradient (r·c·P) and, above the input layer, the
 * back-propagated delta (r·c·P). ReLUs, masks and the update are O(h·P) or O(size) and left
 * out (as a GEMM-based count would).
 */
export function flopsPerStep(layout: ParameterLayout, samples: number): number {
  const inputBlocks = new Set([layout.chains.A[0], layout.chains.B[0]]);
  let macs = 0;
  for (const block of layout.blocks) {
    macs += block.rows * block.cols * (inputBlocks.has(block) ? 2 : 3);
  }
  return 2 * macs * samples;
}

/** ubias's side: the model, its weights and the step θ ← θ − η∇ℒ (as trainGradientDescent). */
export interface UbiasStepper {
  readonly layout: ParameterLayout;
  readonly samples: SampleSet;
  readonly theta0: Float64Array;
  readonly flops: number;
  /** Runs `steps` steps; returns wall ms per step and the loss of the last gradient. */
  run(steps: number): { readonly ms: number; readonly loss: number };
}

export function ubiasStepper(config: SampledStepConfig): UbiasStepper {
  const layout = layoutOf(config);
  const samples = sampleFromStatistics(statisticsOf(config), {
    samples: SAMPLED_STEP.samples,
    seed: SAMPLED_STEP.seed,
  });
  const model = reluNetworkModel(layout, samples);
  const theta0 = gaussianInit(layout, SAMPLED_STEP.u0, SAMPLED_STEP.seed);
  const theta = Float64Array.from(theta0);
  const grad = new Float64Array(layout.size);
  const eta = SAMPLED_STEP.learningRate;
  return {
    layout,
    samples,
    theta0,
    flops: flopsPerStep(layout, SAMPLED_STEP.samples),
    run(steps) {
      let loss = Number.NaN;
      const started = performance.now();
      for (let s = 0; s < steps; s++) {
        loss = model.gradient(theta, grad);
        for (let i = 0; i < theta.length; i++) theta[i]! -= eta * grad[i]!;
      }
      return { ms: (performance.now() - started) / steps, loss };
    },
  };
}

const PEER_SCRIPT = fileURLToPath(new URL("./torchPeer.py", import.meta.url));

/**
 * The Python that has torch: $UBIAS_TORCH_PYTHON, else Debian's /usr/bin/python3 (where
 * python3-torch installs), else python3 on PATH; undefined (with the reason) when none imports it.
 */
export function findTorchPython(): { python?: string; reason: string } {
  const candidates = [process.env.UBIAS_TORCH_PYTHON, "/usr/bin/python3", "python3"].filter(
    (c): c is string => c !== undefined && c !== "",
  );
  for (const python of candidates) {
    const probe = spawnSync(python, ["-c", "import torch"], { encoding: "utf8" });
    if (probe.status === 0) return { python, reason: "" };
  }
  return { reason: `no Python among ${candidates.join(", ")} imports torch` };
}

/** A running bench/torchPeer.py: one JSON request per line, one answer per line. */
export class TorchPeer {
  private readonly answers: AsyncIterator<string>;
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    this.answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static start(python: string): TorchPeer {
    return new TorchPeer(spawn(python, [PEER_SCRIPT], { stdio: ["pipe", "pipe", "pipe"] }));
  }

  async request(message: object): Promise<Record<string, unknown>> {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
    const next = await this.answers.next();
    if (next.done) throw new Error("the PyTorch peer exited");
    const answer = JSON.parse(next.value) as Record<string, unknown>;
    if (answer.error !== undefined) throw new Error(`PyTorch peer: ${String(answer.error)}`);
    return answer;
  }

  /** The peer's network on ubias's samples and initial weights (fusion block = [W_A | W_B]). */
  async setup(stepper: UbiasStepper): Promise<{ torch: string; threads: number }> {
    const { layout, samples, theta0 } = stepper;
    const arch = layout.architecture;
    const matrix = (block: { rows: number; cols: number; offset: number }) =>
      Array.from({ length: block.rows }, (_, r) =>
        Array.from(
          theta0.subarray(block.offset + r * block.cols, (r + 1) * block.cols + block.offset),
        ),
      );
    const lf = arch.fusionLayer;
    const answer = await this.request({
      cmd: "setup",
      depth: arch.depth,
      fusion: lf,
      width: arch.width,
      lr: SAMPLED_STEP.learningRate,
      dA: arch.dA,
      dB: arch.dB,
      x: Array.from(samples.x),
      y: Array.from(samples.y),
      branchA: layout.chains.A.slice(0, lf - 1).map(matrix),
      branchB: layout.chains.B.slice(0, lf - 1).map(matrix),
      fuseA: matrix(layout.chains.A[lf - 1]!),
      fuseB: matrix(layout.chains.B[lf - 1]!),
      shared: layout.chains.A.slice(lf).map(matrix),
    });
    return { torch: String(answer.torch), threads: Number(answer.threads) };
  }

  async run(steps: number): Promise<{ ms: number; loss: number }> {
    const answer = await this.request({ cmd: "time", steps });
    return { ms: Number(answer.ms), loss: Number(answer.loss) };
  }

  /** GFLOP/s of torch.mm on n × n float32 matrices (the peer's dense kernel, one thread). */
  async matmulGflops(n: number): Promise<number> {
    return Number((await this.request({ cmd: "matmul", n })).gflops);
  }

  close(): void {
    this.child.stdin.end(`${JSON.stringify({ cmd: "quit" })}\n`);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
}

export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

const spread = (values: readonly number[]): Spread => ({
  min: Math.min(...values),
  median: median(values),
  max: Math.max(...values),
});

export interface SampledStepRow {
  readonly id: string;
  readonly flops: number;
  readonly steps: number;
  readonly pairs: number;
  readonly ubiasMs: Spread;
  readonly ubiasGflops: number;
  /** Absent when no PyTorch is available (`skipped` says why). */
  readonly torchMs?: Spread;
  readonly torchGflops?: number;
  /** PyTorch ms / ubias ms, per pair: > 1 means ubias is faster. */
  readonly speedup?: Spread;
  /** Loss after all timed steps on each side (same samples, same θ0, same step count). */
  readonly finalLoss?: { readonly ubias: number; readonly torch: number };
  readonly skipped?: string;
}

/** Each side runs at least this long per measurement, so timer and call overheads vanish. */
const MIN_SIDE_MS = 250;

/**
 * Each side warms up for at least this long (and 2 steps) before it is timed: V8 runs
 * WebAssembly in a baseline tier first and optimizes a function only after it has run a
 * while, in the background (the two-layer vector step took 9-19 ms for its first ~15 steps,
 * then 5 ms, measured on the 2-core VM); the peer's first steps allocate its buffers.
 */
const WARM_MS = 500;

/**
 * Runs single steps until WARM_MS have passed (at least 2); the last step's time, and the
 * number of steps taken.
 */
async function warmUp(
  step: () => Promise<{ ms: number; loss: number }>,
): Promise<{ ms: number; steps: number }> {
  let last = await step();
  let spent = last.ms;
  let steps = 1;
  for (; steps < 2 || spent < WARM_MS; steps++) {
    last = await step();
    spent += last.ms;
  }
  return { ms: last.ms, steps };
}

/**
 * One config: warm both sides (warmUp), choose the steps per measurement from the last
 * warm-up step, then `pairs` alternating measurements. Without a peer, ubias alone.
 */
export async function measureSampledStep(
  config: SampledStepConfig,
  peer: TorchPeer | undefined,
  pairs: number,
  skipped = "",
): Promise<SampledStepRow> {
  const stepper = ubiasStepper(config);
  const warm = await warmUp(async () => stepper.run(1));
  let torchWarm: number | undefined;
  if (peer) {
    await peer.setup(stepper);
    const t = await warmUp(() => peer.run(1));
    torchWarm = t.ms;
    // Both sides then stand at the same step (the losses below are compared).
    if (t.steps > warm.steps) stepper.run(t.steps - warm.steps);
    if (warm.steps > t.steps) await peer.run(warm.steps - t.steps);
  }
  // Both sides take the same number of steps: enough for the faster side to run
  // MIN_SIDE_MS, but the slower side at most about 2 s (L = 4 steps take seconds).
  const faster = Math.min(warm.ms, torchWarm ?? warm.ms);
  const slower = Math.max(warm.ms, torchWarm ?? warm.ms);
  const steps = Math.max(
    1,
    Math.min(Math.ceil(MIN_SIDE_MS / Math.max(faster, 1e-3)), Math.floor(2000 / slower)),
  );
  const ubiasMs: number[] = [];
  const torchMs: number[] = [];
  const ratios: number[] = [];
  let lossU = Number.NaN;
  let lossT = Number.NaN;
  for (let k = 0; k < pairs; k++) {
    const u = stepper.run(steps);
    ubiasMs.push(u.ms);
    lossU = u.loss;
    if (peer) {
      const t = await peer.run(steps);
      torchMs.push(t.ms);
      lossT = t.loss;
      ratios.push(t.ms / u.ms);
    }
  }
  const ubias = spread(ubiasMs);
  const row = {
    id: config.id,
    flops: stepper.flops,
    steps: steps,
    pairs,
    ubiasMs: ubias,
    ubiasGflops: stepper.flops / (ubias.median * 1e6),
  };
  if (!peer) return { ...row, skipped };
  const torch = spread(torchMs);
  return {
    ...row,
    torchMs: torch,
    torchGflops: stepper.flops / (torch.median * 1e6),
    speedup: spread(ratios),
    finalLoss: { ubias: lossU, torch: lossT },
  };
}

const f = (x: number, digits = 2) => x.toFixed(digits);

/** One printed line per row. */
export function sampledStepLine(row: SampledStepRow): string {
  const u = `ubias ${f(row.ubiasMs.median)} ms (${f(row.ubiasGflops)} GFLOP/s)`;
  const head = `${row.id.padEnd(20)} ${f(row.flops / 1e6, 1)} MFLOP/step, ${row.pairs} pairs × ${row.steps} steps: ${u}`;
  if (!row.speedup) return `${head}; PyTorch row skipped: ${row.skipped}`;
  const s = row.speedup;
  return `${head}, PyTorch ${f(row.torchMs!.median)} ms (${f(row.torchGflops!)} GFLOP/s): ubias ${f(s.median)}× faster (pairs ${f(s.min)}-${f(s.max)}); losses ${row.finalLoss!.ubias.toPrecision(7)} / ${row.finalLoss!.torch.toPrecision(7)}`;
}
