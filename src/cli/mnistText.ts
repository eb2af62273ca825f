import type { MnistConfig } from "../mnist/config.js";
import type { DelayOrdering, ModalityDelay, SeedDelays } from "../mnist/delay.js";
import type { MnistEpoch, MnistRun } from "../mnist/train.js";

/** The run's configuration in one line. */
export function mnistHeader(config: MnistConfig): string {
  return (
    `noisy two-view MNIST: FCN L = ${config.depth}, Lf = ${config.fusion}, width ${config.width}; ` +
    `${config.trainSize} training / ${config.testSize} test digits, batch ${config.batchSize}, ` +
    `SGD lr ${config.lr} × ${config.gamma}^(epoch − 1), ${config.epochs} epochs, seed ${config.seed}, ` +
    `tfjs ${config.backend}\n` +
    "accuracies are measured on the test digits before each epoch's training; loss is that epoch's training loss\n" +
    "epoch  acc A&B  acc A  acc B  loss(mean)  loss(1st batch)\n"
  );
}

/** One epoch's row of the table. */
export function mnistEpochLine(e: MnistEpoch): string {
  const acc = (a: number) => a.toFixed(3).padStart(5);
  return `${String(e.epoch).padStart(5)}  ${acc(e.accuracyAB).padStart(7)}  ${acc(e.accuracyA)}  ${acc(e.accuracyB)}  ${e.meanLoss.toFixed(4).padStart(10)}  ${e.firstBatchLoss.toFixed(4).padStart(15)}\n`;
}

/** The closing lines: when A and B were learned, and the time. */
export function mnistFooter(run: MnistRun, delay: ModalityDelay): string {
  const when = (n: number | undefined) =>
    n === undefined ? `not within ${run.epochs.length} epochs` : `after ${n} epochs`;
  const lag =
    delay.delay !== undefined
      ? `B lags A by ${delay.delay} epochs`
      : delay.delayAtLeast !== undefined
        ? `B lags A by more than ${delay.delayAtLeast - 1} epochs`
        : "A was not learned";
  return (
    `learned (test accuracy ≥ ${delay.level} alone): A ${when(delay.epochsA)}, B ${when(delay.epochsB)}: ${lag}\n` +
    `time: ${run.seconds.toFixed(1)} s (${(run.seconds / run.epochs.length).toFixed(2)} s per epoch)\n`
  );
}

/** The CSV of a run: one row per epoch, the numbers as computed. */
export function mnistCsv(run: MnistRun): string {
  return `${EPOCH_COLUMNS}\n${run.epochs.map((e) => epochCells(e).join(",")).join("\n")}\n`;
}

/** The per-epoch columns, shared by the run's CSV and the sweep's (after seed and fusion). */
const EPOCH_COLUMNS = "epoch,lr,accuracy_ab,accuracy_a,accuracy_b,mean_loss,first_batch_loss";

function epochCells(e: MnistEpoch): number[] {
  return [e.epoch, e.lr, e.accuracyAB, e.accuracyA, e.accuracyB, e.meanLoss, e.firstBatchLoss];
}

/** A delay or a bound, as the sweep prints it: "3", "≥ 28", "–" (no value: A not learned). */
function delayCell(d: ModalityDelay): string {
  if (d.delay !== undefined) return String(d.delay);
  if (d.delayAtLeast !== undefined) return `≥ ${d.delayAtLeast}`;
  return "–";
}

function epochsCell(n: number | undefined): string {
  return n === undefined ? "–" : String(n);
}

/** A median or spread: integers as they are, halves with one decimal, NaN as "–". */
function statisticCell(x: number): string {
  if (Number.isNaN(x)) return "–";
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** The sweep's configuration in one line, printed before the first run. */
export function mnistSweepHeader(config: MnistConfig, seeds: readonly number[]): string {
  return (
    `noisy two-view MNIST, T14 sweep: FCN L = ${config.depth}, Lf = 1..${config.depth}, width ${config.width}; ` +
    `${config.trainSize} training / ${config.testSize} test digits, batch ${config.batchSize}, ` +
    `SGD lr ${config.lr} × ${config.gamma}^(epoch − 1), ${config.epochs} epochs, ` +
    `seed${seeds.length === 1 ? "" : "s"} ${seeds.join(", ")}, tfjs ${config.backend}\n`
  );
}

/** One finished run of the sweep, printed as soon as it is done. */
export function mnistSweepRunLine(
  seed: number,
  fusion: number,
  delay: ModalityDelay,
  seconds: number,
): string {
  return (
    `seed ${seed}, Lf = ${fusion}: epochs A ${epochsCell(delay.epochsA)}, ` +
    `B ${epochsCell(delay.epochsB)}, delay ${delayCell(delay)} (${seconds.toFixed(1)} s)\n`
  );
}

/** Right-aligns every column but the first (left-aligned) to its widest cell. */
function grid(rows: readonly (readonly string[])[], gaps: readonly number[]): string {
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(...rows.map((r) => [...(r[c] ?? "")].length)),
  );
  const pad = (text: string, width: number, left: boolean) => {
    const fill = " ".repeat(Math.max(0, width - [...text].length));
    return left ? text + fill : fill + text;
  };
  return rows
    .map((r) =>
      widths
        .map((w, c) => " ".repeat(c === 0 ? 0 : (gaps[c] ?? 2)) + pad(r[c] ?? "", w, c === 0))
        .join("")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * The verdict line of T14: "T14: holds", or the first failure, a seed's step where its delay
 * fell by more than the tolerance ("T14: fails: seed 2, Lf 1→2: delay 5 → 3") or else the
 * step where the median over seeds fell, with how many further failures there are.
 */
export function t14VerdictLine(seeds: readonly SeedDelays[], verdict: DelayOrdering): string {
  if (verdict.holds) return "T14: holds\n";
  const cell = (seed: number, fusion: number) => {
    const d = seeds.find((s) => s.seed === seed)?.delays[fusion - 1];
    return d === undefined
      ? "–"
      : d.delayAtLeast === undefined
        ? "– (A not learned)"
        : delayCell(d);
  };
  // A fall of the median at a step where a seed's delay fell too is not counted again, nor
  // a NaN median (a run without a delay), which comes with that seed's own failure.
  const medianFalls = verdict.medians.flatMap((m, i) =>
    i > 0 &&
    m < (verdict.medians[i - 1] as number) &&
    !verdict.violations.some((v) => v.fusion === i + 1)
      ? [i + 1]
      : [],
  );
  const failures = [
    ...verdict.violations.map(
      (v) =>
        `seed ${v.seed}, Lf ${v.fusion - 1}→${v.fusion}: delay ${cell(v.seed, v.fusion - 1)} → ${cell(v.seed, v.fusion)}`,
    ),
    ...medianFalls.map(
      (lf) =>
        `median over seeds, Lf ${lf - 1}→${lf}: delay ${statisticCell(verdict.medians[lf - 2] as number)} → ${statisticCell(verdict.medians[lf - 1] as number)}`,
    ),
  ];
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more)` : "";
  return `T14: fails: ${failures[0] ?? "no delays"}${more}\n`;
}

/**
 * The sweep's table: per seed and fusion layer the epochs A and B took to reach the level
 * alone and the delay (≥ a lower bound when B never did), then the median and spread of
 * the delay per Lf over seeds, the rule, and T14's verdict line.
 */
export function mnistSweepTable(
  seeds: readonly SeedDelays[],
  verdict: DelayOrdering,
  tolerance: number,
): string {
  const depth = seeds[0]?.delays.length ?? 0;
  const level = seeds[0]?.delays[0]?.level;
  const lfs = Array.from({ length: depth }, (_, i) => i + 1);
  const censored = lfs.map((lf) =>
    seeds.some((s) => (s.delays[lf - 1] as ModalityDelay).delay === undefined),
  );
  const group = (cells: (lf: number) => string[]) => lfs.flatMap(cells);
  const rows: string[][] = [
    ["", ...group((lf) => ["", "", `Lf = ${lf}`])],
    ["seed", ...group(() => ["A", "B", "delay"])],
    ...seeds.map(({ seed, delays }) => [
      String(seed),
      ...group((lf) => {
        const d = delays[lf - 1] as ModalityDelay;
        return [epochsCell(d.epochsA), epochsCell(d.epochsB), delayCell(d)];
      }),
    ]),
    [
      "median",
      ...group((lf) => {
        const m = statisticCell(verdict.medians[lf - 1] as number);
        return ["", "", censored[lf - 1] && m !== "–" ? `≥ ${m}` : m];
      }),
    ],
    ["spread", ...group((lf) => ["", "", statisticCell(verdict.spreads[lf - 1] as number)])],
  ];
  const gaps = [0, ...lfs.flatMap(() => [6, 2, 2])];
  const epochWord = (n: number) => `${n} epoch${n === 1 ? "" : "s"}`;
  return (
    `T14: the delay of B behind A is non-decreasing in Lf. A, B: epochs trained before the test accuracy alone first reaches ${level};\n` +
    "delay = B − A; ≥ n: B not within the run, n a lower bound (the median and spread use it); –: not within the run\n" +
    `${grid(rows, gaps)}\n` +
    `rule: a seed's delay may fall by at most ${epochWord(tolerance)} from one Lf to the next, and the median over seeds may not fall\n` +
    t14VerdictLine(seeds, verdict)
  );
}

/** The sweep's CSV header: the per-epoch columns of {@link mnistCsv} after seed and fusion. */
export const MNIST_SWEEP_CSV_HEADER = `seed,fusion,${EPOCH_COLUMNS}\n`;

/** One run's rows of the sweep's CSV, the numbers as computed. */
export function mnistSweepCsvRows(run: MnistRun): string {
  const { seed, fusion } = run.config;
  return run.epochs.map((e) => `${[seed, fusion, ...epochCells(e)].join(",")}\n`).join("");
}
