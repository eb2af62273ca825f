import type { Modality } from "../statistics/derived.js";

/**
 * The notes of an experiment: why a value is missing, or a caution about the result, as a
 * union of codes with the data their message needs. The wording is the front end's
 * (src/cli/simulateNotes.ts renders `ubias simulate`'s, which name its flags).
 */
export type ExperimentNote =
  /** u0 beyond the small-init regime of the theory (linear population runs). */
  | {
      readonly code: "outside-small-init";
      readonly depth: number;
      readonly u0: number;
      /** The largest u0 the claims check at this depth (smallInitBound). */
      readonly bound: number;
    }
  /**
   * ReLU, two-layer late fusion, scalar modalities: these branches' neurons all end on one side
   * of 0 (T11's `aligned-one-sided`): the linear part reaches at most ½W_m^uni, so the T2
   * prediction does not apply to this init. Branches in the user's labels.
   */
  | { readonly code: "one-sided-branches"; readonly branches: readonly Modality[] }
  /** No E_g: a user's sample set has no population. */
  | { readonly code: "no-population" }
  /** No E_g: the XOR target is not linear in x. */
  | { readonly code: "xor-target-not-linear" }
  /** ReLU E_g at the end only: the crossings keep the linear parts, there is no E_g series. */
  | { readonly code: "relu-eg-final-only" }
  /** No ReLU E_g: the closed-form population loss is for two layers only. */
  | { readonly code: "relu-eg-needs-two-layers"; readonly depth: number }
  /** No t_A, t_B: not defined on XOR data. */
  | { readonly code: "xor-no-phase-times" };

export type NoteCode = ExperimentNote["code"];

/** The note of a u0 beyond the small-init regime. */
export type SmallInitNote = Extract<ExperimentNote, { readonly code: "outside-small-init" }>;

/** What a note is about: the theory's domain, E_g, or the phase times. */
export type NoteTopic = "domain" | "generalisation" | "times";

export const NOTE_TOPIC: Readonly<Record<NoteCode, NoteTopic>> = {
  "outside-small-init": "domain",
  "one-sided-branches": "domain",
  "no-population": "generalisation",
  "xor-target-not-linear": "generalisation",
  "relu-eg-final-only": "generalisation",
  "relu-eg-needs-two-layers": "generalisation",
  "xor-no-phase-times": "times",
};

/**
 * Largest u0 of the small-init regime the theory describes, as the claims check it: two-layer
 * claims (T2, T3, T9) are stated for u0 ≤ 1e-3; deep ones (T4, T5, T9.deep) for u0 ≤ 0.1,
 * where T5 is within 11.5 % (its validity map: −28 to −39 % at u0 = 0.3). Depth 1 has no
 * plateau: the bound of two layers is used.
 */
export function smallInitBound(depth: number): number {
  return depth >= 3 ? 0.1 : 1e-3;
}

/** The outside-small-init note when u0 is beyond the small-init regime (undefined inside it). */
export function smallInitCaution(depth: number, u0: number): SmallInitNote | undefined {
  const bound = smallInitBound(depth);
  return u0 <= bound ? undefined : { code: "outside-small-init", depth, u0, bound };
}
