import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One textual edit: `search` must occur exactly once in `file` (relative to the repo root). */
export interface Edit {
  readonly file: string;
  readonly search: string;
  readonly replace: string;
}

/**
 * A plausible one-line numerics bug (issue 11): applied to a scratch copy of the repository,
 * the claims catalogue and the unit tests must fail on it.
 */
export interface Mutant {
  /** Short kebab-case id, for `--only`. */
  readonly id: string;
  /** The bug, as a reader would describe it. */
  readonly bug: string;
  /** The claim(s) of docs/theory.md that own the behaviour the bug breaks. */
  readonly owner: string;
  readonly edits: readonly Edit[];
  /** A row of issue 11's table of survivors and kills. */
  readonly issueTable?: boolean;
  /** Why this mutant is expected to survive the claims for now (listed in the output). */
  readonly expectedSurvivor?: string;
}

/** Occurrences of `needle` in `haystack` (non-overlapping). */
export function occurrences(haystack: string, needle: string): number {
  if (needle.length === 0) return Number.POSITIVE_INFINITY;
  let count = 0;
  for (
    let at = haystack.indexOf(needle);
    at >= 0;
    at = haystack.indexOf(needle, at + needle.length)
  )
    count++;
  return count;
}

/**
 * Problems that make a mutant unusable against the tree at `root`: a search string not found
 * exactly once (the code moved on, and the catalogue must say so instead of rotting silently),
 * or a replacement equal to its search string (no bug at all).
 */
export function mutantProblems(root: string, mutant: Mutant): string[] {
  const problems: string[] = [];
  for (const edit of mutant.edits) {
    let text: string;
    try {
      text = readFileSync(join(root, edit.file), "utf8");
    } catch {
      problems.push(`${mutant.id}: ${edit.file} does not exist`);
      continue;
    }
    const n = occurrences(text, edit.search);
    if (n !== 1)
      problems.push(
        `${mutant.id}: ${edit.file}: search string found ${n} times (expected exactly once): ${JSON.stringify(edit.search)}`,
      );
    if (edit.search === edit.replace) problems.push(`${mutant.id}: replacement equals search`);
  }
  return problems;
}

/** Applies the mutant's edits in place under `root` (throws on any problem of mutantProblems). */
export function applyMutant(root: string, mutant: Mutant): void {
  const problems = mutantProblems(root, mutant);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  for (const edit of mutant.edits) {
    const path = join(root, edit.file);
    const text = readFileSync(path, "utf8");
    writeFileSync(
      path,
      text.replace(edit.search, () => edit.replace),
    );
  }
}
