import { describe, expect, it } from "vitest";
import type { ClaimResult } from "../../src/claims/runner.js";
import {
  DEFAULT_SIMULATOR_TIMEOUT_SECONDS,
  simulatorText,
  startSimulator,
  stopSimulator,
} from "../../src/cli/simulatorOption.js";
import { InputError } from "../../src/errors/inputError.js";
import { externalSimulator } from "../../src/measurement/backend.js";

describe("--simulator and --simulator-timeout", () => {
  it("without --simulator nothing is set: the built-in simulator runs", () => {
    expect(startSimulator({})).toBeUndefined();
    expect(externalSimulator()).toBeUndefined();
  });

  it("sets the process's simulator until stopped (no child starts before a request)", () => {
    const simulator = startSimulator({ simulator: "sleep 60" });
    expect(externalSimulator()).toBe(simulator);
    stopSimulator(simulator);
    expect(externalSimulator()).toBeUndefined();
    expect(DEFAULT_SIMULATOR_TIMEOUT_SECONDS).toBe(120);
  });

  it("refuses a timeout outside (0, 86400] seconds, naming the flag", () => {
    for (const bad of ["0", "-1", "1e6", "abc"]) {
      expect(() => startSimulator({ simulator: "x", simulatorTimeout: bad })).toThrow(InputError);
      expect(() => startSimulator({ simulator: "x", simulatorTimeout: bad })).toThrow(
        /--simulator-timeout/,
      );
    }
    expect(externalSimulator()).toBeUndefined();
  });

  it("says which simulator ran and lists the skipped claims with their reasons", () => {
    const results = [
      { id: "T2", skipped: undefined },
      { id: "T11", skipped: "needs a ReLU network, which the simulator protocol does not carry" },
    ] as unknown as ClaimResult[];
    expect(simulatorText("python3 sim.py", results)).toBe(
      [
        "Simulator: python3 sim.py (external, docs/simulator-protocol.md)",
        "Skipped (1):",
        "  T11: needs a ReLU network, which the simulator protocol does not carry",
        "",
      ].join("\n"),
    );
  });
});
