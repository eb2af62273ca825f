import { NotRunnableHere } from "../errors/notRunnableHere.js";
import type { ExternalSimulator } from "../training/external/protocol.js";

/**
 * Which simulator the measurements run on: the built-in one (the default) or a user's
 * external simulator (docs/simulator-protocol.md, issue 15). Set once per process by the
 * command that runs the claims; worker threads have their own module instance and so always
 * run the built-in simulator, so a command with an external simulator runs on one thread.
 *
 * Paths the protocol does not carry (ReLU networks, sample sets, vector targets, the
 * trajectory, the final weights θ) refuse with NotCarriedError while an external simulator
 * is set: a claim that needs one is then reported as skipped with that reason, never run on
 * the built-in simulator in its place.
 */
// On globalThis under a global symbol: a claim file that reached another copy of this module
// (its own resolution of ubias) still sees the simulator the command set.
const KEY = Symbol.for("ubias.externalSimulator");
const holder = globalThis as { [KEY]?: ExternalSimulator };

/** The claim needs something the external simulator protocol does not carry. */
export class NotCarriedError extends NotRunnableHere {
  override readonly name = "NotCarriedError";
  constructor(readonly what: string) {
    super(`needs ${what}, which the simulator protocol (ubias-simulator/1) does not carry`);
  }
}

export function useExternalSimulator(simulator: ExternalSimulator | undefined): void {
  if (simulator === undefined) delete holder[KEY];
  else holder[KEY] = simulator;
}

export function externalSimulator(): ExternalSimulator | undefined {
  return holder[KEY];
}

/** Refuses a built-in-only path while an external simulator is set. */
export function requireBuiltIn(what: string): void {
  if (holder[KEY] !== undefined) throw new NotCarriedError(what);
}
