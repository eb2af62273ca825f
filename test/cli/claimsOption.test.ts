import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadClaimSet } from "../../src/claims/userClaims.js";
import { catalogueSource, claimDirs, withClaimsDirInReplay } from "../../src/cli/claimsOption.js";
import { PROPERTIES_DIR } from "../../src/cli/propertiesDir.js";
import { FIXTURE_CLAIMS, lines, runCli } from "./runCli.js";

// `--claims <dir>` (issue 14 item 4): the user's claim files (test/fixtures/userClaims: U97.ts
// holds, U98.js is refuted and shrinks to n = 501) beside the built-in ones — here the CLI
// fixtures T98 (holds) and T99 (fails), through --properties-dir, so that no simulation runs.
const USER = fileURLToPath(new URL("../fixtures/userClaims/", import.meta.url));
const USER_DIR = resolve(USER);
const CHECK = ["check", "--properties-dir", FIXTURE_CLAIMS, "--claims", USER] as const;

/** A claim file (no imports) with the built-in fixture's ID T98. */
const STUB_T98 =
  'export const t98 = { id: "T98", statement: "s", domain: "d", tolerance: "t", arbitrary: {}, defaultRuns: 1, check: () => ({ kind: "out-of-domain", reason: "stub", details: {} }) };\n';

const dirs: string[] = [];
function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "ubias-claims-option-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The argv of the printed replay command of `id`. */
function replayArgs(stdout: string, id: string): string[] {
  const index = lines(stdout).findIndex((l) => l.startsWith(`${id} is refuted`));
  const line = lines(stdout)
    .slice(index)
    .find((l) => l.startsWith("replay: "));
  expect(line, `no replay line for ${id}`).toBeDefined();
  return line!.replace(/^replay: npx ubias /, "").split(" ");
}

describe("ubias check --claims <dir>", () => {
  it("lists the user's claims with the built-in ones", async () => {
    const { code, stdout } = await runCli([...CHECK, "--list", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((c: { id: string }) => c.id)).toEqual([
      "T98",
      "T99",
      "U97",
      "U98",
    ]);
  });

  it("checks them in the table; a refuted user conjecture prints a replay naming the directory", async () => {
    const { code, stdout } = await runCli([...CHECK, "--threads", "1"]);
    // T99 (built-in fixture) fails: exit 1; U98 is a conjecture: a finding.
    expect(code).toBe(1);
    expect(stdout).toMatch(/^U97\s.*supported$/m);
    expect(stdout).toMatch(/^U98\s.*refuted$/m);
    expect(stdout).toContain("Conjectures refuted (a finding, not a failure): U98");
    const args = replayArgs(stdout, "U98");
    expect(args.slice(0, 5)).toEqual(["check", "--claim", "U98", "--seed", "20240527"]);
    expect(args.slice(-2)).toEqual(["--claims", USER_DIR]);
  });

  it("--claim selects a user claim, and its printed replay reproduces the shrunk case", async () => {
    const first = await runCli([...CHECK, "--claim", "U98"]);
    expect(first.code).toBe(0);
    const args = replayArgs(first.stdout, "U98");
    // The replay names both directories (--properties-dir, then --claims) itself.
    expect(args).toContain("--properties-dir");
    const replay = await runCli([...args, "--json"]);
    expect(replay.code).toBe(0);
    const [result] = JSON.parse(replay.stdout);
    expect(result).toMatchObject({ id: "U98", holds: false, conjecture: true, casesRun: 1 });
    expect(result.counterexample.verdict).toEqual({
      kind: "measured",
      error: 5.01,
      tolerance: 5,
      details: { n: 501 },
    });
  });

  it("worker threads load the user's files too: the same results as one thread", async () => {
    const strip = (stdout: string) =>
      JSON.parse(stdout).map((r: Record<string, unknown>) => ({ ...r, seconds: 0 }));
    const one = await runCli([...CHECK, "--threads", "1", "--json"]);
    const two = await runCli([...CHECK, "--threads", "2", "--json"]);
    expect(two.code).toBe(1);
    expect(strip(two.stdout)).toEqual(strip(one.stdout));
    expect(strip(two.stdout).map((r: { id: string }) => r.id)).toEqual([
      "T98",
      "T99",
      "U97",
      "U98",
    ]);
  });

  it("--save-counterexample records the directory, and the fixture replays", async () => {
    const out = join(tempDir(), "u98.json");
    const { code, stderr } = await runCli([
      ...CHECK,
      "--claim",
      "U98",
      "--save-counterexample",
      out,
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain(`saved counterexample of U98 to ${out}`);
    const fixture = JSON.parse(readFileSync(out, "utf8"));
    expect(fixture.source).toEqual({
      kind: "catalogue",
      propertiesDir: "test/cli/fixtures/claims",
      claimsDir: "test/fixtures/userClaims",
    });
    expect(fixture.case).toBe(501);
    expect(fixture.replay).toContain(`--claims ${USER_DIR}`);
  });

  it("bad files exit 2 with one line naming the file", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { "broken.js": 'throw new Error("boom");\n' },
        /^ubias: --claims: .*broken\.js cannot be loaded: boom$/,
      ],
      [
        { "nothing.js": "export const x = 1;\n" },
        /^ubias: --claims: .*nothing\.js exports no claim/,
      ],
      [
        { "dup.js": STUB_T98 },
        /^ubias: --claims: claim ID T98 is defined twice: in .*T98\.ts and in .*dup\.js$/,
      ],
    ];
    for (const [files, message] of cases) {
      const dir = tempDir(files);
      const { code, stdout, stderr } = await runCli([
        "check",
        "--properties-dir",
        FIXTURE_CLAIMS,
        "--claims",
        dir,
      ]);
      expect(code, stderr).toBe(2);
      expect(stdout).toBe("");
      expect(lines(stderr)).toEqual([expect.stringMatching(message)]);
    }
    const missing = await runCli(["check", "--claims", join(tmpdir(), "ubias-no-such-claims")]);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toEqual([
      expect.stringMatching(/^ubias: --claims: cannot read .*ubias-no-such-claims: ENOENT$/),
    ]);
  });
});

describe("ubias report --claims <dir>", () => {
  it("checks the user's claims in the report (claims.json); --no-claims still works", async () => {
    const out = tempDir();
    const { code, stdout, stderr } = await runCli([
      "report",
      "--no-figures",
      "--properties-dir",
      FIXTURE_CLAIMS,
      "--claims",
      USER,
      "--claim",
      "U97",
      "U98",
      "--threads",
      "1",
      "--out",
      out,
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^U98\s.*refuted$/m);
    const claims = JSON.parse(readFileSync(join(out, "claims.json"), "utf8"));
    expect(claims.map((c: { id: string }) => c.id)).toEqual(["U97", "U98"]);
    expect(claims[1].counterexample.replay).toContain(`--claims ${USER_DIR}`);
    const conflict = await runCli(["report", "--no-claims", "--no-figures", "--out", out]);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain("nothing to report");
  });
});

describe("claimsOption helpers", () => {
  it("claimDirs resolves both directories; without --claims there is no user directory", () => {
    expect(claimDirs({ claims: "x" })).toEqual({
      dir: resolve(PROPERTIES_DIR),
      userDir: resolve("x"),
    });
    expect(claimDirs({ propertiesDir: "p" })).toEqual({ dir: resolve("p") });
  });

  it("a replay names --claims only when there is a user directory", async () => {
    const [claim] = await loadClaimSet({ dir: FIXTURE_CLAIMS });
    const result = {
      id: claim!.id,
      counterexample: { replay: "npx ubias check --claim T99" },
    } as unknown as Parameters<typeof withClaimsDirInReplay>[0];
    expect(withClaimsDirInReplay(result, undefined, (w) => w)).toBe(result);
    expect(withClaimsDirInReplay(result, "/a b", (w) => `'${w}'`).counterexample?.replay).toBe(
      "npx ubias check --claim T99 --claims '/a b'",
    );
  });

  it("catalogueSource records the directories relative to the repository", () => {
    expect(catalogueSource({ dir: resolve(PROPERTIES_DIR) })).toEqual({ kind: "catalogue" });
    expect(catalogueSource({ dir: resolve(PROPERTIES_DIR), userDir: USER_DIR })).toEqual({
      kind: "catalogue",
      claimsDir: "test/fixtures/userClaims",
    });
  });
});
