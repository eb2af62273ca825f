import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { COMPILED } from "./modules.js";

/**
 * The package directory (the repository root, or node_modules/ubias when installed), as a
 * path ending in "/": this file is src/runtime/packageRoot.ts from source and
 * dist/src/runtime/packageRoot.js compiled (tsconfig.build.json: rootDir ".", outDir "dist").
 */
export const PACKAGE_ROOT = fileURLToPath(
  new URL(COMPILED ? "../../../" : "../../", import.meta.url),
);

/** The version in the package's package.json. */
export function packageVersion(): string {
  const text = readFileSync(`${PACKAGE_ROOT}package.json`, "utf8");
  return (JSON.parse(text) as { version: string }).version;
}
