import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { MUTANTS } from "../../../scripts/mutation/catalogue.js";
import type { Mutant } from "../../../scripts/mutation/mutant.js";
import { applyMutant, mutantProblems, occurrences } from "../../../scripts/mutation/mutant.js";
import { scratchCopy } from "../../../scripts/mutation/scratchCopy.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "ubias-mutation-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("mutation catalogue (issue 11)", () => {
  it("matches the tree: every search string occurs exactly once, ids are unique", () => {
    expect(MUTANTS.flatMap((m) => mutantProblems(ROOT, m))).toEqual([]);
    expect(new Set(MUTANTS.map((m) => m.id)).size).toBe(MUTANTS.length);
    expect(MUTANTS.length).toBeGreaterThanOrEqual(25);
  });

  it("carries all 14 rows of issue 11's table", () => {
    expect(MUTANTS.filter((m) => m.issueTable).length).toBe(14);
  });

  it("refuses a search string found twice or not at all (the catalogue cannot rot silently)", () => {
    const root = join(scratch, "fake");
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "f.ts"), "a = 1;\nb = 1;\n");
    const mutant = (search: string): Mutant => ({
      id: "m",
      bug: "test",
      owner: "none",
      edits: [{ file: "f.ts", search, replace: "x" }],
    });
    expect(occurrences("a = 1; a = 1;", "a = 1;")).toBe(2);
    expect(mutantProblems(root, mutant("= 1;"))[0]).toMatch(/found 2 times/);
    expect(mutantProblems(root, mutant("c = 1;"))[0]).toMatch(/found 0 times/);
    expect(() => applyMutant(root, mutant("= 1;"))).toThrow(/exactly once/);
    applyMutant(root, {
      ...mutant("a = 1;"),
      edits: [{ file: "f.ts", search: "a = 1;", replace: "a = $&2;" }],
    });
    // Replacement text is literal ("$&" is not a pattern).
    expect(readFileSync(join(root, "f.ts"), "utf8")).toBe("a = $&2;\nb = 1;\n");
  });

  // The CI subset: three cheap mutants, each must make the claim that owns it fail via the CLI.
  const subset: [string, string][] = [
    ["misattribution-sign", "T3"],
    ["gd-clock-plus-eta", "T9.gd-clock"],
    ["moments-P-minus-1", "T10.under"],
  ];
  for (const [id, claim] of subset) {
    it(`${id}: ubias check --claim ${claim} fails on the mutated copy`, () => {
      const dir = join(scratch, id);
      scratchCopy(ROOT, dir);
      applyMutant(dir, MUTANTS.find((m) => m.id === id)!);
      const tsx = join(dir, "node_modules", ".bin", "tsx");
      const r = spawnSync(
        tsx,
        ["src/cli/main.ts", "check", "--claim", claim, "--json", "--threads", "1"],
        {
          cwd: dir,
          encoding: "utf8",
        },
      );
      expect(r.status).toBe(1);
      const results = JSON.parse(r.stdout) as { id: string; holds: boolean }[];
      expect(results.find((c) => c.id === claim)?.holds).toBe(false);
    });
  }
});
