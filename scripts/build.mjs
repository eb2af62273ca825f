// `npm run build` (and `prepare`, so `npm ci` builds): compiles src/ and properties/ to dist/
// with tsc (tsconfig.build.json). dist/ is emptied first: a compiled claim file whose source
// was deleted would otherwise stay in dist/properties/ and still be loaded by the catalogue.
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
rmSync(new URL("../dist/", import.meta.url), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: root,
    stdio: "inherit",
  });
} catch (error) {
  // tsc has printed its errors; pass its exit status on without a stack trace.
  process.exit(typeof error.status === "number" ? error.status : 1);
}
// Plain JavaScript modules that tsc does not emit (no allowJs): copied beside the compiled
// code, e.g. src/training/external/channelWorker.mjs, which a worker thread starts on.
for (const entry of readdirSync(new URL("../src/", import.meta.url), { recursive: true })) {
  if (entry.endsWith(".mjs"))
    cpSync(
      new URL(`../src/${entry}`, import.meta.url),
      new URL(`../dist/src/${entry}`, import.meta.url),
    );
}
