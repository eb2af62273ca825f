import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMPILED, moduleUrl, needsTypeScriptLoader } from "../../src/runtime/modules.js";
import { PACKAGE_ROOT, packageVersion } from "../../src/runtime/packageRoot.js";

// Under vitest the code runs from source; the compiled form (dist/) is exercised by the
// processes of test/cli/bin.test.ts.
describe("runtime: the form the code runs in", () => {
  it("runs from source under vitest", () => {
    expect(COMPILED).toBe(false);
  });

  it("moduleUrl names the .ts source from source", () => {
    const base = new URL("../../src/report/figures/generate.ts", import.meta.url).href;
    const url = moduleUrl("./catalogue.js", base);
    expect(url.endsWith("/src/report/figures/catalogue.ts")).toBe(true);
    expect(existsSync(new URL(url))).toBe(true);
  });

  it("needs no TypeScript loader from source (vitest loads .ts itself)", () => {
    expect(needsTypeScriptLoader("file:///x/T1.ts")).toBe(false);
    expect(needsTypeScriptLoader("file:///x/T1.js")).toBe(false);
  });

  it("finds the package root and its version", () => {
    const manifest = JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, "utf8"));
    expect(manifest.name).toBe("ubias");
    expect(packageVersion()).toBe(manifest.version);
  });
});
