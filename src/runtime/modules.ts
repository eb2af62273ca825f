/**
 * Where the code runs from, and loading modules named at run time (claim files, job
 * sources, figure catalogues). ubias runs in two forms:
 * - from source: `src/**\/*.ts` under vitest or tsx (tests, `npm run ubias`);
 * - compiled: `dist/src/**\/*.js` (the package's bin, `npm run build`), without tsx.
 * A module URL built at run time (a worker's job source, a sibling module) must name the
 * file of the form that is running; `moduleUrl` does that. A user's TypeScript module
 * loaded by the compiled form needs a TypeScript loader: `importModule` registers tsx for
 * it, lazily, the first time such a file is imported (plain JavaScript never loads tsx).
 */

/** True when this is the compiled JavaScript of dist/ (false under vitest or tsx). */
export const COMPILED = !/\.[cm]?ts$/.test(new URL(import.meta.url).pathname);

/**
 * The URL (href) of module `specifier` (written as imports are: "./catalogue.js") relative
 * to `base` (the caller's import.meta.url), naming the `.ts` source when running from source.
 */
export function moduleUrl(specifier: string, base: string): string {
  const url = new URL(specifier, base);
  if (!COMPILED) url.pathname = url.pathname.replace(/\.js$/, ".ts");
  return url.href;
}

/** A module file written in TypeScript (.ts, .mts, .cts). */
const TYPESCRIPT = /\.[cm]?ts$/;

let typeScriptLoader: Promise<void> | undefined;

/**
 * Registers tsx's ESM loader in this thread (once). Only the compiled form calls it, and only
 * to load a user's `.ts` module: from source, vitest or tsx already load TypeScript. (So it
 * runs only in the processes the tests spawn, which coverage does not instrument:
 * test/cli/process.test.ts and reportCommand.test.ts load TypeScript claim files into the
 * compiled CLI, in its main thread and in its worker threads.)
 */
/* v8 ignore next 6 */
function registerTypeScript(): Promise<void> {
  typeScriptLoader ??= import("tsx/esm/api").then(({ register }) => {
    register();
  });
  return typeScriptLoader;
}

/** Whether importing `url` (a file: URL) needs a TypeScript loader that is not yet there. */
export function needsTypeScriptLoader(url: string): boolean {
  return COMPILED && TYPESCRIPT.test(new URL(url).pathname);
}

/**
 * `import(url)` of a module named at run time; a TypeScript file loaded by the compiled form
 * first registers tsx in this thread (a worker thread registers its own).
 */
export async function importModule(url: string): Promise<Record<string, unknown>> {
  if (needsTypeScriptLoader(url)) await registerTypeScript();
  return (await import(url)) as Record<string, unknown>;
}
