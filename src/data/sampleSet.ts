/**
 * A finite data set of P samples (docs/theory.md T10-T12): inputs x = (x_A, x_B) row-major
 * (P × D, D = dA + dB, modality A first) and scalar targets y.
 */
export interface SampleSet {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly samples: number;
  readonly dA: number;
  readonly dB: number;
  /** Human-readable origin, e.g. "toy σA=2 σB=1 ρ=0.5, P=8192, seed 1". */
  readonly label: string;
}
