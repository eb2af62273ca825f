import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Claim } from "../claims/claim.js";
import type { CounterexampleSource } from "../claims/counterexampleFixture.js";
import type { ClaimResult } from "../claims/runner.js";
import type { ClaimDirs } from "../claims/userClaims.js";
import { loadClaimSet } from "../claims/userClaims.js";
import { InputError } from "../errors/inputError.js";
import { PROPERTIES_DIR } from "./propertiesDir.js";
import { portableDir } from "./saveCounterexample.js";

/*
 * `--claims <dir>` of `ubias check` and `ubias report` (issue 14 item 4): the user's claim
 * files, loaded beside the built-in catalogue (src/claims/userClaims.ts). The commands share
 * the option's text, the directories' resolution and what a replay command must repeat.
 */

/** Help text of `--claims <dir>`. */
export const CLAIMS_OPTION_HELP =
  'directory of your own claim files (.ts, .js; files starting with "_" are helpers), checked with the built-in claims';

/** Environment variable naming another built-in claims directory (as the hidden --properties-dir). */
export const PROPERTIES_DIR_ENV = "UBIAS_PROPERTIES_DIR";

/**
 * The absolute claim directories of a command: the built-in one (`--properties-dir`,
 * UBIAS_PROPERTIES_DIR, else properties/) and the user's `--claims`. Absolute: the catalogue
 * builds file:// URLs from them, and worker threads receive them as they are.
 */
export function claimDirs(options: { propertiesDir?: string; claims?: string }): ClaimDirs {
  const dir = resolve(options.propertiesDir ?? process.env[PROPERTIES_DIR_ENV] ?? PROPERTIES_DIR);
  return options.claims === undefined ? { dir } : { dir, userDir: resolve(options.claims) };
}

/** The claims of both directories; a missing directory is an InputError naming its option. */
export async function loadCommandClaims(dirs: ClaimDirs): Promise<Claim<unknown>[]> {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dirs.dir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError("--properties-dir", `cannot read ${dirs.dir}: ${code}`);
  }
  if (!isDirectory) throw new InputError("--properties-dir", `${dirs.dir} is not a directory`);
  return loadClaimSet(dirs);
}

/**
 * A replay command must load the user's claims again: with `--claims`, every printed replay
 * names the directory (absolute, so that it replays from any working directory).
 */
export function withClaimsDirInReplay(
  result: ClaimResult,
  userDir: string | undefined,
  quote: (word: string) => string,
): ClaimResult {
  const counterexample = result.counterexample;
  if (!counterexample || userDir === undefined) return result;
  const replay = `${counterexample.replay} --claims ${quote(userDir)}`;
  return { ...result, counterexample: { ...counterexample, replay } };
}

/** How a saved counterexample rebuilds its claim: the catalogue and the user's directory. */
export function catalogueSource(dirs: ClaimDirs): CounterexampleSource {
  return {
    kind: "catalogue",
    ...(dirs.dir === resolve(PROPERTIES_DIR) ? {} : { propertiesDir: portableDir(dirs.dir) }),
    ...(dirs.userDir === undefined ? {} : { claimsDir: portableDir(dirs.userDir) }),
  };
}
