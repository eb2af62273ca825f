import { describe, expect, it } from "vitest";
import { keyValueList } from "../../src/report/keyValue.js";

describe("keyValueList", () => {
  it("aligns the values and drops undefined rows", () => {
    expect(
      keyValueList([
        ["ratio", "5"],
        ["skipped", undefined],
        ["t_A", "2.76"],
      ]),
    ).toBe("ratio  5\nt_A    2.76");
  });
  it("is empty for no rows", () => {
    expect(keyValueList([])).toBe("");
  });
});
