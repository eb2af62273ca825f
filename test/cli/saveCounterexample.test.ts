import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CounterexampleFixture } from "../../src/claims/counterexampleFixture.js";
import {
  COUNTEREXAMPLES_DIR,
  fixturePaths,
  packageVersion,
  portableDir,
  saveCounterexamples,
} from "../../src/cli/saveCounterexample.js";
import { InputError } from "../../src/errors/inputError.js";
import { PACKAGE_ROOT } from "../../src/runtime/packageRoot.js";

const root = mkdtempSync(join(tmpdir(), "ubias-save-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fixture = (claim: string, seed: number): CounterexampleFixture => ({
  format: "ubias-counterexample/1",
  claim,
  statement: "s",
  source: { kind: "catalogue" },
  seed,
  path: "0",
  runs: 1,
  case: { u0: 1e-6 },
  verdict: { kind: "measured" },
  replay: `ubias check ${claim}`,
  ubiasVersion: "0.1.0",
});

describe("fixturePaths", () => {
  it("no file name: fixtures/counterexamples/<ID>-seed<S>.json under the current directory", () => {
    expect(COUNTEREXAMPLES_DIR).toBe(join("fixtures", "counterexamples"));
    expect(fixturePaths([fixture("T2", 7)], true)).toEqual([
      resolve(process.cwd(), "fixtures", "counterexamples", "T2-seed7.json"),
    ]);
  });

  it("one fixture: the file itself; several: <stem>-<ID>.json", () => {
    expect(fixturePaths([fixture("T2", 1)], join(root, "x.json"))).toEqual([join(root, "x.json")]);
    expect(fixturePaths([fixture("T2", 1), fixture("T5", 1)], join(root, "x.json"))).toEqual([
      join(root, "x-T2.json"),
      join(root, "x-T5.json"),
    ]);
    // Without a .json suffix the stem is the whole name.
    expect(fixturePaths([fixture("T2", 1), fixture("T5", 1)], join(root, "out"))).toEqual([
      join(root, "out-T2.json"),
      join(root, "out-T5.json"),
    ]);
  });
});

describe("saveCounterexamples", () => {
  it("writes each fixture as indented JSON with a final newline, one line per file", () => {
    const lines = saveCounterexamples(
      [fixture("T2", 1), fixture("T5", 2)],
      join(root, "saved.json"),
    );
    expect(lines).toEqual([
      `saved counterexample of T2 to ${join(root, "saved-T2.json")}`,
      `saved counterexample of T5 to ${join(root, "saved-T5.json")}`,
    ]);
    const text = readFileSync(join(root, "saved-T5.json"), "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(fixture("T5", 2));
    expect(text).toContain('\n  "claim": "T5"');
  });

  it("says so when there is nothing to save, and writes nothing", () => {
    expect(saveCounterexamples([], join(root, "none.json"))).toEqual(["no counterexample to save"]);
    expect(() => readFileSync(join(root, "none.json"))).toThrow(/ENOENT/);
  });

  it("an unwritable path is an InputError on --save-counterexample", () => {
    const blocker = join(root, "blocker");
    writeFileSync(blocker, "");
    expect(() => saveCounterexamples([fixture("T2", 1)], join(blocker, "x.json"))).toThrow(
      InputError,
    );
  });
});

describe("portableDir and packageVersion", () => {
  it("stores a directory inside the repository relative to its root, others absolute", () => {
    expect(portableDir(join(PACKAGE_ROOT, "properties"))).toBe("properties");
    expect(portableDir(root)).toBe(resolve(root));
  });

  it("reads the version from package.json", () => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    expect(packageVersion()).toBe(pkg.version);
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
