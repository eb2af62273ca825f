import { readFileSync } from "node:fs";
import { InputError } from "../errors/inputError.js";
import type { CsvColumns } from "./csv.js";
import { sampleSetFromCsv } from "./csv.js";
import type { SampleSet } from "./sampleSet.js";

/** Reads a CSV file (UTF-8) into a SampleSet; an unreadable file is an InputError on "csv". */
export function readSampleSetCsv(path: string, columns: CsvColumns): SampleSet {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError("csv", `cannot read ${path}: ${reason}`);
  }
  return sampleSetFromCsv(text, { label: path, ...columns });
}
