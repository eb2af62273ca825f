import { CommanderError } from "commander";
import { InputError } from "../errors/inputError.js";
import type { CliIo } from "./io.js";

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, claimFails: 1, badInput: 2, internal: 3 } as const;

/** One line: newlines (and the indentation after them) become single spaces. */
export function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, " ");
}

/**
 * Commander's error message in the CLI's format `<field>: <message>`:
 * "error: option '--u0 <n>' argument missing" → "--u0: argument missing",
 * "error: unknown option '--sigma'\n(Did you mean --sigma-a?)" → "--sigma: unknown option (Did you mean --sigma-a?)".
 */
export function formatCommanderMessage(raw: string): string {
  const text = oneLine(raw).replace(/^error:\s*/, "");
  const option = /^option '(-[^\s',]+)[^']*' (.*)$/.exec(text);
  if (option) return `${option[1]}: ${option[2]}`;
  const unknown = /^unknown option '([^']+)'\s*(.*)$/.exec(text);
  if (unknown) return `${unknown[1]}: unknown option${unknown[2] ? ` ${unknown[2]}` : ""}`;
  const required = /^required option '(-[^\s',]+)[^']*' not specified$/.exec(text);
  if (required) return `${required[1]}: is required`;
  const command = /^unknown command '([^']+)'\s*(.*)$/.exec(text);
  if (command)
    return `command: unknown command ${JSON.stringify(command[1])}${command[2] ? ` ${command[2]}` : ""}`;
  const excess = /^too many arguments(?: for '([^']+)')?\. (.*)$/.exec(text);
  if (excess) return `${excess[1] ?? "ubias"}: too many arguments. ${excess[2]}`;
  return text;
}

/** Where a user reports an internal error. */
export const BUG_REPORT =
  "this is a bug in ubias: please report it with the command that caused it";

/**
 * Maps an exception of a command to an exit code and prints it as one line on stderr:
 * - commander's own errors (already printed through `configureOutput`): help and version
 *   → 0, anything else (unknown option, missing value, ...) → 2;
 * - InputError (its own class: a value outside its documented domain, thrown by
 *   validation) → 2, and nothing else is;
 * - anything else, InternalError (a broken invariant), a RangeError (an engine's or a
 *   library's) and a non-Error value included →
 *   "ubias: internal error: <message> (<BUG_REPORT>)" → 3, with the stack when `debug`.
 */
export function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version")
      return EXIT.ok;
    return EXIT.badInput;
  }
  if (error instanceof InputError) {
    io.stderr(`ubias: ${oneLine(error.message)}\n`);
    if (debug && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`ubias: internal error: ${oneLine(message)} (${BUG_REPORT})\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT.internal;
}
