import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeDirectory, openOutputFile, requireWritable } from "../../src/cli/outputFile.js";
import { thrownInputError as thrown } from "../helpers/thrownInputError.js";

const root = mkdtempSync(join(tmpdir(), "ubias-outputFile-"));
afterAll(() => {
  chmodSync(root, 0o755);
  rmSync(root, { recursive: true, force: true });
});

/** Running as root ignores permission bits: the read-only checks are skipped then. */
const isRoot = process.getuid?.() === 0;

describe("openOutputFile", () => {
  it("creates missing parent directories and writes what it is given", () => {
    const path = join(root, "a", "b", "out.csv");
    const file = openOutputFile(path, "--trajectory");
    file.write("x,y\n");
    file.write("1,2\n");
    file.close();
    file.close(); // idempotent
    expect(readFileSync(path, "utf8")).toBe("x,y\n1,2\n");
  });

  it("truncates an existing file", () => {
    const path = join(root, "existing.txt");
    writeFileSync(path, "old contents that are longer");
    const file = openOutputFile(path, "--out");
    file.write("new");
    file.close();
    expect(readFileSync(path, "utf8")).toBe("new");
  });

  it("refuses a path under a regular file at once, naming the flag and the error code", () => {
    const blocker = join(root, "blocker");
    writeFileSync(blocker, "");
    const e = thrown(() => openOutputFile(join(blocker, "sub", "out.csv"), "--trajectory"));
    expect(e.field).toBe("--trajectory");
    expect(e.message).toContain("ENOTDIR");
    expect(e.message).toContain(join(blocker, "sub", "out.csv"));
  });

  it("refuses a path that is a directory", () => {
    const e = thrown(() => openOutputFile(root, "--out"));
    expect(e.message).toContain("EISDIR");
  });

  it.skipIf(isRoot)("refuses a read-only directory", () => {
    const dir = join(root, "readonly");
    makeDirectory(dir);
    chmodSync(dir, 0o555);
    try {
      expect(thrown(() => openOutputFile(join(dir, "out.csv"), "--out")).message).toContain(
        "EACCES",
      );
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it("fails fast under /proc instead of retrying (issue 12)", () => {
    const started = performance.now();
    const e = thrown(() => openOutputFile("/proc/ubias-no-such/dir/out.csv", "--out"));
    expect(e.field).toBe("--out");
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("requireWritable", () => {
  it("accepts a writable directory and a missing subtree of one, creating nothing", () => {
    requireWritable(join(root, "new", "deeper", "file.json"), "--save-counterexample");
    expect(() => readFileSync(join(root, "new"))).toThrow(/ENOENT/);
  });

  it("refuses a path whose nearest existing ancestor is a file", () => {
    const blocker = join(root, "blocker2");
    writeFileSync(blocker, "");
    const e = thrown(() => requireWritable(join(blocker, "x.json"), "--save-counterexample"));
    expect(e.field).toBe("--save-counterexample");
    expect(e.message).toContain("ENOTDIR");
  });

  it.skipIf(isRoot)("refuses a read-only nearest ancestor", () => {
    const dir = join(root, "readonly2");
    makeDirectory(dir);
    chmodSync(dir, 0o555);
    try {
      expect(thrown(() => requireWritable(join(dir, "a", "b.json"), "--save")).message).toContain(
        "EACCES",
      );
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});

describe("makeDirectory", () => {
  it("makes every missing level and accepts an existing directory", () => {
    const dir = join(root, "m1", "m2", "m3");
    makeDirectory(dir);
    makeDirectory(dir);
    writeFileSync(join(dir, "f"), "ok");
    expect(readFileSync(join(dir, "f"), "utf8")).toBe("ok");
  });

  it("refuses to make a directory below a file (ENOTDIR)", () => {
    const blocker = join(root, "blocker3");
    writeFileSync(blocker, "");
    expect(() => makeDirectory(join(blocker, "d"))).toThrow(/not a directory/);
  });
});
