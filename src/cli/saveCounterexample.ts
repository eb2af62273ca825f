import { isAbsolute, join, relative, resolve } from "node:path";
import type { CounterexampleFixture } from "../claims/counterexampleFixture.js";
import { InputError } from "../errors/inputError.js";
import { PACKAGE_ROOT } from "../runtime/packageRoot.js";
import { openOutputFile } from "./outputFile.js";

/** The package's version (saved in each fixture). */
export { packageVersion } from "../runtime/packageRoot.js";

/**
 * Where `--save-counterexample` without a file name writes: relative to the current
 * directory, never to the installed package's own folder (which may be read-only, shared,
 * or replaced by the next install). Run from the repository root, that is the repository's
 * fixtures/counterexamples, which test/properties/savedCounterexamples.test.ts replays.
 */
export const COUNTEREXAMPLES_DIR = join("fixtures", "counterexamples");

/**
 * A directory as stored in a fixture: relative to the repository root (the package
 * directory, runtime/packageRoot.ts) when inside it.
 */
export function portableDir(dir: string): string {
  const rel = relative(PACKAGE_ROOT, resolve(dir));
  return rel.startsWith("..") || isAbsolute(rel) ? resolve(dir) : rel;
}

/**
 * The files to write: `file` itself for one fixture; with several, `<file without .json>-<ID>.json`;
 * without a file name, fixtures/counterexamples/<ID>-seed<S>.json under the current directory.
 */
export function fixturePaths(
  fixtures: readonly CounterexampleFixture[],
  file: string | true,
): string[] {
  if (file === true)
    return fixtures.map((f) => resolve(COUNTEREXAMPLES_DIR, `${f.claim}-seed${f.seed}.json`));
  if (fixtures.length === 1) return [resolve(file)];
  const stem = resolve(file).replace(/\.json$/, "");
  return fixtures.map((f) => `${stem}-${f.claim}.json`);
}

/** Writes the fixtures; returns one line per file for stderr. */
export function saveCounterexamples(
  fixtures: readonly CounterexampleFixture[],
  file: string | true,
): string[] {
  if (fixtures.length === 0) return ["no counterexample to save"];
  const paths = fixturePaths(fixtures, file);
  return fixtures.map((fixture, i) => {
    const path = paths[i]!;
    try {
      const file = openOutputFile(path, "--save-counterexample");
      try {
        file.write(`${JSON.stringify(fixture, null, 2)}\n`);
      } finally {
        file.close();
      }
    } catch (error) {
      if (error instanceof InputError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new InputError("--save-counterexample", `cannot write ${path}: ${code}`);
    }
    return `saved counterexample of ${fixture.claim} to ${path}`;
  });
}
