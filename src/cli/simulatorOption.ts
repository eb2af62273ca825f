import type { Command } from "commander";
import type { SimulatorRecord } from "../claims/counterexampleFixture.js";
import type { ClaimResult } from "../claims/runner.js";
import { InputError } from "../errors/inputError.js";
import { useExternalSimulator } from "../measurement/backend.js";
import { ExternalSimulator } from "../training/external/protocol.js";
import { shellWord } from "./claimsText.js";
import { parseNumber } from "./parse.js";

/**
 * `ubias check --simulator "<command>"` (issue 15): the claims' training runs go through the
 * user's simulator (docs/simulator-protocol.md) instead of the built-in one. One child process
 * serves the whole check, so the claims run on one thread; claims needing what the protocol
 * does not carry are skipped with the reason.
 */
export const SIMULATOR_OPTION_HELP =
  'run the claims\' training runs through your simulator: a command speaking docs/simulator-protocol.md on stdin/stdout (e.g. "python3 examples/simulators/numpy.py"); claims it cannot serve are skipped, one thread';
export const SIMULATOR_TIMEOUT_HELP =
  "with --simulator: seconds one training run may take before the simulator is killed and the case is unmeasurable (default 120)";

/** Default per-case limit: the slowest built-in catalogue case takes ~10 s; adapters are slower. */
export const DEFAULT_SIMULATOR_TIMEOUT_SECONDS = 120;

/** Sets the external simulator for this process, or nothing without --simulator. */
export function startSimulator(options: {
  readonly simulator?: string;
  readonly simulatorTimeout?: string;
}): ExternalSimulator | undefined {
  if (options.simulator === undefined) {
    if (options.simulatorTimeout !== undefined)
      throw new InputError("--simulator-timeout", "needs --simulator (the simulator it limits)");
    return undefined;
  }
  const seconds =
    options.simulatorTimeout === undefined
      ? DEFAULT_SIMULATOR_TIMEOUT_SECONDS
      : parseNumber("--simulator-timeout", options.simulatorTimeout);
  if (!(seconds > 0 && seconds <= 86_400))
    throw new InputError("--simulator-timeout", `must be in (0, 86400] seconds, got ${seconds}`);
  const simulator = new ExternalSimulator(options.simulator, seconds * 1000);
  useExternalSimulator(simulator);
  return simulator;
}

/** `--simulator` and `--simulator-timeout` on a command that runs training (check, conjecture, validity). */
export function addSimulatorOptions(command: Command): Command {
  return command
    .option("--simulator <command>", SIMULATOR_OPTION_HELP)
    .option("--simulator-timeout <seconds>", SIMULATOR_TIMEOUT_HELP);
}

/** Runs `run` with the simulator of the options set (if any), and stops it whatever happens. */
export function withSimulatorOf<T>(
  options: { readonly simulator?: string; readonly simulatorTimeout?: string },
  run: (simulator: ExternalSimulator | undefined) => T,
): T {
  const simulator = startSimulator(options);
  try {
    return run(simulator);
  } finally {
    stopSimulator(simulator);
  }
}

/** The flags a replay command needs to go through the same simulator ("" without one). */
export function simulatorReplayFlags(options: {
  readonly simulator?: string;
  readonly simulatorTimeout?: string;
}): string {
  if (options.simulator === undefined) return "";
  const timeout = options.simulatorTimeout;
  return ` --simulator ${shellWord(options.simulator)}${timeout === undefined ? "" : ` --simulator-timeout ${shellWord(timeout)}`}`;
}

export function stopSimulator(simulator: ExternalSimulator | undefined): void {
  if (simulator === undefined) return;
  useExternalSimulator(undefined);
  simulator.close();
}

/** The lines after the table: which simulator ran, and which claims it could not serve. */
export function simulatorText(command: string, results: readonly ClaimResult[]): string {
  const skipped = results.filter((r) => r.skipped !== undefined);
  const lines = [`Simulator: ${command} (external, docs/simulator-protocol.md)`];
  if (skipped.length > 0) {
    lines.push(`Skipped (${skipped.length}):`);
    for (const r of skipped) lines.push(`  ${r.id}: ${r.skipped}`);
  }
  return `${lines.join("\n")}\n`;
}

/** What a saved counterexample records of the simulator (its replay needs the same one). */
export function simulatorRecord(simulator: ExternalSimulator): SimulatorRecord {
  return { command: simulator.command, timeoutSeconds: simulator.timeoutMs / 1000 };
}
