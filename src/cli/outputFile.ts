import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import { InputError } from "../errors/inputError.js";

/** A file opened before a (possibly long) computation, written once it is done. */
export interface OutputFile {
  write(text: string): void;
  /** Closes the file (idempotent). */
  close(): void;
}

/** The error code of a failed fs call ("ENOENT", "EACCES", ...). */
function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/**
 * Creates `dir` and its missing parents one level at a time. Not `mkdirSync(…, {recursive})`:
 * under a directory where mkdir fails without the parent existing (/proc: ENOENT), Node's
 * recursive mkdir retries forever (measured: 1.28 M failed calls in 20 s, issue 12). Here the
 * nearest existing ancestor is found first; it must be a directory, and each level below it
 * is made once, so any failure is reported at once with its code.
 */
export function makeDirectory(dir: string): void {
  const missing = missingLevels(dir);
  for (const level of missing.reverse()) mkdirSync(level);
}

/**
 * The levels of `dir` that do not exist, deepest first; throws (with an fs error code) when
 * the nearest existing ancestor is not a directory.
 */
function missingLevels(dir: string): string[] {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch (error) {
      if (errorCode(error) !== "ENOENT") throw error;
      const parent = dirname(current);
      if (parent === current) throw error;
      missing.push(current);
      current = parent;
      continue;
    }
    if (!isDirectory) {
      throw Object.assign(new Error(`${current} is not a directory`), { code: "ENOTDIR" });
    }
    return missing;
  }
}

/**
 * Fails at once (InputError naming `field`) when `path` could not be written later: its
 * nearest existing ancestor is not a writable directory. Creates nothing, for output that a
 * run may not produce (a counterexample is saved only if a claim fails).
 */
export function requireWritable(path: string, field: string): void {
  try {
    const dir = dirname(resolve(path));
    const missing = missingLevels(dir);
    accessSync(missing.length > 0 ? dirname(missing[missing.length - 1]!) : dir, constants.W_OK);
  } catch (error) {
    throw new InputError(field, `cannot write ${path}: ${errorCode(error)}`);
  }
}

/**
 * Creates the parent directory and opens `path` for writing, so that an unwritable path
 * fails at once (InputError naming `field`, exit code 2) instead of after the run.
 */
export function openOutputFile(path: string, field: string): OutputFile {
  let fd: number;
  try {
    makeDirectory(dirname(path));
    fd = openSync(path, "w");
  } catch (error) {
    throw new InputError(field, `cannot write ${path}: ${errorCode(error)}`);
  }
  let open = true;
  return {
    write(text) {
      writeSync(fd, text);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
