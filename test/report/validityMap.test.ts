import { describe, expect, it } from "vitest";
import { UnmeasurableRun } from "../../src/errors/unmeasurableRun.js";
import type { CellSimulator } from "../../src/report/validityMap.js";
import {
  cellKind,
  cellText,
  formatSignedPercent,
  VALIDITY_CSV_COLUMNS,
  validityCell,
  validityCsv,
  validityMap,
  validityTable,
} from "../../src/report/validityMap.js";

/** T5 at depth 4, fusion 3 on the paper's toy σA = 2, σB = 1. */
const T5_SPEC = { claim: "T5", depth: 4, fusionLayer: 3, sigmaA: 2, sigmaB: 1 } as const;

/** A simulator that never reaches t_B (as a run that exhausts its step budget). */
const neverReachesB: CellSimulator = () =>
  ({
    run: { status: "step-budget", steps: 7 },
    times: {
      tA: 1,
      tB: Number.NaN,
      ratio: Number.NaN,
      duration: Number.NaN,
      reached: false,
      firstModality: "A",
    },
  }) as unknown as ReturnType<CellSimulator>;

describe("validityMap (small grid, real simulations)", () => {
  // u0 = 0.01: docs/theory.md §6 measured T5 within 1% there; ρ = −0.9 ≤ −σB/σA is outside T5's domain.
  const map = validityMap({ ...T5_SPEC, u0s: [0.1, 0.01], rhos: [-0.9, 0.5] });

  it("is row-major over u0 × ρ and counts each kind of cell", () => {
    expect(map.cells.map((c) => [c.u0, c.rho])).toEqual([
      [0.1, -0.9],
      [0.1, 0.5],
      [0.01, -0.9],
      [0.01, 0.5],
    ]);
    expect(map.counts).toEqual({ measured: 2, outOfDomain: 2, notReached: 0 });
    expect(map).toMatchObject({ claim: "T5", depth: 4, fusion: 3, width: 1, init: "balanced" });
  });

  it("does not simulate cells outside T5's domain and says why", () => {
    const outside = map.cells[0]!;
    expect(outside).toMatchObject({
      status: "not-simulated",
      outOfDomain: "signs-apart",
      steps: 0,
    });
    expect(outside.measured).toBeNaN();
    expect(outside.relativeError).toBeNaN();
    expect(cellKind(outside)).toBe("out-of-domain");
    expect(cellText(outside)).toBe("—");
  });

  it("measures in-domain cells against T5 (≈ 1.958 at u0 = 0.1; ≤ 1% error at u0 = 0.01)", () => {
    const [coarse, fine] = [map.cells[1]!, map.cells[3]!];
    expect(coarse.claim).toBe("T5");
    expect(coarse.predicted).toBeCloseTo(1.958, 3);
    for (const cell of [coarse, fine]) {
      expect(cell.status).toBe("completed");
      expect(cell.outOfDomain).toBeUndefined();
      expect(cell.relativeError).toBeCloseTo(cell.measured / cell.predicted - 1, 14);
      expect(cell.measured).toBeCloseTo(cell.tB / cell.tA, 12);
      expect(cell.steps).toBeGreaterThan(0);
    }
    expect(Math.abs(fine.relativeError)).toBeLessThan(0.01);
    // T7's convergence: the error shrinks with u0.
    expect(Math.abs(fine.relativeError)).toBeLessThan(Math.abs(coarse.relativeError));
  });

  it("prints a table with rows u0, columns ρ, a legend and the row's largest |error|", () => {
    const text = validityTable(map);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^T5 validity: depth 4, fusion layer 3 \(intermediate fusion\)/);
    expect(lines).toContain("");
    const header = lines.find((l) => l.startsWith("u0"))!;
    expect(header.split(/\s{2,}/)).toEqual(["u0 \\ ρ", "-0.9", "0.5", "max |err|"]);
    const row = lines.find((l) => l.startsWith("0.01 "))!;
    const cells = row.trim().split(/\s+/);
    expect(cells[1]).toBe("—");
    expect(cells[2]).toBe(formatSignedPercent(map.cells[3]!.relativeError));
    expect(text).toContain("outside the prediction's domain (signs-apart)");
    expect(text).toContain("2 measured, 2 out of domain, 0 not reached");
  });

  it("writes one CSV row per cell with the documented columns; empty fields for no number", () => {
    const [header, ...rows] = validityCsv(map).trimEnd().split("\n");
    expect(header).toBe(VALIDITY_CSV_COLUMNS.join(","));
    expect(header).toBe(
      "claim,depth,fusion,sigmaA,sigmaB,rho,u0,predicted,measured,relativeError,tA,tB,status,outOfDomain,steps",
    );
    expect(rows).toHaveLength(4);
    const outside = rows[0]!.split(",");
    expect(outside.slice(0, 7)).toEqual(["T5", "4", "3", "2", "1", "-0.9", "0.1"]);
    expect(outside.slice(8)).toEqual(["", "", "", "", "not-simulated", "signs-apart", "0"]);
    const measured = rows[3]!.split(",");
    expect(Number(measured[9])).toBe(map.cells[3]!.relativeError);
    expect(measured[12]).toBe("completed");
    expect(measured[13]).toBe("");
  });
});

describe("validityCell", () => {
  it("marks a run that does not reach t_B as not reached, with its status", () => {
    const cell = validityCell(T5_SPEC, 0.5, 0.1, neverReachesB);
    expect(cell).toMatchObject({ status: "step-budget", steps: 7, tA: 1 });
    expect(cell.relativeError).toBeNaN();
    expect(cellKind(cell)).toBe("not-reached");
    expect(cellText(cell)).toBe("n/r");
    const map = validityMap({ ...T5_SPEC, u0s: [0.1], rhos: [0.5] }, { simulate: neverReachesB });
    expect(map.counts.notReached).toBe(1);
    expect(validityTable(map)).toContain("n/r t_B not reached (status: step-budget)");
  });

  it("a run that gives no answer (UnmeasurableRun: a broken external simulator) is an unmeasurable cell with its reason; other errors propagate", () => {
    const broken: CellSimulator = () => {
      throw new UnmeasurableRun("simulator exited with code 4 instead of answering");
    };
    const cell = validityCell(T5_SPEC, 0.5, 0.1, broken);
    expect(cell).toMatchObject({
      status: "unmeasurable",
      unmeasurable: "simulator exited with code 4 instead of answering",
      steps: 0,
    });
    expect(cell.measured).toBeNaN();
    expect(cellText(cell)).toBe("n/r");
    const map = validityMap({ ...T5_SPEC, u0s: [0.1], rhos: [0.5] }, { simulate: broken });
    expect(validityTable(map)).toContain(
      "n/r t_B not reached (status: unmeasurable — simulator exited with code 4 instead of answering)",
    );
    const bug: CellSimulator = () => {
      throw new TypeError("a bug of ours");
    };
    expect(() => validityCell(T5_SPEC, 0.5, 0.1, bug)).toThrow(TypeError);
  });

  it("classifies late fusion with Σ_yxB·e_B < 0 as balanced-init-degenerate (B is never learned)", () => {
    let simulated = false;
    const spy: CellSimulator = () => {
      simulated = true;
      return neverReachesB({} as never, {} as never);
    };
    // ρ = −0.9: Σ_yxB = 1 − 1.8 < 0 while e_B > 0.
    const cell = validityCell({ depth: 2, fusionLayer: 2, sigmaA: 2, sigmaB: 1 }, -0.9, 1e-3, spy);
    expect(cell).toMatchObject({ claim: "T2", outOfDomain: "balanced-init-degenerate" });
    expect(simulated).toBe(false);
  });

  it("takes its prediction from predictPhases: T2 for two layers, T4 for deep late fusion", () => {
    const t2 = validityCell({ depth: 2, fusionLayer: 2, sigmaA: 2, sigmaB: 1 }, 0.5, 1e-3);
    expect(t2.claim).toBe("T2");
    expect(t2.predicted).toBeCloseTo(5, 12);
    // Balanced two-layer late fusion at u0 = 1e-3: within a few % of T2 (docs/theory.md §6).
    expect(Math.abs(t2.relativeError)).toBeLessThan(0.05);
    const t4 = validityCell({ depth: 3, fusionLayer: 3, sigmaA: 2, sigmaB: 1 }, 0.5, 0.01);
    expect(t4.claim).toBe("T4");
    expect(Math.abs(t4.relativeError)).toBeLessThan(0.01);
  });

  it("orients the data when σB > σA and flags a tie as out of domain", () => {
    const swapped = validityCell({ depth: 4, fusionLayer: 3, sigmaA: 1, sigmaB: 2 }, 0.5, 0.01);
    const direct = validityCell({ depth: 4, fusionLayer: 3, sigmaA: 2, sigmaB: 1 }, 0.5, 0.01);
    expect(swapped.predicted).toBeCloseTo(direct.predicted, 12);
    expect(swapped.measured).toBeCloseTo(direct.measured, 9);
    const tie = validityCell({ depth: 4, fusionLayer: 3, sigmaA: 1, sigmaB: 1 }, 0.5, 0.01);
    expect(tie).toMatchObject({ outOfDomain: "tie", status: "not-simulated" });
  });
});

describe("formatSignedPercent", () => {
  it.each([
    [0.0123, "+1.23%"],
    [-0.00456, "-0.456%"],
    [0.39, "+39.0%"],
    [1.41e-9, "+1.41e-7%"],
    [-1.94e-8, "-1.94e-6%"],
    [0, "0%"],
    [Number.NaN, "NaN"],
  ])("%d → %s", (x, text) => {
    expect(formatSignedPercent(x)).toBe(text);
  });
});
