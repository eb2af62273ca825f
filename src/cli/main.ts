import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { registerCheck } from "./checkCommand.js";
import { registerConjecture } from "./conjectureCommand.js";
import { formatCommanderMessage, reportError } from "./errorReport.js";
import { registerFigure } from "./figureCommand.js";
import type { CliIo } from "./io.js";
import { registerMerge } from "./mergeCommand.js";
import { registerPredict } from "./predictCommand.js";
import { rejectRepeatedOptions } from "./repeatedOptions.js";
import { registerReport } from "./reportCommand.js";
import { registerSimulate } from "./simulateCommand.js";
import { registerValidity } from "./validityCommand.js";

export type { CliIo } from "./io.js";

/** Set to 1 to print the stack of internal errors (and of bad-input errors). */
export const DEBUG_ENV = "UBIAS_DEBUG";

function packageVersion(): string {
  const path = fileURLToPath(new URL("../../package.json", import.meta.url));
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}

const PROGRAM_HELP = `
Times are in units of τ. Bad input prints one line "ubias: <field>: <message>" and exits
with code 2; an internal error exits with 3 (set ${DEBUG_ENV}=1 for its stack).`;

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  // Output and exit settings first: subcommands created by .command() inherit them.
  const program = new Command("ubias")
    .description(
      "unimodal bias in multimodal deep linear networks: theory (Zhang, Latham & Saxe, ICML 2024) against simulation",
    )
    .version(packageVersion())
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`ubias: ${formatCommanderMessage(s)}\n`),
    })
    .addHelpText("after", PROGRAM_HELP);
  const context = { io, setExitCode };
  registerPredict(program, context);
  registerSimulate(program, context);
  registerCheck(program, context);
  registerConjecture(program, context);
  registerMerge(program, context);
  registerValidity(program, context);
  registerFigure(program, context);
  registerReport(program, context);
  return program;
}

/**
 * Runs the CLI on `argv`, the user's arguments (without the node and script paths, i.e.
 * `process.argv.slice(2)`), and returns the exit code: 0 success, 1 a checked claim fails,
 * 2 bad input, 3 internal error. Never throws; all output goes through `io`.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    rejectRepeatedOptions(program, argv);
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, io, process.env[DEBUG_ENV] === "1");
  }
}

/**
 * True when this module is the program: run as `tsx src/cli/main.ts` or through the
 * package's bin script (bin/ubias.js imports this module), not when imported by a test.
 */
function isEntryModule(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  let entry: string;
  try {
    entry = realpathSync(script);
  } catch {
    return false;
  }
  const self = fileURLToPath(import.meta.url);
  const bin = fileURLToPath(new URL("../../bin/ubias.js", import.meta.url));
  return entry === self || entry === bin;
}

/**
 * A reader that closed the pipe (`ubias --help | head -1`) wants no more output: stop
 * quietly with the exit code so far instead of an unhandled EPIPE stack trace.
 */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit();
  });
}

if (isEntryModule()) {
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: process.stderr.isTTY === true,
  });
}
