import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import { statisticsFromFile, statisticsFromJson } from "../../src/statistics/json.js";

const SIGMA = [
  [4, 1],
  [1, 1],
];

describe("statisticsFromJson", () => {
  it('reads kind "toy" with the paper\'s defaults w = (1, 1), σ_ε = 0', () => {
    const stats = statisticsFromJson({ kind: "toy", sigmaA: 2, sigmaB: 1, rho: 0.5 });
    expect(stats.sigmaYX).toEqual([5, 2]);
    expect(stats.sigmaY2).toBe(7);
    expect(stats.teacher).toEqual({ wStar: [1, 1], noiseStd: 0 });
  });

  it('reads kind "toy" with every optional field', () => {
    const stats = statisticsFromJson({
      kind: "toy",
      sigmaA: 2,
      sigmaB: 1,
      rho: 0,
      wA: 0.5,
      wB: 1.5,
      noiseStd: 1,
    });
    // T8's example: Σ_yx = [0.5·4, 1.5·1]; σ_y² = 0.25·4 + 2.25 + 1.
    expect(stats.sigmaYX).toEqual([2, 1.5]);
    expect(stats.sigmaY2).toBe(4.25);
  });

  it('reads kind "teacher" (noise optional) and "moments"', () => {
    const teacher = statisticsFromJson({ kind: "teacher", sigma: SIGMA, wStar: [1, 1], dA: 1 });
    expect(teacher.sigmaYX).toEqual([5, 2]);
    expect(teacher.teacher?.noiseStd).toBe(0);
    const moments = statisticsFromJson({
      kind: "moments",
      sigma: SIGMA,
      sigmaYX: [5, 2],
      sigmaY2: 8,
      dA: 1,
    });
    expect(moments.sigmaY2).toBe(8);
    expect(moments.teacher).toBeUndefined();
  });

  it.each([
    ["stats", null],
    ["stats", 3],
    ["stats.kind", { kind: "gaussian" }],
    ["stats.kind", {}],
    ["stats.sigmaA", { kind: "toy", sigmaA: "2", sigmaB: 1, rho: 0 }],
    ["stats.rho", { kind: "toy", sigmaA: 2, sigmaB: 1 }],
    ["stats.wB", { kind: "toy", sigmaA: 2, sigmaB: 1, rho: 0, wB: null }],
    ["stats.sigma", { kind: "teacher", sigma: [[1, "x"]], wStar: [1], dA: 1 }],
    ["stats.sigma", { kind: "teacher", sigma: [1, 2], wStar: [1], dA: 1 }],
    ["stats.wStar", { kind: "teacher", sigma: SIGMA, wStar: "1,1", dA: 1 }],
    ["stats.dA", { kind: "teacher", sigma: SIGMA, wStar: [1, 1] }],
    ["stats.sigmaYX", { kind: "moments", sigma: SIGMA, sigmaYX: [5, null], sigmaY2: 8, dA: 1 }],
    ["stats.sigmaY2", { kind: "moments", sigma: SIGMA, sigmaYX: [5, 2], dA: 1 }],
  ])("reports a malformed document at %s", (field, doc) => {
    try {
      statisticsFromJson(doc);
      expect.unreachable("should have thrown");
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
    }
  });

  it("prefixes field names with the source (a file name)", () => {
    expect(() => statisticsFromJson({ kind: "toy", sigmaA: 2, sigmaB: 1 }, "my.json")).toThrow(
      /^my\.json\.rho: /,
    );
  });

  it("passes the values on to the validating constructors", () => {
    expect(() => statisticsFromJson({ kind: "toy", sigmaA: 2, sigmaB: 1, rho: 1 })).toThrow(
      /^rho: /,
    );
  });
});

describe("statisticsFromFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "ubias-json-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file and names it as the source", () => {
    const path = join(dir, "toy.json");
    writeFileSync(path, JSON.stringify({ kind: "toy", sigmaA: 2, sigmaB: 1, rho: 0.5 }));
    expect(statisticsFromFile(path).sigmaYX).toEqual([5, 2]);
    writeFileSync(path, JSON.stringify({ kind: "toy", sigmaA: 2, sigmaB: 1 }));
    expect(() => statisticsFromFile(path)).toThrow(`${path}.rho: `);
  });

  it("reports a missing file with its error code", () => {
    const path = join(dir, "absent.json");
    expect(() => statisticsFromFile(path)).toThrow(/^stats: cannot read .*absent\.json: ENOENT/);
  });

  it("reports invalid JSON", () => {
    const path = join(dir, "bad.json");
    writeFileSync(path, "{ kind: toy");
    expect(() => statisticsFromFile(path)).toThrow(/^stats: .*bad\.json is not valid JSON/);
  });
});
