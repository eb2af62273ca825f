import { describe, expect, it } from "vitest";
import * as ubias from "../../src/api/index.js";

const exported = new Map<string, unknown>(Object.entries(ubias));

// The entry modules re-export; what each must offer (issue 14 item 3) is listed here, and
// test/api/docExamples.test.ts runs their documented examples. package.json's exports point
// at the built files of these modules (dist/src/api/*.js).
describe("the entry modules", () => {
  it("ubias: statistics, predictions, simulation and measurement", () => {
    for (const name of [
      "fromToy",
      "fromTeacher",
      "fromMoments",
      "statisticsFromJson",
      "statisticsFromFile",
      "derive",
      "orient",
      "predictPhases",
      "lateFusionRatio",
      "simulate",
      "phaseTimes",
      "phaseThresholds",
    ] as const)
      expect(typeof exported.get(name), name).toBe("function");
    expect(new ubias.InputError("sigmaA", "must be > 0").message).toBe("sigmaA: must be > 0");
  });
});
