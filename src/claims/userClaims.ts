import { readdirSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "../errors/inputError.js";
import { importModule } from "../runtime/modules.js";
import type { CatalogueEntry } from "./catalogue.js";
import { claimsOf, compareIds, loadCatalogueEntries } from "./catalogue.js";
import type { Claim } from "./claim.js";

/*
 * Claims written outside the repository (`ubias check --claims <dir>`, issue 14 item 4): every
 * `.ts`, `.mts`, `.js` or `.mjs` file directly under the user's directory is a claim file, so
 * a user names their files as they like (the built-in catalogue's `<ID>.ts` rule is the
 * repository's convention, not theirs). Files starting with "_" or "." are helpers and are not
 * loaded. The user's claims join the built-in ones: same table, same runner, same replay.
 */

/** The option that names the user's directory: errors of this module name it. */
export const CLAIMS_FIELD = "--claims";

const USER_CLAIM_FILE = /^[^._].*\.(?:m?ts|m?js)$/;
const DECLARATION_FILE = /\.d\.m?ts$/;

/** The claim files of a user's directory, sorted by name (absolute paths). */
export function userClaimFiles(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory())
      throw new InputError(CLAIMS_FIELD, `${shownPath(dir)} is not a directory`);
    names = readdirSync(dir);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(CLAIMS_FIELD, `cannot read ${shownPath(dir)}: ${code}`);
  }
  return names
    .filter((name) => USER_CLAIM_FILE.test(name) && !DECLARATION_FILE.test(name))
    .sort()
    .map((name) => resolve(dir, name));
}

/**
 * Imports one claim file through runtime/modules.ts: a `.ts` file loaded by the compiled CLI
 * registers tsx once, globally and only then (plain JavaScript never loads it). Not tsx's
 * `tsImport`: each of its calls registers a namespaced loader that gives the file private
 * copies of every module it imports — ubias itself included, so the file's claims would run on
 * a second copy of the simulator backend and error classes.
 */
function importClaimFile(file: string): Promise<Record<string, unknown>> {
  return importModule(pathToFileURL(file).href);
}

/** A load error in one line: its first lines (a loader may add a code frame), at most 400 characters. */
function loadErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .slice(0, 3)
    .join(" ");
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}

/**
 * Loads the claims of a user's directory, ordered by ID. A file that cannot be loaded (a
 * syntax error, a failing import, an exception at its top level) or that exports no claim
 * is an InputError naming the file; so is an empty directory.
 */
export async function loadUserClaims(dir: string): Promise<CatalogueEntry[]> {
  const files = userClaimFiles(dir);
  if (files.length === 0) {
    throw new InputError(
      CLAIMS_FIELD,
      `${shownPath(dir)} has no claim file (.ts, .mts, .js or .mjs, not starting with "_" or ".")`,
    );
  }
  const entries: CatalogueEntry[] = [];
  for (const file of files) {
    let module: Record<string, unknown>;
    try {
      module = await importClaimFile(file);
    } catch (error) {
      throw new InputError(
        CLAIMS_FIELD,
        `${shownPath(file)} cannot be loaded: ${loadErrorText(error)}`,
      );
    }
    const claims = claimsOf(module);
    if (claims.length === 0) {
      throw new InputError(
        CLAIMS_FIELD,
        `${shownPath(file)} exports no claim (export the result of defineClaim or defineConjecture from "ubias/claims")`,
      );
    }
    for (const claim of claims) entries.push({ claim, file });
  }
  return entries.sort((a, b) => compareIds(a.claim.id, b.claim.id));
}

/** Where the claims of a run come from: the built-in directory and the user's, if any. */
export interface ClaimDirs {
  /** Absolute directory of the built-in claim files (the CLI's properties/). */
  readonly dir: string;
  /** Absolute directory of the user's claim files (`--claims`). */
  readonly userDir?: string;
}

/**
 * The built-in catalogue and the user's claims as one list ordered by ID. Two claims with one
 * ID (user and built-in, or two user files) are an InputError naming both files.
 */
export async function loadClaimSet(dirs: ClaimDirs): Promise<Claim<unknown>[]> {
  // The user's files first: a mistake in them is reported before the catalogue loads.
  const user = dirs.userDir === undefined ? [] : await loadUserClaims(dirs.userDir);
  const builtIn = await loadCatalogueEntries(dirs.dir);
  const entries = [...builtIn, ...user].sort((a, b) => compareIds(a.claim.id, b.claim.id));
  const seen = new Map<string, string>();
  for (const { claim, file } of entries) {
    const other = seen.get(claim.id);
    if (other !== undefined) {
      const field = user.length > 0 ? CLAIMS_FIELD : "--properties-dir";
      throw new InputError(
        field,
        `claim ID ${claim.id} is defined twice: in ${shownPath(other)} and in ${shownPath(file)}`,
      );
    }
    seen.set(claim.id, file);
  }
  return entries.map((e) => e.claim);
}

/** A path relative to the working directory when inside it, absolute otherwise. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
