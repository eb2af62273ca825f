import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LONGEST_FILES } from "../longestFirst.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("the suite's longest-first order (test/longestFirst.ts)", () => {
  it("names files that exist, each once, longest first", () => {
    for (const [file] of LONGEST_FILES) expect(existsSync(`${ROOT}${file}`), file).toBe(true);
    expect(new Set(LONGEST_FILES.map(([f]) => f)).size).toBe(LONGEST_FILES.length);
    const seconds = LONGEST_FILES.map(([, s]) => s);
    expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
  });
});
