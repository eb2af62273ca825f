import { describe, expect, it } from "vitest";
import { InternalError } from "../../../src/errors/internalError.js";
import { defineFigure } from "../../../src/report/figures/figure.js";
import { FIGURE_SOURCE, figureJobRunner } from "../../../src/report/figures/generate.js";

type Job = { readonly x: number; readonly label: string };
type Result = { readonly square: number; readonly label: string };

const seen: Job[] = [];
const squares = defineFigure<Job, Result>({
  id: "squares",
  title: "Squares",
  caption: "x².",
  claims: [],
  jobs: (options) => [1, 2, 3].map((x) => ({ x: x + options.seed, label: `x${x}` })),
  runJob(job) {
    seen.push(job);
    return { square: job.x * job.x, label: job.label };
  },
  assemble(_options, results) {
    // Typed: no cast to reach the fields of a result.
    const rows = results.map((r) => ({ label: r.label, square: r.square }));
    return { rows, spec: { title: this.title } };
  },
});

describe("defineFigure (a figure's job and result types, declared once)", () => {
  const options = { seed: 10, repeats: 1 };

  it("tags each job input with the figure's id, in job order", () => {
    expect(squares.jobs(options)).toEqual([
      { figure: "squares", input: { x: 11, label: "x1" } },
      { figure: "squares", input: { x: 12, label: "x2" } },
      { figure: "squares", input: { x: 13, label: "x3" } },
    ]);
  });

  it("runs a job from its JSON form (as a worker receives it) and assembles the results", async () => {
    seen.length = 0;
    const results = await Promise.all(
      squares.jobs(options).map((job) => squares.runJob(structuredClone(job.input))),
    );
    expect(seen.map((j) => j.x)).toEqual([11, 12, 13]);
    const data = squares.assemble(options, results);
    expect(data.rows).toEqual([
      { label: "x1", square: 121 },
      { label: "x2", square: 144 },
      { label: "x3", square: 169 },
    ]);
    // assemble runs as a method of the declared figure (figures use this.title).
    expect(data.spec).toEqual({ title: "Squares" });
  });

  it("refuses a result list that does not match the jobs (InternalError, not bad input)", () => {
    const run = () => squares.assemble(options, [{ square: 1, label: "x1" }]);
    expect(run).toThrow(InternalError);
    expect(run).toThrow("figure squares: 1 results for 3 jobs");
  });

  it("rejects job and result types that are not plain JSON (compile-time checks)", () => {
    // These lines are checked by `tsc --noEmit` (test/ is in tsconfig's include): each
    // expect-error directive below fails the typecheck if defineFigure ever accepts the type.
    const notJson = () =>
      // @ts-expect-error a job holding a function cannot cross to a worker thread
      defineFigure<{ readonly f: () => number }, null>({
        id: "bad",
        title: "",
        caption: "",
        claims: [],
        jobs: () => [],
        runJob: () => null,
        assemble: () => ({ rows: [], spec: {} }),
      });
    const wrongResult = () =>
      defineFigure<Job, Result>({
        id: "bad",
        title: "",
        caption: "",
        claims: [],
        jobs: () => [],
        // @ts-expect-error runJob must return the declared Result
        runJob: (job) => ({ square: job.label }),
        assemble: () => ({ rows: [], spec: {} }),
      });
    const typedTypedArray = () =>
      // @ts-expect-error a Float64Array is not JSON (structured clone would keep it, JSON not)
      defineFigure<Float64Array, null>({
        id: "bad",
        title: "",
        caption: "",
        claims: [],
        jobs: () => [],
        runJob: () => null,
        assemble: () => ({ rows: [], spec: {} }),
      });
    expect([notJson, wrongResult, typedTypedArray].every((f) => typeof f === "function")).toBe(
      true,
    );
  });
});

describe("the figures' job source", () => {
  it("sends figure jobs to the figure catalogue's figureById", () => {
    expect(FIGURE_SOURCE.resolver).toBe("figureById");
    expect(FIGURE_SOURCE.module).toMatch(/\/src\/report\/figures\/catalogue\.ts$/);
  });

  it("runs a job in this thread the way a worker resolves it", () => {
    const result = figureJobRunner({ key: "validity-T5", input: { rho: 0.5, u0: 0.3 } });
    expect(result).toMatchObject({ rho: 0.5, u0: 0.3 });
  });
});
