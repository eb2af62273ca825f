import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadClaimSet, loadUserClaims, userClaimFiles } from "../../src/claims/userClaims.js";
import { InputError } from "../../src/errors/inputError.js";

const USER = fileURLToPath(new URL("../fixtures/userClaims/", import.meta.url));
const BUILT_IN = fileURLToPath(new URL("../cli/fixtures/claims/", import.meta.url));

/** A claim module without imports: `arbitrary` only needs to be defined to be a claim. */
const claimSource = (id: string, name = "claim") =>
  `export const ${name} = { id: ${JSON.stringify(id)}, statement: "s", domain: "d", tolerance: "t", arbitrary: {}, defaultRuns: 1, check: () => ({ kind: "out-of-domain", reason: "stub", details: {} }) };\n`;

const dirs: string[] = [];
function userDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ubias-user-claims-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe("userClaimFiles", () => {
  it("takes .ts, .mts, .js and .mjs files, not declarations, helpers (_) or dotfiles", () => {
    const dir = userDir({
      "b.ts": "",
      "a.js": "",
      "c.mjs": "",
      "d.mts": "",
      "types.d.ts": "",
      "_helper.ts": "",
      ".hidden.js": "",
      "notes.md": "",
      "data.json": "{}",
    });
    expect(userClaimFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual([
      "a.js",
      "b.ts",
      "c.mjs",
      "d.mts",
    ]);
  });

  it("a missing path or a file is an InputError on --claims", () => {
    expect(() => userClaimFiles(join(tmpdir(), "ubias-no-such-dir"))).toThrow(
      /^--claims: cannot read .*ubias-no-such-dir: ENOENT$/,
    );
    const dir = userDir({ "a.js": "" });
    expect(() => userClaimFiles(join(dir, "a.js"))).toThrow(/--claims: .*a\.js is not a directory/);
  });
});

describe("loadUserClaims", () => {
  it("loads the fixture's .ts (through tsx) and .js claims, ordered by ID, each once", async () => {
    const entries = await loadUserClaims(USER);
    expect(entries.map((e) => [e.claim.id, e.file.slice(USER.length)])).toEqual([
      ["U97", "U97.ts"],
      ["U98", "U98.js"],
    ]);
  });

  it("a file that fails to load is one line naming the file", async () => {
    const dir = userDir({ "broken.js": 'throw new Error("boom\\nsecond line");\n' });
    const error = await inputError(loadUserClaims(dir));
    // The message's lines, joined into the one line the CLI prints.
    expect(error.message).toMatch(/^--claims: .*broken\.js cannot be loaded: boom second line$/);
  });

  it("a .ts file with a syntax error names the file", async () => {
    const dir = userDir({ "bad.ts": "export const = ;\n" });
    const error = await inputError(loadUserClaims(dir));
    expect(error.message).toMatch(/^--claims: .*bad\.ts cannot be loaded: /);
  });

  it("a file that exports no claim names the file", async () => {
    const dir = userDir({ "U1.js": claimSource("U1"), "empty.js": "export const n = 3;\n" });
    const error = await inputError(loadUserClaims(dir));
    expect(error.message).toMatch(/^--claims: .*empty\.js exports no claim \(export the result of/);
  });

  it("an empty directory is an InputError", async () => {
    const error = await inputError(loadUserClaims(userDir({ "_only.js": "" })));
    expect(error.message).toMatch(/has no claim file/);
  });
});

describe("loadClaimSet", () => {
  it("merges the built-in and the user's claims, ordered by ID", async () => {
    const claims = await loadClaimSet({ dir: BUILT_IN, userDir: USER });
    expect(claims.map((c) => c.id)).toEqual(["T98", "T99", "U97", "U98"]);
    expect((await loadClaimSet({ dir: BUILT_IN })).map((c) => c.id)).toEqual(["T98", "T99"]);
  });

  it("a user claim with a built-in ID names both files", async () => {
    const dir = userDir({ "mine.js": claimSource("T98") });
    const error = await inputError(loadClaimSet({ dir: BUILT_IN, userDir: dir }));
    expect(error.message).toMatch(
      /^--claims: claim ID T98 is defined twice: in .*T98\.ts and in .*mine\.js$/,
    );
  });

  it("two user files with one ID name both files", async () => {
    const dir = userDir({ "a.js": claimSource("U5"), "b.js": claimSource("U5") });
    const error = await inputError(loadClaimSet({ dir: BUILT_IN, userDir: dir }));
    expect(error.message).toMatch(/claim ID U5 is defined twice: in .*a\.js and in .*b\.js$/);
  });
});
