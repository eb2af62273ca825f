import { describe, expect, it } from "vitest";
import { runReport } from "../../src/report/reportRun.js";
import { FIGURES } from "./fixtures/cheapFigures.js";

const figuresModule = new URL("./fixtures/cheapFigures.ts", import.meta.url).href;

describe("runReport (figures only, one thread)", () => {
  it("runs each figure's jobs, assembles them in job order and renders SVG and CSV", async () => {
    const progress: [number, number][] = [];
    const run = await runReport({
      threads: 1,
      seed: 100,
      repeats: 1,
      claimIds: [],
      claimsDir: "/nonexistent",
      figures: FIGURES,
      figuresModule,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(run.claims).toEqual([]);
    expect(run.threads).toBe(1);
    const [squares, constant] = run.figures;
    // Job n → n² + seed, in job order.
    expect(squares!.data.rows).toEqual([
      { n: 1, value: 101 },
      { n: 2, value: 104 },
      { n: 3, value: 109 },
    ]);
    expect(squares!.csv.split("\n")[0]).toBe("n,value");
    expect(squares!.csv).toContain("3,109");
    expect(squares!.svg).toMatch(/^<svg/);
    expect(squares!.timing.jobs).toBe(3);
    expect(squares!.timing.id).toBe("squares");
    expect(constant!.timing.jobs).toBe(0);
    expect(constant!.timing.simulationSeconds).toBe(0);
    expect(constant!.data.rows).toEqual([{ n: 1, value: 7 }]);
    // Steps: 3 jobs + 2 rendered figures = 5, announced first as (0, 5), then one at a time.
    expect(progress).toEqual([
      [0, 5],
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(run.poolSeconds).toBeGreaterThanOrEqual(0);
    expect(run.figureSeconds).toBeGreaterThanOrEqual(0);
  });
});
