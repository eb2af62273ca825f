import { CommanderError } from "commander";
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

/** RangeErrors thrown by the JavaScript engine itself: bugs or exhausted resources, not bad input. */
const ENGINE_RANGE_ERROR =
  /Maximum call stack|Invalid (typed )?array length|Array buffer allocation failed|Invalid string length/;

/**
 * Maps an exception of a command to an exit code and prints it as one line on stderr:
 * - commander's own errors (already printed through `configureOutput`): help and version
 *   → 0, anything else (unknown option, missing value, ...) → 2;
 * - InputError and RangeError from our modules (a value outside its domain) → 2;
 * - anything else → "ubias: internal error: <message>" → 3, with the stack when `debug`.
 */
export function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version")
      return EXIT.ok;
    return EXIT.badInput;
  }
  if (error instanceof RangeError && !ENGINE_RANGE_ERROR.test(error.message)) {
    io.stderr(`ubias: ${oneLine(error.message)}\n`);
    if (debug && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`ubias: internal error: ${oneLine(message)}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT.internal;
}
