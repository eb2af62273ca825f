#!/usr/bin/env node
// Runs the compiled CLI, dist/src/cli/main.js: no TypeScript loader at start-up (issue 14).
// `npm run build` makes dist/; `npm ci` and `npm install` in a clone run it through the
// `prepare` script, and the published package ships it.
const entry = new URL("../dist/src/cli/main.js", import.meta.url);
let cli;
try {
  cli = await import(entry.href);
} catch (error) {
  // A missing or broken build is ubias's fault, not the user's input: exit 3, one line.
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  process.stderr.write(
    `ubias: internal error: cannot load the compiled CLI (${message}): run \`npm run build\` in the package directory\n`,
  );
  process.exit(3);
}
await cli.main();
