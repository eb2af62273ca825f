import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ClaimResult } from "../../src/claims/runner.js";
import { resultsText } from "../../src/cli/claimsText.js";
import { FIXTURE_CLAIMS, lines, runCli } from "./runCli.js";

/** T97: rare failures at seed-dependent case indices (test/cli/fixtures/shardClaims/T97.ts). */
const SHARD_CLAIMS = fileURLToPath(new URL("./fixtures/shardClaims/", import.meta.url));
const CHECK = ["check", "--properties-dir", FIXTURE_CLAIMS, "--threads", "1"] as const;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "ubias-merge-"));
}

/** Runs `args --shard i/n --json` for i = 1..n; returns the files written (and exit codes). */
async function writeShards(args: readonly string[], n: number, dir = tempDir()) {
  const files: string[] = [];
  const codes: number[] = [];
  for (let i = 1; i <= n; i++) {
    const { code, stdout, stderr } = await runCli([...args, "--shard", `${i}/${n}`, "--json"]);
    expect(stderr).not.toMatch(/^ubias:/m);
    const file = join(dir, `shard-${i}.json`);
    writeFileSync(file, stdout);
    files.push(file);
    codes.push(code);
  }
  return { files, codes };
}

/** JSON results without the wall-clock seconds. */
function withoutSeconds(results: readonly ClaimResult[]): unknown[] {
  return results.map(({ seconds: _, ...rest }) => rest);
}

/** `merge` must print exactly what the unsharded `check` prints (seconds aside), same exit. */
async function expectMergeEqualsUnsharded(args: readonly string[], n: number) {
  const whole = await runCli([...args, "--json"]);
  const wholeText = await runCli([...args]);
  const { files } = await writeShards(args, n);
  const merged = await runCli(["merge", ...files, "--json"]);
  expect(merged.stderr).toBe("");
  expect(merged.code).toBe(whole.code);
  const mergedResults = JSON.parse(merged.stdout) as ClaimResult[];
  const wholeResults = JSON.parse(whole.stdout) as ClaimResult[];
  expect(withoutSeconds(mergedResults)).toEqual(withoutSeconds(wholeResults));
  // Key order too: the JSON text is the same once the seconds are the same.
  const sameSeconds = wholeResults.map((r, k) => ({ ...r, seconds: mergedResults[k]!.seconds }));
  expect(`${JSON.stringify(sameSeconds, null, 2)}\n`).toBe(merged.stdout);
  // The table: the unsharded text with the merged seconds.
  const mergedText = await runCli(["merge", ...files]);
  expect(mergedText.code).toBe(wholeText.code);
  expect(mergedText.stdout).toBe(resultsText(sameSeconds, wholeResults[0]?.seed ?? 0));
  return { whole: wholeResults, merged: mergedResults, files };
}

describe("ubias check --shard i/n and ubias merge", () => {
  it("merged shards equal the unsharded run: a holding and a failing claim (T98, T99)", async () => {
    const { merged, files } = await expectMergeEqualsUnsharded(CHECK, 3);
    expect(merged.map((r) => [r.id, r.holds])).toEqual([
      ["T98", true],
      ["T99", false],
    ]);
    expect(merged[1]!.counterexample?.verdict).toMatchObject({ details: { n: 501 } });
    // Seconds are the sum over the shards.
    const shardSeconds = files.map(
      (f) => (JSON.parse(readFileSync(f, "utf8")) as { claims: ClaimResult[] }).claims[1]!.seconds,
    );
    expect(merged[1]!.seconds).toBeCloseTo(
      shardSeconds.reduce((a, b) => a + b, 0),
      12,
    );
  });

  it("exit 0 when the claims hold; a shard's own exit code is its block's", async () => {
    const args = [...CHECK, "--claim", "T98", "--runs", "25"];
    const { whole } = await expectMergeEqualsUnsharded(args, 2);
    expect(whole[0]!.casesRun).toBe(25);
    const { codes } = await writeShards([...CHECK, "--claim", "T99"], 2);
    expect(codes).toEqual([1, 1]);
  });

  it("the first failure in a later shard: its shrunk counterexample and replay are the run's", async () => {
    // Seed 23: T97's first failing case is in shard 2 of 3 and shard 3 fails as well.
    const args = ["check", "--properties-dir", SHARD_CLAIMS, "--threads", "1", "--seed", "23"];
    const { files } = await writeShards(args, 3);
    const records = files.map(
      (f) =>
        (JSON.parse(readFileSync(f, "utf8")) as { claims: { shard: { firstFailure?: number } }[] })
          .claims[0]!.shard,
    );
    expect(records[0]!.firstFailure).toBeUndefined();
    expect(records[1]!.firstFailure).toBeDefined();
    expect(records[2]!.firstFailure).toBeDefined();
    const { merged } = await expectMergeEqualsUnsharded(args, 3);
    expect(merged[0]!.counterexample?.case).toBe(700);
    expect(merged[0]!.counterexample?.path.split(":")[0]).toBe(String(records[1]!.firstFailure));
    expect(Object.keys(merged[0]!.outOfDomainReasons).length).toBe(2);
  });

  it("a shard's results do not depend on --threads", async () => {
    const base = ["check", "--properties-dir", FIXTURE_CLAIMS, "--shard", "2/3", "--json"];
    const one = JSON.parse((await runCli([...base, "--threads", "1"])).stdout);
    const two = JSON.parse((await runCli([...base, "--threads", "2"])).stdout);
    const strip = (d: { claims: ClaimResult[] }) => ({ ...d, claims: withoutSeconds(d.claims) });
    expect(strip(two)).toEqual(strip(one));
  });

  it("without --json a shard prints its block's table and says it is one shard", async () => {
    const { code, stdout } = await runCli([...CHECK, "--claim", "T98", "--shard", "1/2"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^T98\s.*\s20\s.*holds$/m);
    expect(stdout).toContain("Shard 1/2: these counts cover only this shard's block");
  });

  it("merge --save-counterexample writes the fixture check --save-counterexample writes", async () => {
    const dir = tempDir();
    const args = [...CHECK, "--claim", "T99"];
    await runCli([...args, "--save-counterexample", join(dir, "whole.json")]);
    const { files } = await writeShards(args, 2, dir);
    const saved = await runCli([
      "merge",
      ...files,
      "--save-counterexample",
      join(dir, "merged.json"),
    ]);
    expect(saved.code).toBe(1);
    expect(saved.stderr).toContain("saved counterexample of T99");
    expect(readFileSync(join(dir, "merged.json"), "utf8")).toBe(
      readFileSync(join(dir, "whole.json"), "utf8"),
    );
  });

  it("conjecture --shard: merged shards equal the unsharded conjecture", async () => {
    const args = ["conjecture", "--predict", "1 + (sigmaA - sigmaB)", "--runs", "6"];
    const whole = await runCli([...args, "--json"]);
    const { files } = await writeShards(args, 2);
    const merged = await runCli(["merge", ...files, "--json"]);
    expect(merged.code).toBe(whole.code);
    const { seconds: _a, ...wholeResult } = JSON.parse(whole.stdout);
    const { seconds: _b, ...mergedResult } = JSON.parse(merged.stdout);
    expect(mergedResult).toEqual(wholeResult);
    expect(mergedResult.counterexample.replay).toMatch(/^npx ubias conjecture --predict /);
    const seconds = (t: string) => t.replace(/^(seconds\s+)\d+\.\d\d$/m, "$1…");
    const text = await runCli(["merge", ...files]);
    expect(text.code).toBe(whole.code);
    expect(seconds(text.stdout)).toBe(seconds((await runCli(args)).stdout));
    expect(text.stdout).toContain(`replay: ${mergedResult.counterexample.replay}`);
  });
});

describe("bad input: one line, exit 2, nothing on stdout", () => {
  async function expectRefusal(args: readonly string[], message: RegExp) {
    const { code, stdout, stderr } = await runCli(args);
    expect(code, stderr).toBe(2);
    expect(stdout).toBe("");
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(message);
  }

  it.each([
    ["0/3", /^ubias: --shard: i must be an integer in \[1, n\] \(1-based\), got "0\/3"$/m],
    ["4/3", /^ubias: --shard: i must be an integer in \[1, n\]/],
    [
      "a/b",
      /^ubias: --shard: must be i\/n with integers 1 <= i <= n \(e\.g\. 1\/3\), got "a\/b"$/m,
    ],
  ])("check --shard %s", async (raw, message) => {
    await expectRefusal([...CHECK, "--shard", raw], message);
  });

  it("conjecture --shard a/b, and --shard with --path, --save-counterexample or --list", async () => {
    await expectRefusal(["conjecture", "--predict", "1", "--shard", "a/b"], /^ubias: --shard: /);
    await expectRefusal(
      [...CHECK, "--claim", "T99", "--path", "0", "--shard", "1/2"],
      /^ubias: --shard: cannot be combined with --path/,
    );
    await expectRefusal(
      [...CHECK, "--shard", "1/2", "--save-counterexample"],
      /^ubias: --save-counterexample: cannot be combined with --shard/,
    );
    await expectRefusal(
      ["check", "--properties-dir", FIXTURE_CLAIMS, "--list", "--shard", "1/2"],
      /^ubias: --shard: cannot be combined with --list/,
    );
  });

  it("merge refuses unreadable, malformed, mismatched, duplicate and missing shards", async () => {
    const dir = tempDir();
    const { files } = await writeShards([...CHECK, "--claim", "T98", "--runs", "9"], 3, dir);
    const other = join(dir, "seed7.json");
    writeFileSync(
      other,
      (
        await runCli([
          ...CHECK,
          "--claim",
          "T98",
          "--runs",
          "9",
          "--seed",
          "7",
          "--shard",
          "2/3",
          "--json",
        ])
      ).stdout,
    );
    const garbage = join(dir, "garbage.json");
    writeFileSync(garbage, "not json");
    const table = join(dir, "table.json");
    writeFileSync(
      table,
      (await runCli([...CHECK, "--claim", "T98", "--runs", "9", "--json"])).stdout,
    );
    const [s1, s2, s3] = files as [string, string, string];
    await expectRefusal(
      ["merge", s1, join(dir, "nope.json")],
      /^ubias: .*nope\.json: cannot read the shard file: ENOENT$/m,
    );
    await expectRefusal(["merge", garbage], /^ubias: .*garbage\.json: not JSON \(/);
    await expectRefusal(["merge", s1, table], /^ubias: .*table\.json: not a shard file/);
    await expectRefusal(
      ["merge", s1, other, s3],
      /^ubias: .*seed7\.json: seed 7 differs from .*shard-1\.json's 20240527 \(not a shard of the same run\)$/m,
    );
    await expectRefusal(
      ["merge", s1, s2, s2, s3],
      /^ubias: .*shard-2\.json: shard 2\/3 is also in /,
    );
    await expectRefusal(["merge", s1, s3], /^ubias: merge: shard 2\/3 missing \(got 2 of 3\)$/m);
    await expectRefusal(["merge"], /^ubias: .*missing required argument/);
  });
});
