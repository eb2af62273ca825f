import { describe, expect, it } from "vitest";
import { SCALED_CONFIG } from "../../../src/mnist/config.js";
import { figureById } from "../../../src/report/figures/catalogue.js";
import { toCsv } from "../../../src/report/figures/csv.js";
import type { GeneratedFigure } from "../../../src/report/figures/generate.js";
import { renderSvg } from "../../../src/report/figures/render.js";
import { expectFigureContract, num } from "./figureContract.js";

// The figure's jobs train the scaled run (~10 min for four): here the same jobs on a
// CI-sized slice (200 training digits, width 16, 3 epochs), assembled and rendered as
// `ubias figure mnist-fusion` does.
const OPTIONS = { repeats: 1, seed: 1 };
const figure = figureById("mnist-fusion");

describe("figure mnist-fusion (T6, T14)", () => {
  it("has one job per fusion layer 1..4 with the scaled run's sizes", () => {
    const jobs = figure.jobs(OPTIONS).map((j) => j.input as Record<string, number>);
    expect(jobs.map((j) => j.fusion)).toEqual([1, 2, 3, 4]);
    for (const j of jobs)
      expect(j).toMatchObject({
        seed: 1,
        width: SCALED_CONFIG.width,
        epochs: SCALED_CONFIG.epochs,
      });
  });

  it("plots the three accuracies and the normalised loss per epoch for each Lf, CSV = the plotted numbers", async () => {
    const small = figure.jobs(OPTIONS).map((j) => ({
      ...(j.input as object),
      width: 16,
      trainSize: 200,
      testSize: 100,
      batchSize: 50,
      epochs: 3,
    }));
    const results = [];
    for (const job of small) results.push(await figure.runJob(job));
    const data = figure.assemble(OPTIONS, results);
    const generated: GeneratedFigure = {
      figure,
      data,
      svg: await renderSvg(data),
      csv: toCsv(data.rows),
      jobs: 4,
    };
    expectFigureContract(generated, {
      axes: ["epoch", "accuracy · normalised loss"],
      markerX: "epoch",
      markerY: "value",
      xScale: "linear",
      yScale: "linear",
      isMarker: (row) => row.source === "simulation",
    });
    // 4 panels × 3 epochs × 4 curves; the loss curve starts at exactly 1.
    expect(data.rows).toHaveLength(48);
    for (const lf of [1, 2, 3, 4]) {
      const loss = data.rows.filter(
        (r) => r.panel === `Lf = ${lf}` && r.series === "loss / first-epoch loss",
      );
      expect(loss.map((r) => num(r, "epoch"))).toEqual([1, 2, 3]);
      expect(num(loss[0]!, "value")).toBe(1);
    }
  });
});
