import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, requireBuild } from "./build.js";

/**
 * The exit-code mapping through a real process (bin/ubias.js → the compiled main.js →
 * process.exitCode), and a closed stdout pipe. Few cases: the contract itself is fuzzed
 * in-process (fuzz.test.ts). The internal fault is a user's TypeScript claim file, which the
 * compiled CLI loads through tsx (registered for it: src/runtime/modules.ts).
 */

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `ubias args`; with `closeAfterFirstChunk` the reader goes away like `| head -1`. */
function ubias(args: readonly string[], closeAfterFirstChunk = false): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (closeAfterFirstChunk) child.stdout.destroy();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("exit codes of the real process", () => {
  beforeAll(() => requireBuild());

  it("bad input 2, internal fault 3, closed pipe quiet", async () => {
    const broken = mkdtempSync(join(tmpdir(), "ubias-process-broken-"));
    // A claim file that throws when the catalogue loads it: a fault inside ubias's run.
    writeFileSync(join(broken, "T1.ts"), 'throw new Error("injected fault");\n');
    const [bad, internal, piped] = await Promise.all([
      ubias(["predict", "--sigma-a", "0x2", "--sigma-b", "1", "--rho", "0.5"]),
      ubias(["check", "--properties-dir", broken]),
      // --help is ~60 lines: more than the first chunk when the reader leaves after it.
      ubias(["simulate", "--help"], true),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ubias: --sigma-a: [^\n]*\n$/);
    expect(internal.code).toBe(3);
    expect(internal.stderr).toMatch(/^ubias: internal error: injected fault \(this is a bug/);
    expect(internal.stderr.split("\n")).toHaveLength(2);
    // EPIPE: no stack trace, no message (`ubias --help | head -1`).
    expect(piped.stderr).toBe("");
    expect(piped.code === 0 || piped.code === null).toBe(true);
  }, 60_000);
});
