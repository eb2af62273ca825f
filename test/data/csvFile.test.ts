import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSampleSetCsv } from "../../src/data/csvFile.js";

const text = "x1,x2,x3,y\n1,2,3,4\n5,6,7,8\n9,10,11,12\n";

describe("readSampleSetCsv", () => {
  it("reads a file and names it in the label; an unreadable path is an InputError", () => {
    const dir = mkdtempSync(join(tmpdir(), "ubias-csv-"));
    const path = join(dir, "data.csv");
    writeFileSync(path, text);
    const set = readSampleSetCsv(path, { target: "y", modalityA: ["x1"] });
    expect(set.label).toContain(path);
    expect(() =>
      readSampleSetCsv(join(dir, "missing.csv"), { target: "y", modalityA: ["x1"] }),
    ).toThrow(/^csv: cannot read/);
  });
});
