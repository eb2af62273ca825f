import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MODULE_MOCKS } from "../moduleMocks.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("the isolated test files (test/moduleMocks.ts, vitest.config.ts)", () => {
  it("are exactly the files that replace a module", () => {
    // Every TypeScript file under test/, helpers and setup included.
    const mocking = readdirSync(join(ROOT, "test"), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".ts"))
      .map((e) => join(e.parentPath, e.name))
      .filter((file) =>
        /\b(vi|vitest)\.(mock|doMock|unmock|importMock)\(/.test(readFileSync(file, "utf8")),
      )
      .map((file) => relative(ROOT, file))
      .sort();
    expect(mocking).toEqual([...MODULE_MOCKS].sort());
  });
});
