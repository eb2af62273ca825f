import { describe, expect, it } from "vitest";
import { noteFields, noteMessage } from "../../src/cli/simulateNotes.js";
import type { ExperimentNote } from "../../src/experiment/notes.js";
import { NOTE_TOPIC, smallInitCaution } from "../../src/experiment/notes.js";

describe("simulate's wording of an experiment's notes", () => {
  it("routes each note to its report field, one field per topic, in the report's key order", () => {
    const notes: ExperimentNote[] = [
      { code: "one-sided-branches", branches: ["B", "A"] },
      { code: "relu-eg-needs-two-layers", depth: 3 },
      { code: "xor-no-phase-times" },
    ];
    const fields = noteFields(notes);
    expect(Object.keys(fields)).toEqual(["generalisationNote", "timesNote", "domainNote"]);
    expect(fields.generalisationNote).toBe("ReLU E_g has a closed form for --depth 2 only (got 3)");
    expect(fields.domainNote).toMatch(/^branch B and A: every neuron ends on one side of 0/);
    expect(fields.timesNote).toMatch(/^t_A, t_B not defined on XOR data/);
    expect(noteFields([])).toEqual({});
  });

  it("words the small-init caution with the bound of the depth", () => {
    expect(smallInitCaution(2, 1e-3)).toBeUndefined();
    expect(smallInitCaution(4, 0.1)).toBeUndefined();
    const note = smallInitCaution(4, 0.2)!;
    expect(note).toEqual({ code: "outside-small-init", depth: 4, u0: 0.2, bound: 0.1 });
    expect(noteMessage(note)).toBe(
      "u0 = 0.2 is outside the small-init regime of the theory (the claims are checked for u0 <= 0.1 at depth 4): the closed-form times do not apply",
    );
  });

  it("every code has a topic and a message", () => {
    for (const code of Object.keys(NOTE_TOPIC)) {
      const note = { code, depth: 2, u0: 0.5, bound: 1e-3, branches: ["A"] } as ExperimentNote;
      expect(noteMessage(note).length).toBeGreaterThan(20);
    }
  });
});
