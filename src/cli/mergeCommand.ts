import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { theoremsHold } from "../claims/claimResult.js";
import { counterexampleFixture } from "../claims/counterexampleFixture.js";
import type { ClaimResult } from "../claims/runner.js";
import { InputError } from "../errors/inputError.js";
import { formatJson } from "../format/json.js";
import { resultsText, resultText, verdictWord } from "./claimsText.js";
import type { CommandContext } from "./io.js";
import { requireWritable } from "./outputFile.js";
import { packageVersion, saveCounterexamples } from "./saveCounterexample.js";
import type { ShardDocument, ShardFile } from "./shardFile.js";
import { checkShardSet, mergeShardFiles, parseShardFile } from "./shardFile.js";

interface MergeOptionValues {
  readonly json?: boolean;
  readonly saveCounterexample?: string | true;
}

function readShardFile(file: string): ShardFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(file, `cannot read the shard file: ${code}`);
  }
  return { file, document: parseShardFile(text, file) };
}

/** stdout of the merged run: what the sharded command prints without --shard. */
function mergedOutput(document: ShardDocument, results: readonly ClaimResult[], json: boolean) {
  if (document.command === "check")
    return json ? formatJson(results) : resultsText(results, document.seed);
  const result = results[0]!;
  return json
    ? formatJson({ ...result, verdict: verdictWord(result) })
    : resultText(result, result.counterexample?.replay);
}

/** The exit code of the sharded command without --shard: 0, or 1 when a theorem fails. */
function mergedExitCode(document: ShardDocument, results: readonly ClaimResult[]): number {
  if (document.command === "check") return theoremsHold(results) ? 0 : 1;
  return verdictWord(results[0]!) === "holds" ? 0 : 1;
}

const MERGE_HELP = `
Combines the --json outputs of "ubias check --shard i/n" (or "ubias conjecture --shard i/n"),
one file per shard, into the output of the same command without --shard: the same claims
table (or --json), the same shrunk counterexample and replay command, the same exit code.
Counts are summed over the shards' disjoint blocks of cases; the worst case is the largest
|error|/tol (the earliest case on a tie) and the counterexample that of the lowest failing
case index, as in the unsharded run; seconds are the sum over the shards (CPU time of the
hunt, not wall-clock time).

Every shard 1..n of one run must be given once; shards of another seed, --runs, claim set,
conjecture or ubias version, duplicates, missing shards and malformed files are refused
(exit 2, one line naming the file). README "Beyond one machine" shows a CI matrix and a
Slurm job array.

Exit codes: 0 all claims (T series) hold, 1 a claim fails, 2 bad input, 3 internal error.`;

export function registerMerge(program: Command, context: CommandContext): void {
  program
    .command("merge")
    .description("combine the --json outputs of check --shard i/n (all n shards) into one run")
    .argument("<shard.json...>", "the shard files, one per shard, in any order")
    .option("--json", "print the merged results as JSON, as check --json does")
    .option(
      "--save-counterexample [file]",
      "save each failure as a JSON fixture, as check --save-counterexample does",
    )
    .addHelpText("after", MERGE_HELP)
    .action((files: string[], options: MergeOptionValues) => {
      if (typeof options.saveCounterexample === "string")
        requireWritable(options.saveCounterexample, "--save-counterexample");
      const shards = checkShardSet(files.map(readShardFile));
      const document = shards[0]!.document;
      const results = mergeShardFiles(shards);
      const { io } = context;
      io.stdout(mergedOutput(document, results, options.json === true));
      if (options.saveCounterexample !== undefined) {
        const fixtures = results.flatMap((r) => {
          const f = counterexampleFixture(
            r,
            document.source,
            r.counterexample?.replay ?? "",
            packageVersion(),
          );
          return f ? [f] : [];
        });
        for (const line of saveCounterexamples(fixtures, options.saveCounterexample))
          io.stderr(`${line}\n`);
      }
      context.setExitCode(mergedExitCode(document, results));
    });
}
