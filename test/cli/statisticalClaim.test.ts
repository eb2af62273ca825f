import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURE_CLAIMS, lines, runCli } from "./runCli.js";

// A user's statistical claim (defineStatisticalClaim from "ubias/claims") through
// `ubias check --claims`: the table shows events/trials and intervals per arm, the verdict,
// and a refutation prints each hypothesis with its estimates; the same seed gives the same
// counts, a path replays one trial. Fixture: test/fixtures/statisticalClaims/U95.ts.
const USER = fileURLToPath(new URL("../fixtures/statisticalClaims/", import.meta.url));
const CHECK = ["check", "--properties-dir", FIXTURE_CLAIMS, "--claims", USER] as const;

describe("ubias check --claims with a statistical claim", () => {
  it("holds: the table row shows each arm's events/trials, its interval and the verdict", async () => {
    const result = await runCli([...CHECK, "--claim", "U95", "--seed", "3"]);
    expect(result.code).toBe(0);
    const row = lines(result.stdout).find((l) => l.startsWith("U95 "));
    expect(row).toMatch(
      /fair: \d+\/60 \[0\.\d+, 0\.\d+\]; loaded: \d+\/60 \[0\.\d+, [\d.]+\] \(95%\)/,
    );
    expect(row).toMatch(/supported$/);
  });

  it("the opposite is refuted: each hypothesis with its estimate, exit 0 for a U conjecture", async () => {
    const result = await runCli([...CHECK, "--claim", "U95.opposite", "--seed", "3"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("U95.opposite is refuted; event: heads");
    expect(result.stdout).toMatch(/p\(loaded\) ≤ 0\.5: refuted \(loaded: \d+\/60, 95% interval/);
  });

  it("--json carries the statistical result; the same seed gives the same counts", async () => {
    const json = async () => {
      const out = await runCli([...CHECK, "--claim", "U95", "--seed", "3", "--json"]);
      const parsed = JSON.parse(out.stdout) as {
        id: string;
        statistical: { arms: { events: number }[]; verdict: string };
      }[];
      return parsed.find((c) => c.id === "U95")!.statistical;
    };
    const first = await json();
    expect(first.verdict).toBe("holds");
    expect(await json()).toEqual(first);
  });

  it("--path replays one trial", async () => {
    const result = await runCli([...CHECK, "--claim", "U95", "--seed", "3", "--path", "5"]);
    const row = lines(result.stdout).find((l) => l.startsWith("U95 "));
    expect(row).toMatch(/fair: [01]\/1 .*loaded: [01]\/1/);
    // One trial cannot decide: inconclusive, and not holding (exit 1 is for theorems only).
    expect(row).toMatch(/inconclusive$/);
  });
});

describe("a statistical claim sharded and merged", () => {
  const dir = mkdtempSync(join(tmpdir(), "ubias-statistical-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("merge re-judges the summed counts: the unsharded result, seconds aside", async () => {
    const args = [
      ...CHECK,
      "--claim",
      "U95",
      "--claim",
      "U95.opposite",
      "--seed",
      "3",
      "--threads",
      "1",
    ];
    const whole = await runCli([...args, "--json"]);
    const files: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const shard = await runCli([...args, "--shard", `${i}/3`, "--json"]);
      const file = join(dir, `shard-${i}.json`);
      writeFileSync(file, shard.stdout);
      files.push(file);
    }
    const merged = await runCli(["merge", ...files, "--json"]);
    expect(merged.stderr).toBe("");
    const strip = (text: string) =>
      (JSON.parse(text) as { seconds: number }[]).map(({ seconds: _, ...rest }) => rest);
    expect(strip(merged.stdout)).toEqual(strip(whole.stdout));
    const [held, refuted] = strip(merged.stdout) as { statistical: { verdict: string } }[];
    expect(held!.statistical.verdict).toBe("holds");
    expect(refuted!.statistical.verdict).toBe("refuted");
  });
});
