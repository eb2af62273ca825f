import type { Claim } from "../claims/claim.js";
import type { ClaimResult } from "../claims/runner.js";
import { checkClaim } from "../claims/runner.js";
import type { Shard } from "../claims/shard.js";
import { loadClaimSet } from "../claims/userClaims.js";
import type { Json } from "../format/json.js";
import type { JobSource, JobTask } from "../parallel/jobSource.js";

/**
 * Input of a claim job: where the claims live and how to check them (as `ubias check`).
 * A type (not an interface) so that it is plain JSON to the compiler: it crosses to a
 * worker without a cast.
 */
export type ClaimJobInput = {
  /** Absolute directory of the claim files (properties/ by default). */
  readonly dir: string;
  /** Absolute directory of the user's claim files (`--claims`), loaded beside `dir`. */
  readonly userDir?: string;
  readonly seed: number;
  /** Cases per claim (default: the claim's own defaultRuns). */
  readonly runs?: number;
  /** `ubias check --shard`: check only this shard's block of the claim's cases. */
  readonly shard?: Shard;
  /** `ubias check --budget`: seconds per claim after which no new case starts. */
  readonly budgetSeconds?: number;
};

/** Where worker threads find claim jobs: `claimJob` of this module (job key = claim ID). */
export const CLAIM_SOURCE: JobSource = {
  module: import.meta.url,
  resolver: "claimJob",
};

/**
 * Each thread loads a catalogue (built-in directory and the user's) once, however many of its
 * claims it checks. The user's files load here as in the main thread (src/claims/userClaims.ts):
 * a worker shares no modules with it.
 */
const catalogues = new Map<string, Promise<Claim<unknown>[]>>();

function catalogueOf(dir: string, userDir: string | undefined): Promise<Claim<unknown>[]> {
  const key = JSON.stringify([dir, userDir ?? null]);
  let catalogue = catalogues.get(key);
  if (catalogue === undefined) {
    catalogue = loadClaimSet({ dir, ...(userDir !== undefined ? { userDir } : {}) });
    catalogues.set(key, catalogue);
  }
  return catalogue;
}

/**
 * The job checking claim `id` (one claim per job: claims are independent, so the claims of
 * a report spread over threads). Its result is the ClaimResult of `checkClaim`, the same
 * object `ubias check` prints; it is a pure function of (claim, seed, runs) apart from
 * `seconds`.
 */
export function claimJob(id: string): JobTask {
  return {
    async runJob(input: Json) {
      // The one narrowing: claim jobs are built by reportRun/checkCommand from ClaimJobInput.
      const { dir, userDir, seed, runs, shard, budgetSeconds } = input as ClaimJobInput;
      const claim = (await catalogueOf(dir, userDir)).find((c) => c.id === id);
      if (claim === undefined)
        throw new Error(`no claim ${id} in ${dir}${userDir ? ` or ${userDir}` : ""}`);
      const result: ClaimResult = checkClaim(claim, {
        seed,
        ...(runs !== undefined ? { runs } : {}),
        ...(shard !== undefined ? { shard } : {}),
        ...(budgetSeconds !== undefined ? { budgetSeconds } : {}),
      });
      return result as unknown as Json;
    },
  };
}
