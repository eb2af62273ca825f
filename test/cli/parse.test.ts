import { describe, expect, it } from "vitest";
import {
  MAX_PATH_INDEX,
  MAX_PATH_STEPS,
  optionalInteger,
  optionalNumber,
  parseChoice,
  parseInteger,
  parseNumber,
  parseReplayPath,
} from "../../src/cli/parse.js";
import { InputError } from "../../src/errors/inputError.js";

describe("parseNumber", () => {
  it.each([
    ["0.5", 0.5],
    ["1e-6", 1e-6],
    ["-2", -2],
    [" 3 ", 3],
    ["1E3", 1000],
  ])("%j → %d", (raw, value) => {
    expect(parseNumber("--x", raw)).toBe(value);
  });

  it.each(["", " ", "abc", "1x", "NaN", "Infinity", "-Infinity", "1e400"])(
    "rejects %j naming the field",
    (raw) => {
      expect(() => parseNumber("--x", raw)).toThrow(InputError);
      expect(() => parseNumber("--x", raw)).toThrow(/^--x: must be a finite number/);
    },
  );
});

describe("parseInteger", () => {
  it("accepts integers in range and names the bounds otherwise", () => {
    expect(parseInteger("--n", "3", 1, 5)).toBe(3);
    expect(() => parseInteger("--n", "0", 1, 5)).toThrow(
      "--n: must be an integer in [1, 5], got 0",
    );
    expect(() => parseInteger("--n", "2.5", 1, 5)).toThrow(
      "--n: must be an integer in [1, 5], got 2.5",
    );
  });
});

describe("parseChoice", () => {
  it("accepts one of the words and lists them otherwise", () => {
    expect(parseChoice("--m", "gd", ["flow", "gd"])).toBe("gd");
    expect(() => parseChoice("--m", "sgd", ["flow", "gd"])).toThrow(
      '--m: must be one of flow, gd, got "sgd"',
    );
  });
});

describe("optionalNumber", () => {
  it("falls back when the option is absent", () => {
    expect(optionalNumber("--x", undefined, 7)).toBe(7);
    expect(optionalNumber("--x", "8", 7)).toBe(8);
  });
});

describe("issue 12: numbers in decimal only, replay paths bounded", () => {
  it.each(["0x2", "0b1", "0o7", "1e400", "2 3", "1,5"])("rejects %j", (raw) => {
    expect(() => parseNumber("--sigma-a", raw)).toThrow(/^--sigma-a: must be a finite number/);
  });

  it.each(["abc", "", "-1:2", "1::2", "1:2:", "99999999999", "1.5"])(
    "rejects the path %j",
    (raw) => {
      expect(() => parseReplayPath("--path", raw)).toThrow(InputError);
    },
  );

  it("rejects a path longer than MAX_PATH_STEPS and accepts printed ones", () => {
    const long = Array.from({ length: MAX_PATH_STEPS + 1 }, () => "0").join(":");
    expect(() => parseReplayPath("--path", long)).toThrow(/at most 1000/);
    expect(parseReplayPath("--path", "375:0:0:14")).toBe("375:0:0:14");
    expect(parseReplayPath("--path", String(MAX_PATH_INDEX))).toBe(String(MAX_PATH_INDEX));
  });
});

describe("optionalInteger", () => {
  it("returns the fallback only when the option is absent, unchecked against the bounds", () => {
    expect(optionalInteger("--seed", undefined, 0, 10, 99)).toBe(99);
    expect(optionalInteger("--runs", undefined, 1, 10, undefined)).toBeUndefined();
    expect(optionalInteger("--seed", "7", 0, 10, 99)).toBe(7);
  });

  it("checks a given value as parseInteger does, naming the flag", () => {
    expect(() => optionalInteger("--seed", "11", 0, 10, 0)).toThrow(InputError);
    expect(() => optionalInteger("--seed", "11", 0, 10, 0)).toThrow(/--seed/);
    expect(() => optionalInteger("--seed", "2.5", 0, 10, 0)).toThrow(/--seed/);
  });
});
