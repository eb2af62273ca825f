import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvColumns, csvField, toCsv } from "../../../src/report/figures/csv.js";
import type { FigureRow } from "../../../src/report/figures/figure.js";
import { csvRecords } from "../../helpers/csvRecords.js";

describe("figure CSV", () => {
  it("writes numbers in a form that parses back to the same double, bit for bit", () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(Object.is(Number(csvField(x)), x)).toBe(true);
      }),
    );
    for (const x of [-0, 5e-324, Number.MAX_VALUE, 0.1 + 0.2, Number.NaN, -Infinity])
      expect(Object.is(Number(csvField(x)), x)).toBe(true);
  });

  it("quotes strings with commas, quotes and line breaks, and parses them back", () => {
    const rows: FigureRow[] = [
      { label: 'a, "b"', value: 1, flag: true, none: null },
      { label: "line\nbreak", value: -0.5 },
      { label: "σA/σB = 2", extra: "x" },
    ];
    const text = toCsv(rows);
    expect(text.split("\n")[0]).toBe("label,value,flag,none,extra");
    // Read back with the one CSV reader (src/data/csv.ts), as every figure test does.
    const back = csvRecords(text);
    expect(back).toEqual([
      { label: 'a, "b"', value: "1", flag: "true", none: "", extra: "" },
      { label: "line\nbreak", value: "-0.5", flag: "", none: "", extra: "" },
      { label: "σA/σB = 2", value: "", flag: "", none: "", extra: "x" },
    ]);
  });

  it("lists columns in order of first appearance", () => {
    expect(csvColumns([{ b: 1 }, { a: 2, b: 3 }, { c: null }])).toEqual(["b", "a", "c"]);
  });
});
