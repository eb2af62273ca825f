import { cpSync, mkdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Top-level entries never copied: dependencies (symlinked instead), VCS, generated output. */
const SKIPPED = new Set([
  "node_modules",
  ".git",
  "coverage",
  "dist",
  "out",
  "scratch",
  "bench/results.json",
]);

/**
 * A copy of the repository at `root` in `dir` (replaced if present) with node_modules
 * symlinked to the original's (resolved) install: a mutant edits the copy, never the tree.
 */
export function scratchCopy(root: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(root, dir, {
    recursive: true,
    filter: (source) => {
      const rel = relative(root, source);
      if (rel === "") return true;
      const top = rel.split(sep)[0]!;
      return !SKIPPED.has(top) && !SKIPPED.has(rel);
    },
  });
  symlinkSync(realpathSync(join(root, "node_modules")), join(dir, "node_modules"), "dir");
}
