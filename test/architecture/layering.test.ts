import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The design card's one-way data flow: the theory never imports simulation code, and the
 * simulation (network, training, measurement) never imports the theory. Claims, the CLI,
 * figures and reports are where the two meet. This reads the import specifiers of every file
 * under src/ as text; a new edge across the line fails here with the file that adds it.
 */
const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const SIMULATION = ["network", "training", "measurement", "data", "parallel"];
const SIDES: Record<string, readonly string[]> = {
  theory: [...SIMULATION, "claims", "cli", "report"],
  network: ["theory", "claims", "cli", "report"],
  training: ["theory", "claims", "cli", "report"],
  measurement: ["theory", "claims", "cli", "report"],
};

/**
 * The low folders (issue 13): parallel runs jobs named by module and export, knowing
 * nothing of the report, claims or CLI that name them; format (JSON) and linalg are leaves
 * that claims, parallel and report all import. Each imports only itself and these folders.
 */
const ONLY: Record<string, readonly string[]> = {
  parallel: ["errors", "format"],
  format: ["errors"],
  linalg: ["errors"],
  errors: [],
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The top-level src/ folders a file imports from (relative specifiers only). */
function importedFolders(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const folders: string[] = [];
  for (const match of text.matchAll(/from\s+"(\.[^"]+)"/g)) {
    const target = relative(SRC, join(file, "..", match[1]!));
    if (!target.startsWith("..")) folders.push(target.split("/")[0]!);
  }
  return folders;
}

describe("layering of src/ (design card: theory and simulation never import each other)", () => {
  for (const [folder, forbidden] of Object.entries(SIDES)) {
    it(`src/${folder} imports none of ${forbidden.join(", ")}`, () => {
      const edges = filesUnder(join(SRC, folder)).flatMap((file) =>
        importedFolders(file)
          .filter((target) => forbidden.includes(target))
          .map((target) => `${relative(SRC, file)} → ${target}`),
      );
      expect(edges).toEqual([]);
    });
  }

  for (const [folder, allowed] of Object.entries(ONLY)) {
    it(`src/${folder} imports only ${allowed.length > 0 ? allowed.join(", ") : "itself"}`, () => {
      const edges = filesUnder(join(SRC, folder)).flatMap((file) =>
        importedFolders(file)
          .filter((target) => target !== folder && !allowed.includes(target))
          .map((target) => `${relative(SRC, file)} → ${target}`),
      );
      expect(edges).toEqual([]);
    });
  }

  it("finds imports at all (the reader is not vacuous)", () => {
    expect(importedFolders(join(SRC, "theory", "nextOrderLateFusion.ts"))).toContain("statistics");
  });
});
