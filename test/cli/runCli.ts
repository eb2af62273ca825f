import { fileURLToPath } from "node:url";
import { run } from "../../src/cli/main.js";

/** What one in-process invocation of the CLI printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `ubias <args>` in-process, capturing its output. */
export async function runCli(
  args: readonly string[],
  options: { isTTY?: boolean } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    isTTY: options.isTTY ?? false,
  });
  return { code, stdout, stderr };
}

/** Lines of a text, without the empty one after a final newline. */
export function lines(text: string): string[] {
  return text.split("\n").filter((line, i, all) => !(line === "" && i === all.length - 1));
}

/** The fixture claims: T98 holds, T99 fails (shrinks to n = 501). */
export const FIXTURE_CLAIMS = fileURLToPath(new URL("./fixtures/claims/", import.meta.url));

/** The paper's toy example: σ_A = 2, σ_B = 1, ρ = 0.5, w = (1, 1); T2 ratio 5. */
export const TOY = ["--sigma-a", "2", "--sigma-b", "1", "--rho", "0.5"] as const;
