import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("the ubias binary (package.json bin → bin/ubias.js → src/cli/main.ts)", () => {
  // One spawn only (tsx's loader makes it take a few seconds); the rest runs `run` in-process.
  it("runs predict as a child process with exit code 0", async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["bin/ubias.js", "predict", "--sigma-a", "2", "--sigma-b", "1", "--rho", "0.5", "--json"],
      { cwd: ROOT, timeout: 15_000 },
    );
    expect(stderr).toBe("");
    expect(JSON.parse(stdout).ratio).toBeCloseTo(5, 9);
  }, 20_000);
});
