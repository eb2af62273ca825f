import type { CounterexampleSource } from "../claims/counterexampleFixture.js";
import type { ShardClaimResult } from "../claims/mergeShards.js";
import { mergeClaimShards } from "../claims/mergeShards.js";
import type { ClaimResult } from "../claims/runner.js";
import type { Shard } from "../claims/shard.js";
import { MAX_SHARDS, shardCases } from "../claims/shard.js";
import { InputError } from "../errors/inputError.js";
import { InternalError } from "../errors/internalError.js";
import { packageVersion } from "./saveCounterexample.js";

/**
 * The file `ubias check --shard i/n --json` (or `ubias conjecture --shard i/n --json`) prints
 * and `ubias merge` reads: the run's parameters (to refuse shards of different runs) and
 * each claim's ClaimResult over the shard's block with its ShardRecord (src/claims/shard.ts).
 */
export const SHARD_FORMAT = "ubias-shard/1";

/** The commands that shard; merge renders their output. */
export type ShardedCommand = "check" | "conjecture";

export interface ShardDocument {
  readonly format: typeof SHARD_FORMAT;
  readonly command: ShardedCommand;
  /** The package version that wrote it: shards of different versions are not merged. */
  readonly ubiasVersion: string;
  readonly seed: number;
  /** --runs as given; null: each claim's own defaultRuns (each claim's result has its runs). */
  readonly runs: number | null;
  readonly shard: Shard;
  /** Where the claims come from, as in a counterexample fixture (merge --save-counterexample). */
  readonly source: CounterexampleSource;
  readonly claims: readonly ShardClaimResult[];
}

/** A shard document with the file it was read from. */
export interface ShardFile {
  readonly file: string;
  readonly document: ShardDocument;
}

/** The document of one shard's run: `claims` are results of checkClaim with CheckOptions.shard. */
export function shardDocument(run: {
  readonly command: ShardedCommand;
  readonly seed: number;
  readonly runs: number | undefined;
  readonly shard: Shard;
  readonly source: CounterexampleSource;
  readonly claims: readonly ClaimResult[];
}): ShardDocument {
  const claims = run.claims.map((claim) => {
    if (claim.shard === undefined)
      throw new InternalError(`shardDocument: ${claim.id} was not sharded`);
    return claim as ShardClaimResult;
  });
  return {
    format: SHARD_FORMAT,
    command: run.command,
    ubiasVersion: packageVersion(),
    seed: run.seed,
    runs: run.runs ?? null,
    shard: run.shard,
    source: run.source,
    claims,
  };
}

// ---- Reading one file: every field merge uses is checked, naming the file and the field.

type Fields = Readonly<Record<string, unknown>>;

class Malformed extends Error {}

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function object(value: unknown, where: string): Fields {
  if (!isObject(value)) throw new Malformed(`${where} is not an object`);
  return value;
}

/** "claims[0].id", or "ubiasVersion" at the top level. */
function fieldName(where: string, key: string): string {
  return where === "" ? key : `${where}.${key}`;
}

function string(fields: Fields, key: string, where: string): string {
  const value = fields[key];
  if (typeof value !== "string") throw new Malformed(`${fieldName(where, key)} is not a string`);
  return value;
}

function boolean(fields: Fields, key: string, where: string): boolean {
  const value = fields[key];
  if (typeof value !== "boolean") throw new Malformed(`${fieldName(where, key)} is not a boolean`);
  return value;
}

function count(value: unknown, where: string, min = 0): number {
  if (!Number.isSafeInteger(value) || (value as number) < min)
    throw new Malformed(`${where} is not an integer >= ${min}`);
  return value as number;
}

function counts(value: unknown, where: string): void {
  const fields = object(value, where);
  for (const [key, item] of Object.entries(fields)) count(item, `${where}[${JSON.stringify(key)}]`);
}

/** A statistical claim's result: `merge` re-judges the summed counts with its design. */
function statisticalDesign(value: unknown, where: string): void {
  const design = object(object(value, where).design, `${where}.design`);
  string(design, "event", `${where}.design`);
  const { arms, hypotheses, confidence } = design;
  if (!Array.isArray(arms) || arms.length === 0 || !arms.every((a) => typeof a === "string"))
    throw new Malformed(`${where}.design.arms is not a non-empty list of names`);
  if (!Array.isArray(hypotheses) || hypotheses.length === 0)
    throw new Malformed(`${where}.design.hypotheses is not a non-empty list`);
  if (!(typeof confidence === "number" && confidence > 0 && confidence < 1))
    throw new Malformed(`${where}.design.confidence is not a number in (0, 1)`);
}

/** One claim's result in a shard of `shard` (its record must describe that shard's block). */
function checkClaimResult(value: unknown, where: string, shard: Shard, seed: number): void {
  const r = object(value, where);
  for (const key of ["id", "statement", "domain", "tolerance"]) string(r, key, where);
  boolean(r, "holds", where);
  boolean(r, "conjecture", where);
  if (r.seed !== seed) throw new Malformed(`${where}.seed is not the file's seed ${seed}`);
  const runs = count(r.runs, `${where}.runs`, 1);
  const casesRun = count(r.casesRun, `${where}.casesRun`);
  count(r.outOfDomain, `${where}.outOfDomain`);
  const failures = count(r.failures, `${where}.failures`);
  counts(r.outOfDomainReasons, `${where}.outOfDomainReasons`);
  counts(r.tags, `${where}.tags`);
  if (typeof r.seconds !== "number") throw new Malformed(`${where}.seconds is not a number`);
  if (r.worst !== undefined) object(r.worst, `${where}.worst`);
  if (r.statistical !== undefined) statisticalDesign(r.statistical, `${where}.statistical`);
  if (r.counterexample !== undefined) {
    const cx = object(r.counterexample, `${where}.counterexample`);
    string(cx, "path", `${where}.counterexample`);
    string(cx, "replay", `${where}.counterexample`);
    count(cx.shrinks, `${where}.counterexample.shrinks`);
  }
  const at = `${where}.shard`;
  const record = object(r.shard, at);
  if (record.index !== shard.index || record.count !== shard.count)
    throw new Malformed(`${at} is not the file's shard ${shard.index}/${shard.count}`);
  const cases = object(record.cases, `${at}.cases`);
  const expected = shardCases(shard, runs);
  if (cases.start !== expected.start || cases.end !== expected.end) {
    throw new Malformed(
      `${at}.cases is not shard ${shard.index}/${shard.count}'s block [${expected.start}, ${expected.end}) of ${runs} cases`,
    );
  }
  if (casesRun !== expected.end - expected.start)
    throw new Malformed(`${where}.casesRun is not the size of the block`);
  const inBlock = (key: string) => {
    if (record[key] === undefined) return;
    const k = count(record[key], `${at}.${key}`);
    if (k < expected.start || k >= expected.end)
      throw new Malformed(`${at}.${key} is outside the block`);
  };
  inBlock("firstFailure");
  inBlock("worstIndex");
  if ((record.firstFailure === undefined) !== (failures === 0))
    throw new Malformed(`${at}.firstFailure disagrees with ${where}.failures`);
  if ((record.worstIndex === undefined) !== (r.worst === undefined))
    throw new Malformed(`${at}.worstIndex disagrees with ${where}.worst`);
  const score = record.worstScore;
  // null: an infinite score (toJson writes non-finite numbers as null).
  if (score !== undefined && score !== null && !(typeof score === "number" && score >= 0))
    throw new Malformed(`${at}.worstScore is not a number >= 0 or null`);
  counts(record.reasonFirst, `${at}.reasonFirst`);
  counts(record.tagFirst, `${at}.tagFirst`);
}

/**
 * The shard document in `text` (the contents of `file`); an InputError naming the file
 * and what is wrong (exit 2, one line) when it is not JSON, not a shard file of this format,
 * or malformed.
 */
export function parseShardFile(text: string, file: string): ShardDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new InputError(file, `not JSON (${message})`);
  }
  if (!isObject(value) || value.format === undefined) {
    throw new InputError(
      file,
      `not a shard file (no "format": "${SHARD_FORMAT}"; write one with ubias check --shard i/n --json)`,
    );
  }
  if (value.format !== SHARD_FORMAT) {
    throw new InputError(
      file,
      `format ${JSON.stringify(value.format)} is not ${JSON.stringify(SHARD_FORMAT)} (written by another ubias version?)`,
    );
  }
  try {
    const command = value.command;
    if (command !== "check" && command !== "conjecture")
      throw new Malformed(`command ${JSON.stringify(command)} is not "check" or "conjecture"`);
    string(value, "ubiasVersion", "");
    const seed = count(value.seed, "seed");
    if (value.runs !== null) count(value.runs, "runs", 1);
    const shardFields = object(value.shard, "shard");
    const total = count(shardFields.count, "shard.count", 1);
    if (total > MAX_SHARDS) throw new Malformed(`shard.count is above ${MAX_SHARDS}`);
    const index = count(shardFields.index, "shard.index", 1);
    if (index > total) throw new Malformed(`shard.index ${index} is above shard.count ${total}`);
    object(value.source, "source");
    if (!Array.isArray(value.claims)) throw new Malformed("claims is not an array");
    value.claims.forEach((claim, i) => {
      checkClaimResult(claim, `claims[${i}]`, { index, count: total }, seed);
      const runs = (claim as Fields).runs;
      if (value.runs !== null && runs !== value.runs)
        throw new Malformed(`claims[${i}].runs is not the file's runs ${String(value.runs)}`);
    });
    if (command === "conjecture" && value.claims.length !== 1)
      throw new Malformed("a conjecture shard has one claim");
  } catch (error) {
    if (error instanceof Malformed)
      throw new InputError(file, `malformed shard file: ${error.message}`);
    throw error;
  }
  return value as unknown as ShardDocument;
}

// ---- The set of files: one run, every shard once.

/** What must be equal in every shard of one run, as [name, value] (compared as JSON). */
function runParameters(document: ShardDocument): [string, unknown][] {
  return [
    ["command", document.command],
    ["ubias version", document.ubiasVersion],
    ["seed", document.seed],
    ["runs", document.runs],
    ["shard count n", document.shard.count],
    // A conjecture's options define its claim; catalogue claims are compared one by one
    // below (their directory may sit at another path on another machine).
    ["conjecture options", document.source.kind === "conjecture" ? document.source : null],
    ["claim IDs", document.claims.map((c) => c.id)],
  ];
}

/** A claim's parameters: what makes two shards' results parts of one claim's run. */
function claimParameters(result: ClaimResult): unknown {
  const { id, statement, domain, tolerance, runs, seed, conjecture } = result;
  return { id, statement, domain, tolerance, runs, seed, conjecture };
}

/**
 * Checks that `files` are the n shards of one run, each once; returns them in shard order.
 * The first mismatch is an InputError naming the file (or "merge" for a missing shard).
 */
export function checkShardSet(files: readonly ShardFile[]): ShardFile[] {
  const first = files[0];
  if (first === undefined) throw new InputError("merge", "needs the shard files to combine");
  const expected = runParameters(first.document);
  const byIndex = new Map<number, ShardFile>();
  for (const entry of files) {
    const parameters = runParameters(entry.document);
    parameters.forEach(([name, value], k) => {
      const want = expected[k]![1];
      if (JSON.stringify(value) !== JSON.stringify(want)) {
        throw new InputError(
          entry.file,
          `${name} ${JSON.stringify(value)} differs from ${first.file}'s ${JSON.stringify(want)} (not a shard of the same run)`,
        );
      }
    });
    entry.document.claims.forEach((claim, k) => {
      const want = first.document.claims[k]!;
      if (JSON.stringify(claimParameters(claim)) !== JSON.stringify(claimParameters(want))) {
        throw new InputError(
          entry.file,
          `claim ${claim.id} (statement, domain, tolerance or runs) differs from ${first.file}'s (not a shard of the same run)`,
        );
      }
    });
    const { index, count } = entry.document.shard;
    const other = byIndex.get(index);
    if (other !== undefined) {
      throw new InputError(entry.file, `shard ${index}/${count} is also in ${other.file}`);
    }
    byIndex.set(index, entry);
  }
  const n = first.document.shard.count;
  const missing: number[] = [];
  for (let i = 1; i <= n; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length > 0) {
    const listed = missing.slice(0, 5).map((i) => `${i}/${n}`);
    const more = missing.length > 5 ? ` and ${missing.length - 5} more` : "";
    throw new InputError(
      "merge",
      `shard${missing.length === 1 ? "" : "s"} ${listed.join(", ")}${more} missing (got ${byIndex.size} of ${n})`,
    );
  }
  return [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
}

/** The run's results from its complete, checked set of shards (catalogue order kept). */
export function mergeShardFiles(files: readonly ShardFile[]): ClaimResult[] {
  const first = files[0];
  if (first === undefined) return [];
  return first.document.claims.map((_, k) =>
    mergeClaimShards(files.map((f) => f.document.claims[k]!)),
  );
}
