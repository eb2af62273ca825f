import { InputError } from "../errors/inputError.js";
import { parseNumber } from "./parse.js";

/** `ubias check --budget SECONDS` (issue 15 item 6): a time budget per claim for slow simulators. */
export const BUDGET_HELP =
  "seconds per claim after which no new case starts (for a slow --simulator); the cases run are the first of the seeded ones, how many depends on the machine";

/**
 * `--budget`: a positive number of seconds, not with a replay (one case) or a shard (shards are
 * fixed blocks of cases that `ubias merge` adds up).
 */
export function budgetOption(
  value: string | undefined,
  options: { readonly path?: string; readonly shard?: string },
): number | undefined {
  if (value === undefined) return undefined;
  const seconds = parseNumber("--budget", value);
  if (!(seconds > 0 && seconds <= 31_536_000))
    throw new InputError("--budget", `must be in (0, 31536000] seconds, got ${value}`);
  if (options.path !== undefined)
    throw new InputError("--budget", "cannot be combined with --path (a replay runs one case)");
  if (options.shard !== undefined)
    throw new InputError(
      "--budget",
      "cannot be combined with --shard (a shard is a fixed block of cases)",
    );
  return seconds;
}
