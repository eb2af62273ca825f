/**
 * What an experiment trains on and with which activation (THEORY.md T10-T12): the population
 * statistics (the default), P samples drawn from them, T12's XOR data set, or a user's CSV.
 * The CLI parses its flags into these types (src/cli/simulateData.ts); figures and library
 * callers build them directly.
 */

/** The hidden units' activation. */
export type Activation = "linear" | "relu";

/**
 * P of `--data xor` without `--samples`: T12's configuration (properties/T12.ts, T12_CONFIG:
 * every XOR point 64 times).
 */
export const DEFAULT_XOR_SAMPLES = 256;
/**
 * Time budget of a ReLU run on XOR data without --max-time/--max-steps: T12's (properties/T12.ts,
 * T12_CONFIG.maxTime = 100 τ; late fusion is at its floor well before, measured by
 * scripts/measure/t12Curve.ts).
 */
export const DEFAULT_XOR_MAX_TIME = 100;

/** Where the training data come from. */
export type DataSource =
  /** The population statistics themselves (linear: moments; relu: the L = 2 closed form). */
  | { readonly kind: "population" }
  /** P samples of the statistics (teacher + σ_ε, or the conditional Gaussian). */
  | { readonly kind: "sampled"; readonly samples: number; readonly dataSeed: number }
  /** T12: x_A uniform on {±1}², x_B ~ N(0, v), y = −x_A1·x_A2 + x_B. */
  | {
      readonly kind: "xor";
      readonly variance: number;
      readonly samples: number;
      readonly dataSeed: number;
    }
  /** A user's CSV file and the roles of its columns. */
  | {
      readonly kind: "csv";
      readonly path: string;
      readonly target: string;
      readonly modalityA: readonly string[];
      readonly modalityB?: readonly string[];
    };

/** A validated data choice. */
export interface DataChoice {
  readonly activation: Activation;
  readonly source: DataSource;
}
