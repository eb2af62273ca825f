import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors/inputError.js";
import { FIGURES, figureById, ON_REQUEST_FIGURES } from "../../../src/report/figures/catalogue.js";

describe("FIGURES", () => {
  it("has unique ids, and every figure names at least one claim of docs/theory.md", () => {
    const ids = FIGURES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FIGURES) {
      expect(f.claims.length, f.id).toBeGreaterThan(0);
      for (const c of f.claims) expect(c, f.id).toMatch(/^[TX]\d+/);
      expect(f.title.length, f.id).toBeGreaterThan(0);
      expect(f.caption.length, f.id).toBeGreaterThan(0);
    }
    // "all" is the CLI's word for every figure: no figure may take it.
    expect(ids).not.toContain("all");
  });

  it("lists every figure module of src/report/figures that defines a figure", () => {
    // Modules that are figures export `<name>Figure` (defineFigure); helpers do not. A new
    // figure file left out of the catalogue would never be generated.
    const dir = new URL("../../../src/report/figures/", import.meta.url);
    const helpers = new Set([
      "catalogue",
      "chart",
      "csv",
      "deepSweep",
      "figure",
      "generate",
      "render",
      "simulationJob",
      "toyHeatmap",
      "toySweep",
    ]);
    const modules = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.replace(/\.ts$/, ""))
      .filter((m) => !helpers.has(m));
    // The figures made only on request (mnist-fusion) count too.
    expect(modules.length).toBe(FIGURES.length + ON_REQUEST_FIGURES.length);
  });
});

describe("figureById", () => {
  it("finds each figure by its id", () => {
    for (const f of [...FIGURES, ...ON_REQUEST_FIGURES]) expect(figureById(f.id)).toBe(f);
  });

  it("an unknown id is an InputError listing the valid ids and 'all'", () => {
    let error: unknown;
    try {
      figureById("toy-ratios");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toContain('unknown figure "toy-ratios"');
    for (const f of FIGURES) expect(message).toContain(f.id);
    expect(message.endsWith(", all")).toBe(true);
  });
});
