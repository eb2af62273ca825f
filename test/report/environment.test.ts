import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { currentEnvironment, installedVersion } from "../../src/report/environment.js";

function installed(name: string): string {
  const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}

describe("the report's environment", () => {
  it("records the installed versions of the numerics and rendering packages", () => {
    const env = currentEnvironment();
    for (const name of ["fast-check", "mathjs", "vega", "vega-lite"]) {
      expect(env.packages[name]).toBe(installed(name));
    }
    expect(env.node).toBe(process.version);
    expect(env.ubias).toMatch(/^\d+\.\d+\.\d+/);
    expect(env.cores).toBeGreaterThanOrEqual(1);
  });

  it("says unknown for a package that is not installed", () => {
    expect(installedVersion("no-such-package-ubias")).toBe("unknown");
  });
});
