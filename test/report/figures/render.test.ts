import { describe, expect, it } from "vitest";
import { renderSvg } from "../../../src/report/figures/render.js";

const rows = [
  { x: 1, y: 2 },
  { x: 2, y: 0 },
];

function pointSpec(yScale: Record<string, unknown>) {
  return {
    data: { values: rows },
    mark: "point",
    encoding: {
      x: { field: "x", type: "quantitative" },
      y: { field: "y", type: "quantitative", scale: yScale },
    },
    config: { font: "DejaVu Sans" },
  };
}

describe("renderSvg", () => {
  it("renders a Vega-Lite specification to SVG, the same bytes every time", async () => {
    const data = { rows, spec: pointSpec({ zero: true }) };
    const svg = await renderSvg(data);
    expect(svg).toMatch(/^<svg[^>]*class="marks"/);
    expect(svg).toContain('font-family="DejaVu Sans"');
    expect(await renderSvg(data)).toBe(svg);
  });

  it("throws on a Vega-Lite warning instead of drawing something else than specified", async () => {
    // "zero" is dropped on a log scale, with a warning.
    await expect(renderSvg({ rows, spec: pointSpec({ type: "log", zero: true }) })).rejects.toThrow(
      /figure rendering: WARN .*zero/,
    );
  });
});
