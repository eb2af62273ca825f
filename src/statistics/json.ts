import { readFileSync } from "node:fs";
import { InputError } from "../errors/inputError.js";
import type { Statistics } from "./statistics.js";
import { fromMoments, fromTeacher } from "./teacher.js";
import { fromToy } from "./toy.js";

/**
 * Statistics from a JSON document. Three shapes are accepted:
 * - `{ "kind": "toy", "sigmaA": 2, "sigmaB": 1, "rho": 0.5, "wA": 1, "wB": 1, "noiseStd": 0 }`
 * - `{ "kind": "teacher", "sigma": [[...]], "wStar": [...], "noiseStd": 0, "dA": 2 }`
 * - `{ "kind": "moments", "sigma": [[...]], "sigmaYX": [...], "sigmaY2": 3.1, "dA": 2 }`
 *
 * @example
 * ```ts
 * import { InputError, statisticsFromJson } from "ubias";
 *
 * statisticsFromJson({ kind: "toy", sigmaA: 2, sigmaB: 1, rho: 0.5 }).sigmaYX; // → [5, 2]
 * let error: unknown;
 * try {
 *   statisticsFromJson({ kind: "toy", sigmaA: 2, rho: 0.5 }, "stats.json");
 * } catch (e) {
 *   error = e;
 * }
 * error instanceof InputError; // → true
 * (error as InputError).field; // → "stats.json.sigmaB"
 * ```
 */
export function statisticsFromJson(value: unknown, source = "stats"): Statistics {
  if (typeof value !== "object" || value === null) {
    throw new InputError(source, 'must be a JSON object with a "kind" field');
  }
  const doc = value as Record<string, unknown>;
  switch (doc.kind) {
    case "toy":
      return fromToy({
        sigmaA: numberField(doc, "sigmaA", source),
        sigmaB: numberField(doc, "sigmaB", source),
        rho: numberField(doc, "rho", source),
        wA: optionalNumber(doc, "wA", source) ?? 1,
        wB: optionalNumber(doc, "wB", source) ?? 1,
        noiseStd: optionalNumber(doc, "noiseStd", source) ?? 0,
      });
    case "teacher":
      return fromTeacher(
        matrixField(doc, "sigma", source),
        vectorField(doc, "wStar", source),
        optionalNumber(doc, "noiseStd", source) ?? 0,
        numberField(doc, "dA", source),
      );
    case "moments":
      return fromMoments(
        matrixField(doc, "sigma", source),
        vectorField(doc, "sigmaYX", source),
        numberField(doc, "sigmaY2", source),
        numberField(doc, "dA", source),
      );
    default:
      throw new InputError(
        `${source}.kind`,
        `must be "toy", "teacher" or "moments", got ${JSON.stringify(doc.kind)}`,
      );
  }
}

/**
 * Reads and parses a statistics JSON file; errors name the file and field.
 *
 * @example
 * ```ts
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { statisticsFromFile } from "ubias";
 *
 * const file = join(mkdtempSync(join(tmpdir(), "ubias-example-")), "stats.json");
 * writeFileSync(file, JSON.stringify({ kind: "teacher", sigma: [[1, 0], [0, 2]], wStar: [1, 1], dA: 1 }));
 * statisticsFromFile(file).sigmaYX; // → [1, 2]
 * ```
 */
export function statisticsFromFile(path: string): Statistics {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(
      "stats",
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError("stats", `${path} is not valid JSON: ${(error as Error).message}`);
  }
  return statisticsFromJson(parsed, path);
}

function numberField(doc: Record<string, unknown>, key: string, source: string): number {
  const v = doc[key];
  if (typeof v !== "number")
    throw new InputError(`${source}.${key}`, `must be a number, got ${JSON.stringify(v)}`);
  return v;
}

function optionalNumber(
  doc: Record<string, unknown>,
  key: string,
  source: string,
): number | undefined {
  return doc[key] === undefined ? undefined : numberField(doc, key, source);
}

function vectorField(doc: Record<string, unknown>, key: string, source: string): number[] {
  const v = doc[key];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "number")) {
    throw new InputError(`${source}.${key}`, "must be an array of numbers");
  }
  return v as number[];
}

function matrixField(doc: Record<string, unknown>, key: string, source: string): number[][] {
  const v = doc[key];
  if (
    !Array.isArray(v) ||
    v.some((row) => !Array.isArray(row) || row.some((x: unknown) => typeof x !== "number"))
  ) {
    throw new InputError(`${source}.${key}`, "must be an array of arrays of numbers");
  }
  return v as number[][];
}
