import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  allowedLayers,
  cycles,
  importEdges,
  layerOf,
  relativeSpecifiers,
  sourceFiles,
} from "./importGraph.js";

/**
 * The layering of src/ and properties/ (issue 13). The allowed edges are the table in
 * docs/architecture.md, read from there so the document and the check cannot drift; every
 * import of a file into another folder must be in its folder's row. The design card's own
 * rule (theory and simulation never import each other) is asserted here as well, so it cannot
 * be relaxed by editing the table alone.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TABLE = allowedLayers(readFileSync(`${ROOT}docs/architecture.md`, "utf8"));
const EDGES = importEdges(ROOT, ["src", "properties"]);
const SIMULATION = ["network", "training", "measurement", "data"];

/** Imports that leave the importer's folder: `file → target` for every one not allowed. */
function violations(table: Map<string, Set<string>>, edges = EDGES): string[] {
  return edges.flatMap(({ from, to }) => {
    const a = layerOf(from);
    const b = layerOf(to);
    if (a === undefined || a === b) return [];
    return b !== undefined && table.get(a)?.has(b) ? [] : [`${from} → ${to}`];
  });
}

describe("layering (docs/architecture.md's table)", () => {
  it("every import between folders is an allowed edge", () => {
    expect(violations(TABLE)).toEqual([]);
  });

  it("every folder under src/ (and properties/) has a row, and every row a folder", () => {
    const files = [...sourceFiles(ROOT, "src"), ...sourceFiles(ROOT, "properties")];
    const layers = new Set(files.map(layerOf).filter((l) => l !== undefined));
    expect([...layers].sort()).toEqual([...TABLE.keys()].sort());
    for (const targets of TABLE.values())
      for (const t of targets) expect(TABLE.has(t), `unknown folder ${t}`).toBe(true);
  });

  it("no import names a file that does not exist", () => {
    const missing = EDGES.filter((e) => !existsSync(`${ROOT}${e.to}`)).map(
      (e) => `${e.from} → ${e.to}`,
    );
    expect(missing).toEqual([]);
  });

  it("the table has no cycle between folders", () => {
    const tableEdges = [...TABLE].flatMap(([from, tos]) => [...tos].map((to) => ({ from, to })));
    expect(cycles(tableEdges)).toEqual([]);
  });

  it("no two files import each other, directly or through others", () => {
    expect(cycles(EDGES)).toEqual([]);
  });

  it("theory and simulation never import each other (design card)", () => {
    for (const s of SIMULATION) {
      expect(TABLE.get("theory")!.has(s), `theory → ${s}`).toBe(false);
      expect(TABLE.get(s)!.has("theory"), `${s} → theory`).toBe(false);
    }
  });

  it("the claim machinery and the pool stay below the CLI and the report", () => {
    for (const above of ["cli", "report", "parallel", "properties"])
      expect(TABLE.get("claims")!.has(above), `claims → ${above}`).toBe(false);
    for (const above of ["cli", "report", "claims", "properties"])
      expect(TABLE.get("parallel")!.has(above), `parallel → ${above}`).toBe(false);
  });

  it("the experiment layer serves the CLI, figures and claims, and imports none of them", () => {
    for (const above of ["cli", "report", "claims", "parallel", "properties"])
      expect(TABLE.get("experiment")!.has(above), `experiment → ${above}`).toBe(false);
  });

  // The leaves: whatever the table says, these import only the folders listed (issue 13).
  const LEAVES: Record<string, readonly string[]> = {
    errors: [],
    format: ["errors"],
    linalg: ["errors"],
    random: ["errors"],
    runtime: [],
    parallel: ["errors", "format", "runtime"],
  };
  for (const [leaf, allowed] of Object.entries(LEAVES)) {
    it(`src/${leaf} imports only ${allowed.length > 0 ? allowed.join(", ") : "itself"}`, () => {
      const out = EDGES.filter((e) => layerOf(e.from) === leaf)
        .filter((e) => layerOf(e.to) !== leaf && !allowed.includes(layerOf(e.to) ?? ""))
        .map((e) => `${e.from} → ${e.to}`);
      expect(out).toEqual([]);
      for (const target of TABLE.get(leaf) ?? [])
        expect(allowed, `table row ${leaf} → ${target}`).toContain(target);
    });
  }

  it("nothing under src/ imports properties/, and no claim file imports another", () => {
    for (const [layer, targets] of TABLE)
      if (layer !== "cli") expect(targets.has("properties"), layer).toBe(false);
    const claimToClaim = EDGES.filter(
      (e) => layerOf(e.from) === "properties" && layerOf(e.to) === "properties",
    );
    expect(claimToClaim.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });
});

describe("the checker itself (so a green run is not vacuous)", () => {
  it("reads static, re-export, side-effect and literal dynamic imports", () => {
    const text = `import { a } from "./a.js";\nexport * from "../b.js";\nimport "./c.js";\nconst d = await import("./d.js");\nimport x from "node:fs";`;
    expect(relativeSpecifiers(text)).toEqual(["./a.js", "../b.js", "./c.js", "./d.js"]);
  });

  it("sees real edges in this tree", () => {
    expect(EDGES.length).toBeGreaterThan(300);
    expect(EDGES).toContainEqual({
      from: "src/theory/lateFusionRatio.ts",
      to: "src/statistics/derived.ts",
    });
  });

  it("flags an edge outside the table and finds a cycle", () => {
    const injected = [{ from: "src/theory/x.ts", to: "src/training/y.ts" }];
    expect(violations(TABLE, injected)).toEqual(["src/theory/x.ts → src/training/y.ts"]);
    expect(
      cycles([
        { from: "a", to: "b" },
        { from: "b", to: "c" },
        { from: "c", to: "a" },
        { from: "c", to: "d" },
      ]),
    ).toEqual([["a", "b", "c"]]);
  });
});
