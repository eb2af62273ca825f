import { describe, expect, it } from "vitest";
import { formatJson, toJson } from "../../src/format/json.js";

describe("toJson", () => {
  it("maps NaN and ±Infinity to null, at any depth", () => {
    expect(
      toJson({
        a: Number.NaN,
        b: [1, Number.POSITIVE_INFINITY],
        c: { d: Number.NEGATIVE_INFINITY },
      }),
    ).toEqual({
      a: null,
      b: [1, null],
      c: { d: null },
    });
  });

  it("turns typed arrays into arrays (non-finite entries to null)", () => {
    expect(toJson({ w: Float64Array.of(1.5, Number.NaN, -2) })).toEqual({ w: [1.5, null, -2] });
  });

  it("drops undefined fields and keeps null, booleans and strings", () => {
    expect(toJson({ a: undefined, b: null, c: true, d: "x", e: [undefined] })).toEqual({
      b: null,
      c: true,
      d: "x",
      e: [null],
    });
  });

  it("uses toJSON (dates) and rejects cycles", () => {
    expect(toJson({ t: new Date(0) })).toEqual({ t: "1970-01-01T00:00:00.000Z" });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toJson(cyclic)).toThrow(/circular/);
    const shared = [1];
    expect(toJson({ a: shared, b: shared })).toEqual({ a: [1], b: [1] }); // shared, not circular
  });

  it("formatJson writes indented JSON with a final newline that parses back", () => {
    const text = formatJson({ ratio: Number.NaN, n: 1 });
    expect(text).toBe('{\n  "ratio": null,\n  "n": 1\n}\n');
    expect(JSON.parse(text)).toEqual({ ratio: null, n: 1 });
  });
});
