import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "../errors/inputError.js";

/** A file opened before a (possibly long) computation, written once it is done. */
export interface OutputFile {
  write(text: string): void;
  /** Closes the file (idempotent). */
  close(): void;
}

/**
 * Creates the parent directory and opens `path` for writing, so that an unwritable path
 * fails at once (InputError naming `field`, exit code 2) instead of after the run.
 */
export function openOutputFile(path: string, field: string): OutputFile {
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, "w");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(field, `cannot write ${path}: ${code}`);
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
