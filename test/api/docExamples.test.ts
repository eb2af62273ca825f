import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { ExportDoc } from "./docExamples.js";
import { exportDocs, parseDoc, runnableExample } from "./docExamples.js";
import { check, writtenPrecision } from "./exampleCheck.js";

/*
 * The public API's documentation is tested as mathjs tests its doc examples (issue 14 item 3):
 * every export of the entry modules of package.json's `exports` has TSDoc on its declaration,
 * every exported function has an @example with a ```ts block, and every block runs — imports of
 * "ubias", "ubias/claims" and "ubias/vitest" pointed at the source entries — with its stated
 * results (`// → value`, `// ≈ value`; test/api/docExamples.ts) checked. An example that
 * imports "ubias/vitest" registers its tests in this file (it is loaded while vitest collects).
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ENTRIES = {
  ubias: "src/api/index.ts",
  "ubias/claims": "src/api/claims.ts",
  "ubias/vitest": "src/api/vitest.ts",
} as const;
const CHECK_MODULE = join(ROOT, "test", "api", "exampleCheck.ts");

const docs = exportDocs(ROOT, ENTRIES);
// A directory under the root (not the system's temp dir), so that "fast-check" and the other
// dependencies an example imports resolve from node_modules.
const dir = mkdtempSync(join(ROOT, ".tmp-doc-examples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Example {
  readonly label: string;
  readonly file: string;
  readonly checks: number;
  readonly vitest: boolean;
}

/** Each declaration's examples once, though fromToy (say) is exported by two entries. */
function writeExamples(all: readonly ExportDoc[]): Example[] {
  const seen = new Set<string>();
  const examples: Example[] = [];
  const entryFiles = Object.fromEntries(
    Object.entries(ENTRIES).map(([specifier, file]) => [
      specifier,
      relative(dir, join(ROOT, file)).replaceAll("\\", "/"),
    ]),
  );
  const checkModule = relative(dir, CHECK_MODULE).replaceAll("\\", "/");
  for (const doc of all) {
    const key = `${doc.file}#${doc.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    doc.examples.forEach((code, i) => {
      const { text, checks } = runnableExample(code, entryFiles, checkModule);
      const file = join(dir, `${doc.name}-${i + 1}.ts`);
      writeFileSync(file, text);
      examples.push({
        label: `${doc.name} (${doc.file}) example ${i + 1}`,
        file,
        checks,
        vitest: /from\s+"ubias\/vitest"/.test(code),
      });
    });
  }
  return examples;
}

const examples = writeExamples(docs);

// Examples of ubias/vitest call `it`: imported now, while this file's tests are collected.
const vitestLoadErrors: string[] = [];
for (const example of examples.filter((e) => e.vitest)) {
  try {
    await import(pathToFileURL(example.file).href);
  } catch (error) {
    vitestLoadErrors.push(`${example.label}: ${(error as Error).message}`);
  }
}

describe("TSDoc on every export of the public entry modules", () => {
  it("reads the entries' exports (so a green run is not vacuous)", () => {
    const names = (entry: string) => docs.filter((d) => d.entry === entry).map((d) => d.name);
    expect(names("ubias")).toEqual(
      expect.arrayContaining(["fromToy", "fromTeacher", "predictPhases", "simulate", "PhaseTimes"]),
    );
    expect(names("ubias/claims")).toEqual(
      expect.arrayContaining(["defineClaim", "defineConjecture", "checkClaim", "toyParameters"]),
    );
    expect(names("ubias/vitest")).toEqual(["claimTest", "ClaimTestOptions"]);
  });

  for (const doc of docs) {
    const needsExample = doc.kind === "function";
    it(`${doc.entry}: ${doc.name} has TSDoc${needsExample ? " with an @example" : ""}`, () => {
      expect(doc.summary, `${doc.name} (${doc.file}) has no TSDoc summary`).not.toBe("");
      expect(doc.examplesWithoutCode, `${doc.name}: an @example without a \`\`\`ts block`).toBe(0);
      if (needsExample)
        expect(doc.examples.length, `${doc.name} (${doc.file}) has no @example`).toBeGreaterThan(0);
    });
  }
});

describe("@example blocks run and their stated results hold", () => {
  it("there are examples", () => {
    expect(examples.length).toBeGreaterThan(30);
  });

  for (const example of examples.filter((e) => !e.vitest)) {
    it(example.label, async () => {
      expect(example.checks, `${example.label} states no result (// → or // ≈)`).toBeGreaterThan(0);
      await import(pathToFileURL(example.file).href);
    });
  }

  it("the ubias/vitest examples loaded and registered their tests", () => {
    expect(vitestLoadErrors).toEqual([]);
    expect(examples.filter((e) => e.vitest).length).toBeGreaterThan(0);
  });
});

describe("the reader and the checks themselves", () => {
  it("finds a missing TSDoc, a missing example and an @example without code", () => {
    const file = join(dir, "undocumented.ts");
    writeFileSync(
      file,
      [
        "export function bare(): number { return 1; }",
        "/** Documented, no example. */",
        "export function noExample(): number { return 2; }",
        "/**",
        " * Example without a fence.",
        " * @example noFence() // 3",
        " */",
        "export const noFence = (): number => 3;",
        "export interface Plain { readonly x: number }",
      ].join("\n"),
    );
    const found = exportDocs(dir, { probe: "undocumented.ts" });
    const byName = Object.fromEntries(found.map((d) => [d.name, d]));
    expect(byName.bare).toMatchObject({ kind: "function", summary: "", examples: [] });
    expect(byName.noExample).toMatchObject({ summary: "Documented, no example.", examples: [] });
    expect(byName.noFence?.examplesWithoutCode).toBe(1);
    expect(byName.Plain).toMatchObject({ kind: "type", summary: "" });
  });

  it("parses a summary and the ```ts blocks of each @example", () => {
    const parsed = parseDoc(
      "/**\n * Sum.\n *\n * @example\n * ```ts\n * add(1, 2); // → 3\n * ```\n * @returns the sum\n */",
    );
    expect(parsed).toEqual({
      summary: "Sum.",
      examples: ["add(1, 2); // → 3\n"],
      examplesWithoutCode: 0,
    });
  });

  it("turns stated results into checks and rewrites the package imports", () => {
    const { text, checks } = runnableExample(
      'import { fromToy } from "ubias";\nfromToy(x).sigmaY2; // → 7\nconst y = 1;\n',
      { ubias: "../src/api/index.ts" },
      "./check.ts",
    );
    expect(checks).toBe(1);
    expect(text).toContain('from "../src/api/index.ts"');
    expect(text).toContain('__check((fromToy(x).sigmaY2), "→", (7), "7", 2);');
    expect(() => runnableExample('import { x } from "ubias/other";', {}, "./c.ts")).toThrow(
      "imports ubias/other, not an entry",
    );
  });

  it("→ compares deeply; ≈ to half a unit of the last written digit", () => {
    expect(() => check([5, 2], "→", [5, 2], "[5, 2]", 1)).not.toThrow();
    expect(() => check(5 + 1e-14, "→", 5, "5", 1)).not.toThrow();
    expect(() => check({ a: [1] }, "→", { a: [2] }, "{ a: [2] }", 3)).toThrow(
      'line 3: stated → { a: [2] }, got {"a":[1]}',
    );
    expect(() => check(2.7634, "≈", 2.763, "2.763", 1)).not.toThrow();
    expect(() => check(2.7636, "≈", 2.763, "2.763", 4)).toThrow("line 4");
    expect(() => check([1.0004, 0.9996], "≈", [1, 1], "[1.000, 1.000]", 1)).not.toThrow();
    expect(writtenPrecision("5")).toBe(0.5);
    expect(writtenPrecision("1.5e-6")).toBeCloseTo(5e-8, 20);
  });
});
