import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseNumberList, validitySettings } from "../../src/cli/validityCommand.js";
import { VALIDITY_DEFAULTS } from "../../src/report/validityMap.js";
import { lines, runCli } from "./runCli.js";

/** A small grid: one u0 where T5 is within 1% (docs/theory.md §6), one ρ in and one out of T5's domain. */
const SMALL = ["--u0", "0.01", "--rho", "-0.9,0.5"] as const;

describe("ubias validity", () => {
  it("prints the T5 table (rows u0, columns ρ) with — outside the domain", async () => {
    const { code, stdout, stderr } = await runCli(["validity", "--claim", "T5", ...SMALL]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out[0]).toMatch(/^T5 validity: depth 4, fusion layer 3/);
    const row = out.find((l) => l.startsWith("0.01 "))!;
    const [, outside, measured] = row.trim().split(/\s+/);
    expect(outside).toBe("—");
    expect(Math.abs(Number.parseFloat(measured!))).toBeLessThan(1); // percent
    expect(stdout).toContain("(signs-apart)");
  });

  it("prints JSON with the cells and writes the CSV", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ubias-validity-"));
    const file = join(dir, "nested", "t5.csv");
    const { code, stdout } = await runCli(["validity", ...SMALL, "--json", "--csv", file]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ claim: "T5", depth: 4, fusion: 3, sigmaA: 2, sigmaB: 1 });
    expect(out.u0s).toEqual([0.01]);
    expect(out.rhos).toEqual([-0.9, 0.5]);
    expect(out.cells[0]).toMatchObject({
      outOfDomain: "signs-apart",
      status: "not-simulated",
      measured: null,
      relativeError: null,
    });
    expect(out.cells[1]).toMatchObject({ claim: "T5", status: "completed" });
    const csv = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(csv[0]).toBe(
      "claim,depth,fusion,sigmaA,sigmaB,rho,u0,predicted,measured,relativeError,tA,tB,status,outOfDomain,steps",
    );
    expect(csv).toHaveLength(3);
    expect(Number(csv[2]!.split(",")[9])).toBe(out.cells[1].relativeError);
  });

  it("selects the claim's architecture: T2 → two-layer late fusion", async () => {
    const { code, stdout } = await runCli([
      "validity",
      "--claim",
      "T2",
      "--u0",
      "1e-3",
      "--rho",
      "0.5",
      "--json",
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ claim: "T2", depth: 2, fusion: 2 });
    expect(out.cells[0].claim).toBe("T2");
    expect(out.cells[0].predicted).toBeCloseTo(5, 12);
  });

  it("draws a live progress line on a terminal only, and clears it", async () => {
    const tty = await runCli(["validity", "--u0", "0.01", "--rho", "0.5"], { isTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain("validity 1/1 cells (u0 = 0.01, ρ = 0.5)");
    expect(tty.stderr.endsWith("\r\x1b[2K")).toBe(true);
  });

  it("fails fast on an unwritable CSV path (exit 2, before the grid)", async () => {
    // A regular file as the parent directory: ENOTDIR. (Not /proc: Node 20's recursive
    // mkdir loops forever there.)
    const dir = mkdtempSync(join(tmpdir(), "ubias-validity-"));
    const parent = join(dir, "a-file");
    writeFileSync(parent, "");
    const { code, stderr } = await runCli(["validity", ...SMALL, "--csv", join(parent, "t5.csv")]);
    expect(code).toBe(2);
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(/^ubias: --csv: cannot write/);
  });
});

describe("validitySettings", () => {
  it("defaults to T5 at depth 4, fusion 3 on the documented grid", () => {
    expect(validitySettings({})).toMatchObject({
      claim: "T5",
      depth: 4,
      fusionLayer: 3,
      sigmaA: 2,
      sigmaB: 1,
      u0s: [...VALIDITY_DEFAULTS.u0s],
      rhos: [...VALIDITY_DEFAULTS.rhos],
      json: false,
    });
    expect(VALIDITY_DEFAULTS.u0s).toEqual([0.3, 0.1, 0.03, 0.01, 0.003, 0.001]);
    expect(VALIDITY_DEFAULTS.rhos).toEqual([-0.9, -0.6, -0.3, 0, 0.3, 0.6, 0.9]);
  });

  it.each([
    [{ claim: "T4" }, 4, 4],
    [{ claim: "T2" }, 2, 2],
    [{ claim: "T5", depth: "5" }, 5, 3],
    [{ claim: "T5", depth: "3" }, 3, 2],
    [{ claim: "T4", depth: "3" }, 3, 3],
    [{ claim: "T5", fusion: "2" }, 4, 2],
    [{ claim: "T5", depth: "2", fusion: "2" }, 2, 2],
  ])("%o → depth %d, fusion %d", (options, depth, fusionLayer) => {
    expect(validitySettings(options)).toMatchObject({ depth, fusionLayer });
  });

  it("parses comma-separated lists with spaces", () => {
    expect(parseNumberList("--u0", "0.1, 1e-3 ,0.5")).toEqual([0.1, 1e-3, 0.5]);
  });
});

describe("ubias validity: bad input (exit 2, one line naming the field)", () => {
  it.each([
    ["unknown claim", ["--claim", "T9"], ["--claim", "T5, T4, T2", '"T9"']],
    ["empty u0 list", ["--u0", ""], ["--u0", "non-empty"]],
    ["empty item", ["--rho", "0.1,,0.2"], ["--rho", "non-empty"]],
    ["non-numeric u0", ["--u0", "0.1,abc"], ["--u0", "finite number"]],
    ["u0 = 1", ["--u0", "0.1,1"], ["--u0", "(0, 1)"]],
    ["u0 = 0", ["--u0", "0"], ["--u0", "(0, 1)"]],
    ["rho = 1", ["--rho", "0.5,1"], ["--rho", "(-1, 1)"]],
    ["rho < -1", ["--rho", "-1.2"], ["--rho", "(-1, 1)"]],
    ["sigma-a = 0", ["--sigma-a", "0"], ["--sigma-a", "> 0"]],
    ["fusion > depth", ["--depth", "3", "--fusion", "4"], ["--fusion", "[1, 3]"]],
    ["T5 too shallow", ["--claim", "T5", "--depth", "2"], ["--depth", "L >= 3"]],
  ])("%s", async (_, args, expected) => {
    const { code, stdout, stderr } = await runCli(["validity", ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const errorLines = lines(stderr);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^ubias: /);
    for (const text of expected) expect(errorLines[0]).toContain(text);
  });
});
