import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, availableParallelism, cpus, release, type } from "node:os";
import { dirname, join } from "node:path";
import { packageVersion } from "../runtime/packageRoot.js";

/** Packages whose versions a report records (the numerics and the rendering). */
export const REPORTED_PACKAGES = ["fast-check", "mathjs", "vega", "vega-lite"] as const;

/** Where and with what a report was computed. */
export interface Environment {
  readonly ubias: string;
  readonly node: string;
  readonly packages: Readonly<Record<string, string>>;
  /** "Linux 6.1.0 x64". */
  readonly os: string;
  readonly cpu: string;
  /** os.availableParallelism(). */
  readonly cores: number;
}

const require = createRequire(import.meta.url);

/**
 * The installed version of `name` (the copy Node resolves from here, not the range in
 * package.json), or "unknown". Walks up from the resolved entry to the package's own
 * package.json: `name/package.json` is often hidden by the package's exports map.
 */
export function installedVersion(name: string): string {
  let dir: string;
  try {
    dir = dirname(require.resolve(name));
  } catch {
    return "unknown";
  }
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === name && manifest.version !== undefined) return manifest.version;
    } catch {
      // No package.json here: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

export function currentEnvironment(): Environment {
  return {
    ubias: packageVersion(),
    node: process.version,
    packages: Object.fromEntries(REPORTED_PACKAGES.map((name) => [name, installedVersion(name)])),
    os: `${type()} ${release()} ${arch()}`,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: availableParallelism(),
  };
}
