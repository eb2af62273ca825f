import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replayed } from "../../src/cli/replay.js";
import { InputError } from "../../src/errors/inputError.js";

describe("replayed", () => {
  it("returns the check's value", () => {
    expect(replayed("1:2", "T2", 5, () => 42)).toBe(42);
  });

  it("turns fast-check's 'Unable to replay' for a given path into an InputError on --path", () => {
    // A real fast-check failure: fc.constant has no shrinks, so after "0:5" the stream is
    // empty and the last segment has nothing to walk ("Unable to replay, got wrong path").
    const check = () =>
      fc.assert(
        fc.property(fc.constant(1), () => false),
        { seed: 3, path: "0:5:0", endOnFailure: true },
      );
    let error: unknown;
    try {
      replayed("0:5:0", "T2", 3, check);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("--path");
    expect((error as InputError).message).toContain("does not lead to a case of T2 with seed 3");
  });

  it("passes any other error through unchanged, and 'Unable to replay' too when no path was given", () => {
    const other = new Error("claim failed");
    expect(() =>
      replayed("1", "T2", 0, () => {
        throw other;
      }),
    ).toThrow(other);
    const unable = new Error("Unable to replay, the path is invalid");
    expect(() =>
      replayed(undefined, "T2", 0, () => {
        throw unable;
      }),
    ).toThrow(unable);
    // Only a message that starts with it: fast-check's own wording, not a mention of it.
    const mention = new Error("claim says: Unable to replay");
    expect(() =>
      replayed("1", "T2", 0, () => {
        throw mention;
      }),
    ).toThrow(mention);
  });
});
