import type { TestSpecification } from "vitest/node";
import { BaseSequencer } from "vitest/node";

/**
 * The suite's longest files, longest first, with their seconds as measured with coverage on
 * the 2-core VM (2026-12-04, `npx vitest run --coverage --reporter=json`). Vitest orders
 * files by the durations it cached on an earlier run; a clean clone (CI) has none, and then
 * the files ran in glob order, so the claims catalogue (then ~20 s) started last and was the
 * suite's 9-s tail (issue 16 item 4: 88 s, one core idle for the last 9). Starting the long
 * files first bounds the tail by the short ones. A file missing here only runs later.
 */
export const LONGEST_FILES: readonly (readonly [file: string, seconds: number])[] = [
  ["test/docs/examples.test.ts", 23],
  ["test/cli/fuzz.test.ts", 10],
  ["test/cli/simulatorOption.test.ts", 9],
  ["test/mnist/t14Counterexample.test.ts", 7],
  ["test/properties/claims.test.ts", 7],
  ["test/report/figures/randomScatter.test.ts", 6],
  ["test/scripts/mutation/catalogue.test.ts", 5.5],
  ["test/report/figures/deepSweeps.test.ts", 4.2],
];

/** Vitest's order (cached durations, then size), with LONGEST_FILES moved to the front. */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = LONGEST_FILES.findIndex(([file]) => spec.moduleId.endsWith(file));
      return i < 0 ? LONGEST_FILES.length : i;
    };
    // Array.prototype.sort is stable: the rest keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
