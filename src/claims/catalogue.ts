import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { importModule } from "../runtime/modules.js";
import type { Claim } from "./claim.js";

/*
 * The catalogue: every claim exported by a file `<dir>/<ID>.ts` (or its compiled `<ID>.js`:
 * dist/properties/ when ubias runs compiled; no registration list). The
 * caller names the directory: the CLI passes the repository's properties/ (src/cli/
 * propertiesDir.ts) or the user's --properties-dir; nothing here knows where claims live.
 */

/**
 * A claim file is named after its ID: docs/theory.md's T1.ts, T2.ts, X3.ts, ..., or a user
 * conjecture U1.ts, U2.ts, ... (README "Add a conjecture"), in TypeScript or JavaScript
 * (.ts, .mts, .js, .mjs: the build compiles properties/T1.ts to dist/properties/T1.js beside
 * its declaration file T1.d.ts, which is not a claim file). Other files (helpers) are not
 * loaded. A TypeScript claim file loaded by the compiled CLI registers tsx first
 * (runtime/modules.ts).
 */
const CLAIM_FILE = /^[TUX]\d+[\w.-]*\.m?[jt]s$/;
const DECLARATION_FILE = /\.d\.m?ts$/;

export function isClaim(value: unknown): value is Claim<unknown> {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<Claim<unknown>>;
  return (
    typeof v.id === "string" &&
    typeof v.check === "function" &&
    typeof v.statement === "string" &&
    v.arbitrary !== undefined
  );
}

/** A claim of a catalogue and the file that exports it (named in duplicate-ID errors). */
export interface CatalogueEntry {
  readonly claim: Claim<unknown>;
  /** Absolute path of the claim file. */
  readonly file: string;
}

/**
 * Loads every claim of the claim files directly under `dir` (a path, absolute or relative to
 * the working directory), ordered by ID (T1 < T2 < T2.convergence < T10 < X1).
 */
export async function loadCatalogue(dir: string): Promise<Claim<unknown>[]> {
  const entries = await loadCatalogueEntries(dir);
  const ids = new Set<string>();
  for (const { claim } of entries) {
    if (ids.has(claim.id)) throw new Error(`two claims share the id ${claim.id}`);
    ids.add(claim.id);
  }
  return entries.map((e) => e.claim);
}

/** The claims of `loadCatalogue` with their files, ordered by ID; duplicates are kept. */
export async function loadCatalogueEntries(dir: string): Promise<CatalogueEntry[]> {
  const files = readdirSync(dir).filter((f) => CLAIM_FILE.test(f) && !DECLARATION_FILE.test(f));
  const entries: CatalogueEntry[] = [];
  for (const name of files) {
    const file = resolve(dir, name);
    // pathToFileURL percent-encodes the path: a folder name with "#" or "%" stays a path.
    const module = (await importModule(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const claim of claimsOf(module)) entries.push({ claim, file });
  }
  return entries.sort((a, b) => compareIds(a.claim.id, b.claim.id));
}

/**
 * The claims a module exports, each once: a file may export the same claim under two names
 * (`export const U1 = ...; export default U1`).
 */
export function claimsOf(module: Record<string, unknown>): Claim<unknown>[] {
  return [...new Set(Object.values(module).filter(isClaim))];
}

/** Orders "T2" < "T2.convergence" < "T10" < "X1": series letter, then number, then variant. */
export function compareIds(a: string, b: string): number {
  const parse = (id: string) => {
    const match = /^([A-Z])(\d+)(.*)$/.exec(id);
    return match
      ? { series: match[1]!, number: Number(match[2]), rest: match[3]! }
      : { series: id, number: 0, rest: "" };
  };
  const pa = parse(a);
  const pb = parse(b);
  if (pa.series !== pb.series) return pa.series < pb.series ? -1 : 1;
  if (pa.number !== pb.number) return pa.number - pb.number;
  return pa.rest < pb.rest ? -1 : pa.rest > pb.rest ? 1 : 0;
}

/** Selects claims by ID: "T2" picks T2 and its variants (T2.convergence), "T2.convergence" only that one. */
export function selectClaims(
  claims: readonly Claim<unknown>[],
  ids: readonly string[],
): Claim<unknown>[] {
  if (ids.length === 0) return [...claims];
  return claims.filter((c) => ids.some((id) => c.id === id || c.id.startsWith(`${id}.`)));
}
