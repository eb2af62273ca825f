import { describe, expect, it } from "vitest";
import { axisTitles, isBalanced, markGroups, pathVertices } from "./svgMarks.js";

/** A hand-written fragment in the shape of Vega's SVG output. */
const SVG =
  '<svg><g class="mark-symbol role-mark layer_0_marks" role="x"><path aria-label="3" transform="translate(1.5,-2e-7)" d="M1,0"/></g>' +
  '<g class="mark-line role-mark layer_1_marks"><path d="M0,0L1,1L2,0"/></g>' +
  '<g class="mark-group role-axis" aria-label="X-axis titled \'time t (τ)\' for a linear scale"></g></svg>';

describe("svgMarks (the tests' SVG reader)", () => {
  it("reads mark groups, labels and positions", () => {
    const groups = markGroups(SVG);
    expect(groups.map((g) => [g.type, g.name])).toEqual([
      ["symbol", "layer_0_marks"],
      ["line", "layer_1_marks"],
    ]);
    expect(groups[0]!.items[0]).toMatchObject({ label: "3", x: 1.5, y: -2e-7 });
    expect(pathVertices(groups[1]!.items[0]!.d!)).toBe(3);
    expect(axisTitles(SVG)).toEqual(["time t (τ)"]);
  });

  it("detects unbalanced tags", () => {
    expect(isBalanced(SVG)).toBe(true);
    expect(isBalanced("<svg><g></svg>")).toBe(false);
  });
});
