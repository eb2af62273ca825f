import { describe, expect, it } from "vitest";
import { isUnmeasurableRun, UnmeasurableRun } from "../../src/errors/unmeasurableRun.js";
import { ChannelError } from "../../src/training/external/channel.js";

describe("UnmeasurableRun", () => {
  it("is recognised by its brand, also as the external channel's ChannelError", () => {
    expect(isUnmeasurableRun(new UnmeasurableRun("no answer"))).toBe(true);
    expect(isUnmeasurableRun(new ChannelError("hung past 60 s"))).toBe(true);
    expect(isUnmeasurableRun(new Error("no answer"))).toBe(false);
    expect(isUnmeasurableRun(undefined)).toBe(false);
    expect(isUnmeasurableRun("UnmeasurableRun")).toBe(false);
  });

  it("another copy of the module (same global brand) is recognised too", () => {
    const foreign = new Error("from another install");
    Object.defineProperty(foreign, Symbol.for("ubias.UnmeasurableRun"), { value: true });
    expect(isUnmeasurableRun(foreign)).toBe(true);
  });
});
