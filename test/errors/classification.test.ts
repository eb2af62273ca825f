import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extrapolatedRatio } from "../../src/claims/smallInitLimit.js";
import { reportError } from "../../src/cli/errorReport.js";
import { InputError } from "../../src/errors/inputError.js";
import { InternalError } from "../../src/errors/internalError.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { parameterLayout } from "../../src/network/layout.js";
import { twoLayerLinearPart } from "../../src/network/reluLinearPart.js";
import { summarise } from "../../src/report/summary.js";
import { chainClock } from "../../src/theory/unequalDepths.js";

/**
 * Issue 13: InputError is its own class and the only error (besides commander's usage
 * errors) that reaches users as "bad input" (exit 2). A broken internal invariant must be
 * reported as an internal error (exit 3) with a request for a bug report.
 */
const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

const silent = { stdout: () => {}, stderr: () => {}, isTTY: false };

/** The exit code the CLI gives the error `f` throws. */
function exitCodeOf(f: () => unknown): number {
  try {
    f();
  } catch (error) {
    return reportError(error, silent, false);
  }
  throw new Error("expected an exception, nothing was thrown");
}

describe("error classes", () => {
  it("InputError and InternalError are unrelated Errors, neither a RangeError", () => {
    const input = new InputError("u0", "must be in (0, 1), got 2");
    const internal = new InternalError("broken");
    expect(input).not.toBeInstanceOf(RangeError);
    expect(input).not.toBeInstanceOf(InternalError);
    expect(internal).not.toBeInstanceOf(RangeError);
    expect(internal).not.toBeInstanceOf(InputError);
  });

  it("src/ throws no bare RangeError: every guard says whether it is bad input or a bug", () => {
    const bare = filesUnder(SRC).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          /throw new RangeError\(/.test(line) ? [`${relative(SRC, file)}:${i + 1}`] : [],
        ),
    );
    expect(bare).toEqual([]);
  });
});

describe("internal invariants exit 3, never 2", () => {
  it.each([
    ["summarise of a non-finite value", () => summarise([1, Number.NaN])],
    ["extrapolatedRatio without three pairs", () => extrapolatedRatio([1, 2], [1, 2])],
    [
      "twoLayerLinearPart on a depth-3 layout",
      () => {
        const layout = parameterLayout(
          fusionArchitecture({
            depth: 3,
            fusionLayer: 3,
            width: 2,
            dA: 1,
            dB: 1,
            activation: "relu",
          }),
        );
        twoLayerLinearPart(layout, new Float64Array(layout.size), new Float64Array(2));
      },
    ],
    [
      "an engine RangeError",
      () => {
        new Array(-1);
      },
    ],
  ])("%s", (_name, f) => {
    expect(exitCodeOf(f)).toBe(3);
  });

  it("bad input to a library function exits 2 with one line naming the field and the bound", () => {
    let stderr = "";
    const io = { ...silent, stderr: (s: string) => (stderr += s) };
    try {
      chainClock(0, 0.1);
    } catch (error) {
      expect(reportError(error, io, false)).toBe(2);
    }
    expect(stderr).toBe("ubias: chain length: must be an integer ≥ 1, got 0\n");
  });
});
