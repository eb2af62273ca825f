import type { ExperimentNote, NoteTopic } from "../experiment/notes.js";
import { NOTE_TOPIC } from "../experiment/notes.js";
import { smallInitMessage } from "./architectureOptions.js";

/** `ubias simulate`'s wording of an experiment's notes (they name its flags). */
export function noteMessage(note: ExperimentNote): string {
  switch (note.code) {
    case "outside-small-init":
      return smallInitMessage(note.depth, note.u0, note.bound);
    case "one-sided-branches":
      return `branch ${note.branches.join(" and ")}: every neuron ends on one side of 0 (outside T11's domain: aligned-one-sided); its linear part reaches at most ½W^uni, so T2 does not describe this init; try another --seed or a larger --width`;
    case "no-population":
      return "E_g needs the population; CSV data have none (training loss only)";
    case "xor-target-not-linear":
      return "the XOR target is not linear in x, so E_g = ½(W − w*)Σ(W − w*)ᵀ does not apply (T12 reports the final loss)";
    case "relu-eg-final-only":
      return "ReLU: E_g at t_A, t_B not recorded (the crossings keep the linear parts only) and no E_g series";
    case "relu-eg-needs-two-layers":
      return `ReLU E_g has a closed form for --depth 2 only (got ${note.depth})`;
    case "xor-no-phase-times":
      return "t_A, t_B not defined on XOR data (x_A's part of y has no linear component); T12 measures the final loss and the neuron directions";
  }
}

/** The report's note fields: one message per topic (an experiment gives at most one each). */
export interface NoteFields {
  readonly generalisationNote?: string;
  readonly timesNote?: string;
  readonly domainNote?: string;
}

const FIELD: Record<NoteTopic, keyof NoteFields> = {
  generalisation: "generalisationNote",
  times: "timesNote",
  domain: "domainNote",
};

/** The notes as the JSON report's fields, in its key order. */
export function noteFields(notes: readonly ExperimentNote[]): NoteFields {
  const byField = new Map(notes.map((note) => [FIELD[NOTE_TOPIC[note.code]], noteMessage(note)]));
  const fields: Record<string, string> = {};
  for (const key of ["generalisationNote", "timesNote", "domainNote"] as const) {
    const message = byField.get(key);
    if (message !== undefined) fields[key] = message;
  }
  return fields;
}
