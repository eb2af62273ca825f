import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, Help } from "commander";
import { packageVersion } from "../runtime/packageRoot.js";
import { formatCommanderMessage, reportError } from "./errorReport.js";
import type { CliIo, CommandContext } from "./io.js";
import { rejectRepeatedOptions } from "./repeatedOptions.js";

export type { CliIo } from "./io.js";

/** Set to 1 to print the stack of internal errors (and of bad-input errors). */
export const DEBUG_ENV = "UBIAS_DEBUG";

/**
 * The subcommands, in the order of `ubias --help`. Each command's module is imported only
 * when the command runs (or its help is asked for): a command's dependencies (mathjs for
 * conjecture, vega for figure and report, fast-check and the worker pool for check, ...)
 * cost start-up time that `ubias predict` or `ubias --version` should not pay (issue 14).
 * The descriptions and usage terms are repeated here for `ubias --help`, which lists every
 * command without loading any; test/cli/lazyCommands.test.ts checks they equal the
 * commands' own.
 */
export const COMMANDS: readonly LazyCommand[] = [
  {
    name: "predict",
    term: "predict [options]",
    description: "closed-form phase times t_A, t_B and the ratio t_B/t_A (T1, T2, T4, T5, X1)",
    load: async () => (await import("./predictCommand.js")).registerPredict,
  },
  {
    name: "simulate",
    term: "simulate [options]",
    description: "train a deep linear fusion network and measure t_A, t_B (docs/theory.md §3)",
    load: async () => (await import("./simulateCommand.js")).registerSimulate,
  },
  {
    name: "check",
    term: "check [options]",
    description: "check the claims of docs/theory.md against simulation and print the claims table",
    load: async () => (await import("./checkCommand.js")).registerCheck,
  },
  {
    name: "conjecture",
    term: "conjecture [options]",
    description: "check a prediction written as an expression against simulation",
    load: async () => (await import("./conjectureCommand.js")).registerConjecture,
  },
  {
    name: "merge",
    term: "merge [options] <shard.json...>",
    description: "combine the --json outputs of check --shard i/n (all n shards) into one run",
    load: async () => (await import("./mergeCommand.js")).registerMerge,
  },
  {
    name: "validity",
    term: "validity [options]",
    description:
      "relative error of a claim's t_B/t_A against balanced-init simulation over a grid u0 × ρ",
    load: async () => (await import("./validityCommand.js")).registerValidity,
  },
  {
    name: "mnist",
    term: "mnist [options]",
    description:
      "train the authors' noisy two-view MNIST fusion network and print accuracies per epoch",
    load: async () => (await import("./mnistCommand.js")).registerMnist,
  },
  {
    name: "figure",
    term: "figure [options] [id]",
    description: "regenerate a figure of the paper as SVG plus the CSV of its plotted numbers",
    load: async () => (await import("./figureCommand.js")).registerFigure,
  },
  {
    name: "report",
    term: "report [options]",
    description: "run the claims and every figure, and write a self-contained HTML report",
    load: async () => (await import("./reportCommand.js")).registerReport,
  },
];

/** A subcommand whose module loads on demand: `load` gives its register function. */
export interface LazyCommand {
  readonly name: string;
  /** Its line in `ubias --help`'s list of commands (commander's subcommandTerm). */
  readonly term: string;
  readonly description: string;
  readonly load: () => Promise<(program: Command, context: CommandContext) => void>;
}

/**
 * The subcommand `argv` runs or asks help for: the first word that is not an option
 * (the program's own options, --help and --version, take no value), or the word after
 * `help`. Undefined when there is none (`ubias`, `ubias --help`).
 */
export function requestedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((word) => !word.startsWith("-"));
  return words[0] === "help" ? words[1] : words[0];
}

const PROGRAM_HELP = `
Times are in units of τ. Bad input prints one line "ubias: <field>: <message>" and exits
with code 2; an internal error exits with 3 (set ${DEBUG_ENV}=1 for its stack).`;

/**
 * The program with every subcommand: the one `argv` requests registered in full (its
 * module imported), the others by name and description only, which is all `ubias --help`
 * and commander's "unknown command" suggestions read.
 */
async function buildProgram(
  io: CliIo,
  setExitCode: (code: number) => void,
  argv: readonly string[],
): Promise<Command> {
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
    .addHelpText("after", PROGRAM_HELP)
    .configureHelp({
      // The commands not loaded have no options yet: their term comes from COMMANDS.
      subcommandTerm: (cmd) =>
        COMMANDS.find((c) => c.name === cmd.name())?.term ?? new Help().subcommandTerm(cmd),
    });
  const context = { io, setExitCode };
  const requested = requestedCommand(argv);
  for (const command of COMMANDS) {
    if (command.name === requested) {
      (await command.load())(program, context);
    } else {
      program.command(command.name).description(command.description);
    }
  }
  return program;
}

/**
 * Runs the CLI on `argv`, the user's arguments (without the node and script paths, i.e.
 * `process.argv.slice(2)`), and returns the exit code: 0 success, 1 a checked claim fails,
 * 2 bad input, 3 internal error. Never throws; all output goes through `io`.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  try {
    const program = await buildProgram(
      io,
      (code) => {
        exitCode = code;
      },
      argv,
    );
    rejectRepeatedOptions(program, argv);
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, io, process.env[DEBUG_ENV] === "1");
  }
}

/**
 * True when this module is the program: run as `tsx src/cli/main.ts` or
 * `node dist/src/cli/main.js`, not when imported (by a test, or by bin/ubias.js, which
 * calls `main` itself).
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
  return entry === fileURLToPath(import.meta.url);
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

/** The program on this process: its arguments, standard streams and exit code. */
export async function main(): Promise<void> {
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: process.stderr.isTTY === true,
  });
}

if (isEntryModule()) await main();
