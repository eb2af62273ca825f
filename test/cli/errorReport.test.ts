import { CommanderError } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  BUG_REPORT,
  formatCommanderMessage,
  oneLine,
  reportError,
} from "../../src/cli/errorReport.js";
import { run } from "../../src/cli/main.js";
import { InputError } from "../../src/errors/inputError.js";
import { InternalError } from "../../src/errors/internalError.js";
import { lines } from "./runCli.js";

function capture() {
  let stderr = "";
  return {
    io: {
      stdout: () => {},
      stderr: (s: string) => {
        stderr += s;
      },
      isTTY: false,
    },
    stderr: () => stderr,
  };
}

describe("formatCommanderMessage", () => {
  it.each([
    ["error: option '--u0 <n>' argument missing", "--u0: argument missing"],
    [
      "error: unknown option '--sigm'\n(Did you mean --sigma-a?)",
      "--sigm: unknown option (Did you mean --sigma-a?)",
    ],
    ["error: required option '--x <n>' not specified", "--x: is required"],
    ["error: unknown command 'train'", 'command: unknown command "train"'],
    [
      "error: too many arguments for 'predict'. Expected 0 arguments but got 1.",
      "predict: too many arguments. Expected 0 arguments but got 1.",
    ],
    ["error: something else\n", "something else"],
  ])("%j → %j", (raw, expected) => {
    expect(formatCommanderMessage(raw)).toBe(expected);
  });
});

describe("reportError", () => {
  it("InputError → one line, exit 2", () => {
    const a = capture();
    expect(reportError(new InputError("--u0", "must be in (0, 1), got 2"), a.io, false)).toBe(2);
    expect(a.stderr()).toBe("ubias: --u0: must be in (0, 1), got 2\n");
  });

  it("a plain RangeError is a library guard validation should have met: internal, exit 3", () => {
    const b = capture();
    expect(reportError(new RangeError("u0 must be in (0, 1), got 2"), b.io, false)).toBe(3);
    expect(b.stderr()).toBe(`ubias: internal error: u0 must be in (0, 1), got 2 (${BUG_REPORT})\n`);
  });

  it("InternalError, an engine RangeError or any other exception is internal: one line, exit 3, stack only in debug", () => {
    const i = capture();
    expect(reportError(new InternalError("stiff leg not continued"), i.io, false)).toBe(3);
    expect(i.stderr()).toBe(`ubias: internal error: stiff leg not continued (${BUG_REPORT})\n`);
    const a = capture();
    expect(reportError(new RangeError("Maximum call stack size exceeded"), a.io, false)).toBe(3);
    expect(a.stderr()).toBe(
      `ubias: internal error: Maximum call stack size exceeded (${BUG_REPORT})\n`,
    );
    const b = capture();
    expect(reportError(new TypeError("x is not a function\nsecond line"), b.io, false)).toBe(3);
    expect(b.stderr()).toBe(
      `ubias: internal error: x is not a function second line (${BUG_REPORT})\n`,
    );
    const c = capture();
    expect(reportError(new Error("boom"), c.io, true)).toBe(3);
    expect(lines(c.stderr())[0]).toBe(`ubias: internal error: boom (${BUG_REPORT})`);
    expect(c.stderr()).toMatch(/\n\s+at /);
  });

  it("commander's help and version exit 0, its errors 2", () => {
    const a = capture();
    expect(
      reportError(new CommanderError(0, "commander.helpDisplayed", "(outputHelp)"), a.io, false),
    ).toBe(0);
    expect(
      reportError(new CommanderError(1, "commander.unknownOption", "error"), a.io, false),
    ).toBe(2);
    expect(a.stderr()).toBe(""); // commander printed it already, through configureOutput
  });

  it("oneLine joins lines", () => {
    expect(oneLine("  a\n   b\n")).toBe("a b");
  });
});

describe("run", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("prints help and the version on stdout with exit 0", async () => {
    let stdout = "";
    const io = {
      stdout: (s: string) => {
        stdout += s;
      },
      stderr: () => {},
      isTTY: false,
    };
    expect(await run(["--help"], io)).toBe(0);
    expect(stdout).toContain("Usage: ubias");
    expect(stdout).toMatch(/predict.*\n.*simulate.*\n.*check/s);
    stdout = "";
    expect(await run(["--version"], io)).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("without a command prints the usage on stderr and exits 2", async () => {
    const a = capture();
    expect(await run([], a.io)).toBe(2);
    expect(a.stderr()).toContain("Usage: ubias");
  });

  it("shows the stack of an error only with UBIAS_DEBUG=1", async () => {
    vi.stubEnv("UBIAS_DEBUG", "1");
    const a = capture();
    expect(
      await run(["predict", "--sigma-a", "2", "--sigma-b", "1", "--rho", "0.5", "--u0", "2"], a.io),
    ).toBe(2);
    expect(lines(a.stderr())[0]).toBe("ubias: --u0: must be in (0, 1), got 2");
    expect(a.stderr()).toMatch(/\n\s+at /);
  });
});
