import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { lines, runCli } from "../cli/runCli.js";

// README "Add a conjecture" (issue 5 item 1): the worked example docs/add-a-conjecture/U1.ts
// is a complete claim file, written as it would sit in properties/. It is run here exactly as
// a user's file would be — dropped into a claims directory, found by the catalogue, checked
// by `ubias check` — and the README must embed it verbatim, so the example cannot rot.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXAMPLE = readFileSync(join(ROOT, "docs", "add-a-conjecture", "U1.ts"), "utf8");

// A claims directory one level below the root, like properties/, so that the example's own
// imports ("../src/claims/index.js", "../src/claims/arbitraries/index.js") resolve unchanged.
const dir = mkdtempSync(join(ROOT, ".tmp-add-a-conjecture-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "U1.ts"), EXAMPLE);

describe("README: Add a conjecture", () => {
  it("the example file appears in `ubias check --list` with no registration", async () => {
    const { code, stdout } = await runCli(["check", "--properties-dir", dir, "--list"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^U1 {2}Two-layer late fusion: t_B\/t_A within 5% of T2/m);
  });

  it("is checked by `ubias check` and reads supported, with measured in-domain cases", async () => {
    const { code, stdout, stderr } = await runCli([
      "check",
      "--properties-dir",
      dir,
      "--claim",
      "U1",
    ]);
    expect(code).toBe(0);
    const row = lines(stdout).find((line) => line.startsWith("U1 "));
    expect(row).toMatch(/\bsupported$/);
    expect(stderr).toMatch(/^U1: supported \(30 cases, \d+ out of domain, 0 failures/m);
    const outOfDomain = Number(/(\d+) out of domain/.exec(stderr)?.[1]);
    expect(outOfDomain).toBeLessThan(30);
  });

  it("README.md embeds the example file verbatim", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme.includes("## Add a conjecture"), "README has no section Add a conjecture").toBe(
      true,
    );
    const embedded = readme.includes(`\`\`\`ts\n${EXAMPLE}\`\`\``);
    expect(
      embedded,
      "README must embed docs/add-a-conjecture/U1.ts verbatim in a ```ts block",
    ).toBe(true);
  });
});
