import { InputError } from "../errors/inputError.js";

/**
 * fast-check's message for a path that does not lead to a case of this arbitrary and seed
 * (an index beyond a shrink stream, or a path of another claim): the user's path is wrong.
 */
const UNABLE_TO_REPLAY = /^Unable to replay/;

/**
 * Runs `check` (a claim check that may replay `path`); a path that fast-check cannot follow
 * becomes an InputError on `--path` (exit 2) instead of an internal error.
 */
export function replayed<T>(path: string | undefined, id: string, seed: number, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (path !== undefined && error instanceof Error && UNABLE_TO_REPLAY.test(error.message)) {
      throw new InputError(
        "--path",
        `does not lead to a case of ${id} with seed ${seed} (replay a path with the claim, seed and options that printed it)`,
      );
    }
    throw error;
  }
}
