import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Claim } from "../../src/claims/claim.js";
import { checkClaim } from "../../src/claims/runner.js";
import type { ShardDocument, ShardFile } from "../../src/cli/shardFile.js";
import {
  checkShardSet,
  mergeShardFiles,
  parseShardFile,
  SHARD_FORMAT,
  shardDocument,
} from "../../src/cli/shardFile.js";
import { InputError } from "../../src/errors/inputError.js";
import { formatJson } from "../../src/format/json.js";

const claim: Claim<number> = {
  id: "T99.file",
  statement: "n/100 within 5",
  domain: "n in [0, 1000]",
  tolerance: "5",
  arbitrary: fc.integer({ min: 0, max: 1000 }),
  defaultRuns: 20,
  check: (n: number) => ({ kind: "measured", error: n / 100, tolerance: 5, details: { n } }),
};

/** Shard i/n of a run of `claim`, as the JSON text `check --shard i/n --json` prints. */
function shardJson(index: number, count: number, seed = 1, runs = 20): string {
  const result = checkClaim(claim, { seed, runs, shard: { index, count } });
  return formatJson(
    shardDocument({
      command: "check",
      seed,
      runs,
      shard: { index, count },
      source: { kind: "catalogue" },
      claims: [result],
    }),
  );
}

/** `text` (JSON) with the field at `path` set to `value`, or deleted when value is undefined. */
function edited(text: string, path: readonly (string | number)[], value?: unknown): string {
  const copy = JSON.parse(text);
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key];
  const last = path[path.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return JSON.stringify(copy);
}

function file(name: string, text: string): ShardFile {
  return { file: name, document: parseShardFile(text, name) };
}

/** The message of the InputError `f` throws (the one line the CLI prints after "ubias: "). */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toContain("\n");
    return (error as Error).message;
  }
  throw new Error("expected an InputError");
}

describe("parseShardFile", () => {
  it("reads what shardDocument writes", () => {
    const document = parseShardFile(shardJson(2, 3), "s2.json");
    expect(document).toMatchObject({
      format: SHARD_FORMAT,
      command: "check",
      seed: 1,
      runs: 20,
      shard: { index: 2, count: 3 },
    });
    expect(document.claims[0]!.shard.cases).toEqual({ start: 6, end: 13 });
  });

  it("refuses what is not a shard file, naming the file", () => {
    expect(refusal(() => parseShardFile("{", "a.json"))).toMatch(/^a\.json: not JSON \(/);
    expect(refusal(() => parseShardFile("[1]", "a.json"))).toMatch(
      /^a\.json: not a shard file \(no "format": "ubias-shard\/1"/,
    );
    expect(refusal(() => parseShardFile('{"format":"ubias-shard/9"}', "a.json"))).toBe(
      'a.json: format "ubias-shard/9" is not "ubias-shard/1" (written by another ubias version?)',
    );
  });

  it("refuses malformed fields, naming the field", () => {
    const good = shardJson(1, 2);
    const broken = (path: readonly (string | number)[], value?: unknown) =>
      refusal(() => parseShardFile(edited(good, path, value), "b.json"));
    expect(broken(["seed"])).toBe("b.json: malformed shard file: seed is not an integer >= 0");
    expect(broken(["shard", "index"], 3)).toMatch(/shard\.index 3 is above shard\.count 2/);
    expect(broken(["command"], "report")).toMatch(/command "report"/);
    expect(broken(["claims"], {})).toMatch(/claims is not an array/);
    expect(broken(["claims", 0, "casesRun"], "10")).toMatch(
      /claims\[0\]\.casesRun is not an integer/,
    );
    expect(broken(["claims", 0, "shard", "cases", "end"], 11)).toMatch(
      /claims\[0\]\.shard\.cases is not shard 1\/2's block \[0, 10\) of 20 cases/,
    );
    expect(broken(["claims", 0, "shard"])).toMatch(/claims\[0\]\.shard is not an object/);
    expect(broken(["claims", 0, "seed"], 2)).toMatch(/claims\[0\]\.seed is not the file's seed/);
    expect(broken(["claims", 0, "outOfDomainReasons"], { x: -1 })).toMatch(
      /outOfDomainReasons\["x"\] is not an integer >= 0/,
    );
    // Shard 1/2 of seed 1 has failures (n > 500 is about half the cases).
    expect(broken(["claims", 0, "shard", "firstFailure"])).toMatch(
      /shard\.firstFailure disagrees with claims\[0\]\.failures/,
    );
  });
});

describe("checkShardSet", () => {
  it("refuses a conjecture's shards of other options", () => {
    const conjecture = (predict: string, index: number) => {
      const result = checkClaim(claim, { seed: 1, runs: 4, shard: { index, count: 2 } });
      const source = { kind: "conjecture" as const, conjecture: { predict, rtol: 0.1 } };
      const document = { command: "conjecture" as const, seed: 1, runs: 4, source };
      const text = formatJson(
        shardDocument({ ...document, shard: { index, count: 2 }, claims: [result] }),
      );
      return file(`${predict}-${index}.json`, text);
    };
    expect(checkShardSet([conjecture("1", 2), conjecture("1", 1)])).toHaveLength(2);
    expect(refusal(() => checkShardSet([conjecture("1", 1), conjecture("2", 2)]))).toMatch(
      /^2-2\.json: conjecture options .*"predict":"2".* differs from 1-1\.json's/,
    );
  });

  const three = [1, 2, 3].map((i) => file(`shard-${i}.json`, shardJson(i, 3)));

  it("returns the complete set in shard order, whatever the order given", () => {
    const set = checkShardSet([three[2]!, three[0]!, three[1]!]);
    expect(set.map((f) => f.file)).toEqual(["shard-1.json", "shard-2.json", "shard-3.json"]);
    const whole = checkClaim(claim, { seed: 1, runs: 20 });
    const [merged] = mergeShardFiles(set);
    const { seconds: _, ...rest } = whole;
    expect(merged).toMatchObject(JSON.parse(JSON.stringify(rest)));
  });

  it("refuses duplicate and missing shards", () => {
    expect(refusal(() => checkShardSet([three[0]!, three[1]!, three[1]!]))).toBe(
      "shard-2.json: shard 2/3 is also in shard-2.json",
    );
    expect(refusal(() => checkShardSet([three[0]!, three[2]!]))).toBe(
      "merge: shard 2/3 missing (got 2 of 3)",
    );
    expect(refusal(() => checkShardSet([]))).toMatch(/^merge: needs the shard files/);
  });

  it("refuses shards of another run: seed, runs, shard count, claims, version", () => {
    const other = (name: string, path: readonly (string | number)[], value: unknown) => {
      const text = edited(JSON.stringify(three[1]!.document), path, value);
      return { file: name, document: JSON.parse(text) as ShardDocument };
    };
    const refused = (f: ShardFile) => refusal(() => checkShardSet([three[0]!, f, three[2]!]));
    expect(refused(file("seed.json", shardJson(2, 3, 7)))).toBe(
      "seed.json: seed 7 differs from shard-1.json's 1 (not a shard of the same run)",
    );
    expect(refused(file("runs.json", shardJson(2, 3, 1, 21)))).toMatch(
      /^runs\.json: runs 21 differs from shard-1\.json's 20/,
    );
    expect(refused(file("n.json", shardJson(2, 4)))).toMatch(/^n\.json: shard count n 4 differs/);
    expect(refused(other("v.json", ["ubiasVersion"], "0.0.1"))).toMatch(
      /^v\.json: ubias version "0\.0\.1" differs/,
    );
    expect(refused(other("ids.json", ["claims"], []))).toMatch(
      /^ids\.json: claim IDs \[\] differs from shard-1\.json's \["T99\.file"\]/,
    );
    expect(refused(other("tol.json", ["claims", 0, "tolerance"], "6"))).toMatch(
      /^tol\.json: claim T99\.file \(statement, domain, tolerance or runs\) differs/,
    );
  });
});
