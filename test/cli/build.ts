import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/*
 * The compiled CLI (dist/, `npm run build`) that bin/ubias.js runs. The tests that spawn the
 * bin test that build: they build nothing themselves (`npm ci` runs `prepare`, which builds;
 * .ci/run starts with it), and fail with the command to run when dist/ is missing or older
 * than a source file, rather than test stale code or skip.
 */

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The package's bin (package.json "bin"). */
export const BIN = join(ROOT, "bin", "ubias.js");
/** The compiled entry bin/ubias.js imports. */
export const COMPILED_MAIN = join(ROOT, "dist", "src", "cli", "main.js");

/** Newest modification time (ms) of the .ts files under `dir`, and that file. */
function newestSource(dir: string): { file: string; ms: number } {
  let newest = { file: dir, ms: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = join(entry.parentPath, entry.name);
    const ms = statSync(file).mtimeMs;
    if (ms > newest.ms) newest = { file, ms };
  }
  return newest;
}

/** Throws, naming `npm run build`, unless dist/ exists and is newer than src/ and properties/. */
export function requireBuild(): void {
  let built: number;
  try {
    built = statSync(COMPILED_MAIN).mtimeMs;
  } catch {
    throw new Error(
      `${COMPILED_MAIN} is missing: this test runs the compiled CLI; run \`npm run build\` (npm ci runs it too)`,
    );
  }
  for (const dir of ["src", "properties"]) {
    const { file, ms } = newestSource(join(ROOT, dir));
    if (ms > built) {
      throw new Error(
        `dist/ is older than ${file.slice(ROOT.length)}: this test runs the compiled CLI; run \`npm run build\``,
      );
    }
  }
}
