import { describe, expect, it } from "vitest";
import { parseCsv, sampleSetFromCsv } from "../../src/data/csv.js";
import { InputError } from "../../src/errors/inputError.js";

// T10: a user's data set from CSV; malformed input is a one-line error naming row and column.
const text = "x1,x2,x3,y\n1,2,3,4\n5,6,7,8\n9,10,11,12\n";

describe("sampleSetFromCsv", () => {
  it("puts A's columns first, B defaulting to the remaining columns", () => {
    const set = sampleSetFromCsv(text, { target: "y", modalityA: ["x2"] });
    expect(set.dA).toBe(1);
    expect(set.dB).toBe(2);
    expect(set.samples).toBe(3);
    expect(Array.from(set.x.slice(0, 3))).toEqual([2, 1, 3]);
    expect(Array.from(set.y)).toEqual([4, 8, 12]);
  });

  it("takes named B columns in the given order", () => {
    const set = sampleSetFromCsv(text, { target: "x1", modalityA: ["y"], modalityB: ["x3"] });
    expect(set.dB).toBe(1);
    expect(Array.from(set.x.slice(0, 2))).toEqual([4, 3]);
  });

  it("handles RFC 4180 quotes, CRLF, a BOM and blank lines", () => {
    const quoted = '\uFEFF"a,1",b,"say ""y"""\r\n" 1 ",2,3\r\n\r\n4,5,"6"\r\n';
    const table = parseCsv(quoted);
    expect(table.header).toEqual(["a,1", "b", 'say "y"']);
    expect(table.rowNumbers).toEqual([2, 4]);
    const set = sampleSetFromCsv(quoted, { target: 'say "y"', modalityA: ["a,1"] });
    expect(Array.from(set.y)).toEqual([3, 6]);
    expect(Array.from(set.x)).toEqual([1, 2, 4, 5]);
  });

  const cases: [string, string, object, string][] = [
    [
      "non-numeric cell",
      "a,b,y\n1,2,3\n1,abc,3\n",
      {},
      'csv: row 3, column "b": not a number ("abc")',
    ],
    ["empty cell", "a,b,y\n1,2,3\n1,,3\n", {}, 'csv: row 3, column "b": not a number ("")'],
    ["hex is not decimal", "a,b,y\n1,2,3\n1,0x10,3\n", {}, 'row 3, column "b": not a number'],
    [
      "missing column",
      "a,b,y\n1,2,3\n4,5,6\n",
      { modalityA: ["z"] },
      'csv: column "z" (modality A) is not in the header',
    ],
    ["missing target", "a,b,c\n1,2,3\n4,5,6\n", {}, 'column "y" (target) is not in the header'],
    ["one data row", "a,b,y\n1,2,3\n", {}, "csv: 1 data row; need at least 2"],
    ["ragged row", "a,b,y\n1,2,3\n4,5\n", {}, "csv: row 3: 2 fields, the header has 3"],
    ["empty file", "", {}, "csv: empty file"],
    ["duplicate column", "a,a,y\n1,2,3\n4,5,6\n", {}, 'row 1, column "a": duplicate column name'],
    ["empty column name", "a,,y\n1,2,3\n4,5,6\n", {}, "row 1, column 2: empty column name"],
    ["no B left", "a,y\n1,2\n3,4\n", {}, "modality B needs at least one column"],
    ["two roles", "a,b,y\n1,2,3\n4,5,6\n", { modalityB: ["a"] }, 'column "a" is given two roles'],
    ["unclosed quote", 'a,b,y\n1,"2,3\n', {}, "row 2: quoted field not closed"],
    ["stray quote", 'a,b,y\n1,2x"3,4\n', {}, "row 2, field 2: quote inside an unquoted field"],
    ["overflow", "a,b,y\n1,2,3\n1,1e999,3\n", {}, 'row 3, column "b": overflows a double'],
  ];
  for (const [name, csv, columns, message] of cases) {
    it(`one-line error: ${name}`, () => {
      const call = () => sampleSetFromCsv(csv, { target: "y", modalityA: ["a"], ...columns });
      expect(call).toThrow(InputError);
      expect(call).toThrow(message);
      try {
        call();
      } catch (error) {
        expect((error as Error).message).not.toContain("\n");
      }
    });
  }

  it("rejects an empty modality A", () => {
    expect(() => sampleSetFromCsv(text, { target: "y", modalityA: [] })).toThrow("modality A");
  });
});
