import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  axis,
  FONT,
  figureSpec,
  finite,
  finiteOrNull,
  jobSeed,
  levelsTimesAndTrajectory,
  linspace,
  logDomain,
  logspace,
  ROW_INDEX,
  theoryLinesAndMarkers,
  where,
} from "../../../src/report/figures/chart.js";
import { renderSvg } from "../../../src/report/figures/render.js";

describe("jobSeed", () => {
  it("is (master·2¹⁶ + index) mod 2³², by hand", () => {
    expect(jobSeed(0, 7)).toBe(7);
    expect(jobSeed(1, 5)).toBe(65541);
    // (2³² − 1)·2¹⁶ ≡ −2¹⁶ (mod 2³²).
    expect(jobSeed(0xffffffff, 3)).toBe(2 ** 32 - 65536 + 3);
    // A negative master is taken as its unsigned 32-bit value.
    expect(jobSeed(-1, 3)).toBe(jobSeed(0xffffffff, 3));
  });

  test.prop([fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 65535 })])(
    "a 32-bit seed, distinct for the 65536 indices of one master",
    (master, index) => {
      const s = jobSeed(master, index);
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(2 ** 32);
      // Distinct: the index is recoverable from the seed and the master.
      expect((s - ((master * 65536) % 2 ** 32) + 2 ** 32) % 2 ** 32).toBe(index);
    },
  );
});

describe("linspace / logspace", () => {
  it("linspace: evenly spaced with both ends", () => {
    expect(linspace(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(-2, 2, 3)).toEqual([-2, 0, 2]);
  });

  it("logspace: both ends exactly, a constant ratio in between", () => {
    const v = logspace(1e-6, 1e-2, 5);
    expect(v[0]).toBe(1e-6);
    expect(v[4]).toBe(1e-2);
    // Ratio 10 between neighbours, to the rounding of one exp (a few ulps).
    for (let i = 1; i < 5; i++) expect(Math.abs(v[i]! / v[i - 1]! / 10 - 1)).toBeLessThan(1e-14);
    // Ends exact even where exp(log(x)) is not x.
    const w = logspace(0.3, 0.7, 3);
    expect([w[0], w[2]]).toEqual([0.3, 0.7]);
    expect(w[1]).toBeCloseTo(Math.sqrt(0.21), 15);
  });
});

describe("logDomain and finiteOrNull", () => {
  it("pads the finite positive values by the factor on both sides, ignoring the rest", () => {
    const [lo, hi] = logDomain([2, null, Number.NaN, -1, 0, 8, Number.POSITIVE_INFINITY]);
    expect(lo).toBe(2 / 1.3);
    expect(hi).toBe(8 * 1.3);
    expect(logDomain([1, 10], 2)).toEqual([0.5, 20]);
  });

  it("finiteOrNull: null for NaN and ±∞ only", () => {
    expect(finiteOrNull(Number.NaN)).toBeNull();
    expect(finiteOrNull(Number.NEGATIVE_INFINITY)).toBeNull();
    expect(finiteOrNull(0)).toBe(0);
    expect(finiteOrNull(-1e-300)).toBe(-1e-300);
  });
});

describe("spec pieces", () => {
  it("axis: a log scale never carries zero; a domain switches off nice rounding", () => {
    expect(axis("t", "time", { log: true })).toEqual({
      field: "t",
      type: "quantitative",
      title: "time",
      scale: { type: "log" },
    });
    expect(axis("y", "loss").scale).toEqual({ zero: false });
    expect(axis("y", "loss", { zero: true, domain: [0, 2], format: ".2f" })).toEqual({
      field: "y",
      type: "quantitative",
      title: "loss",
      scale: { zero: true, domain: [0, 2], nice: false },
      axis: { format: ".2f" },
    });
  });

  it("where and finite build Vega-Lite filters", () => {
    expect(where("source", "theory")).toEqual({ filter: { field: "source", equal: "theory" } });
    expect(finite("a", "b")).toEqual({ filter: 'isFinite(datum["a"]) && isFinite(datum["b"])' });
  });

  it("figureSpec copies the rows (not the caller's objects), numbers them, sets the one font", () => {
    const rows = [{ x: 1 }];
    const spec = figureSpec("T", "sub", rows, { mark: "point" });
    const values = (spec.data as { values: object[] }).values;
    expect(values).toEqual(rows);
    expect(values[0]).not.toBe(rows[0]);
    expect(spec.transform).toEqual([{ window: [{ op: "row_number", as: ROW_INDEX }] }]);
    expect((spec.config as { font: string }).font).toBe(FONT);
    expect(spec.mark).toBe("point");
  });

  it("the layers render without a Vega-Lite warning, one marker per finite simulation row", async () => {
    const rows = [
      { source: "theory", series: "a", x: 1, y: 1 },
      { source: "theory", series: "a", x: 10, y: 2 },
      { source: "simulation", series: "a", x: 2, y: 1.5 },
      { source: "simulation", series: "a", x: 3, y: null },
      { source: "theory-level", series: "a", x: null, y: 1.2 },
      { source: "theory-time", series: "a", x: 4, y: null },
    ];
    const encoding = {
      x: axis("x", "x", { log: true }),
      y: axis("y", "y"),
      color: { field: "series", type: "nominal" },
    };
    const spec = figureSpec("Chart", "test", rows, {
      layer: [
        ...theoryLinesAndMarkers("y", encoding, { size: 40, opacity: 0.8 }),
        ...levelsTimesAndTrajectory(encoding, 10),
      ],
    });
    const svg = await renderSvg({ rows, spec });
    // Markers carry their CSV row as aria-label: simulation row 3 (x = 2) is drawn by both
    // point layers; row 4 (y = null) by neither.
    expect(svg).toContain('aria-label="3"');
    expect(svg).not.toContain('aria-label="4"');
  });
});
