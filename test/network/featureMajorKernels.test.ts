import { describe, expect, it } from "vitest";
import type { Epilogue } from "../../src/network/featureMajorKernels.js";
import { addOuterProducts, productInto } from "../../src/network/featureMajorKernels.js";
import { normalSource } from "../../src/random/gaussian.js";

/** Normal draws with about one exact zero in eight (zero weights and dead units occur). */
function draws(n: number, seed: number): Float64Array {
  const normals = normalSource(seed);
  return Float64Array.from({ length: n }, () => {
    const v = normals.next();
    return Math.abs(v) < 0.15 ? 0 : v;
  });
}

/** The plain loop: out[r, p] = (acc ? out : 0) + Σ_k A[r, k] in[k, p], then the epilogue. */
function plainProduct(
  theta: Float64Array,
  a: { offset: number; rows: number; inner: number; rowStride: number; colStride: number },
  input: Float64Array,
  out: Float64Array,
  P: number,
  start: number,
  end: number,
  accumulate: boolean,
  epilogue: Epilogue,
  gate: Float64Array,
): void {
  for (let r = 0; r < a.rows; r++) {
    for (let p = start; p < end; p++) {
      let s = accumulate ? out[r * P + p]! : 0;
      for (let k = 0; k < a.inner; k++) {
        s += theta[a.offset + r * a.rowStride + k * a.colStride]! * input[k * P + p]!;
      }
      if (epilogue === "relu" && !(s > 0)) s = 0;
      if (epilogue === "mask" && !(gate[r * P + p]! > 0)) s = 0;
      out[r * P + p] = s;
    }
  }
}

const shapes = [
  [1, 1],
  [1, 7],
  [5, 1],
  [4, 4],
  [9, 6],
] as const;

describe("featureMajorKernels", () => {
  it.each(
    shapes.flatMap(([rows, inner]) =>
      (["store", "relu", "mask"] as const).flatMap((epilogue) =>
        [false, true].map((accumulate) => [rows, inner, epilogue, accumulate] as const),
      ),
    ),
  )(
    "productInto %i × %i, %s, accumulate %s: the plain loop's values",
    (rows, inner, epilogue, accumulate) => {
      const P = 23;
      // [3, 22): a start off the tile grid and a tail of 3 samples.
      const [start, end] = [3, 22];
      for (const transposed of [false, true]) {
        const a = transposed
          ? { offset: 2, rows, inner, rowStride: 1, colStride: rows }
          : { offset: 2, rows, inner, rowStride: inner, colStride: 1 };
        const theta = draws(2 + rows * inner, 1);
        const input = draws(inner * P, 2);
        const gate = draws(rows * P, 3).map(Math.abs);
        const initial = draws(rows * P, 4);
        const fast = Float64Array.from(initial);
        const plain = Float64Array.from(initial);
        productInto(theta, a, input, fast, P, start, end, accumulate, epilogue, gate);
        plainProduct(theta, a, input, plain, P, start, end, accumulate, epilogue, gate);
        // `===`: the same values; outside [start, end) nothing is touched.
        expect(Array.from(fast).flatMap((v, i) => (v === plain[i] ? [] : [i]))).toEqual([]);
      }
    },
  );

  it.each(shapes)(
    "addOuterProducts %i × %i: each sum over p ascending, then added",
    (rows, cols) => {
      const P = 21;
      const [start, end] = [2, 19];
      const delta = draws(rows * P, 5);
      const input = draws(cols * P, 6);
      const initial = draws(1 + rows * cols, 7);
      const fast = Float64Array.from(initial);
      addOuterProducts(fast, 1, rows, cols, delta, input, P, start, end);
      const plain = Float64Array.from(initial);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          let s = 0;
          for (let p = start; p < end; p++) s += delta[r * P + p]! * input[c * P + p]!;
          plain[1 + r * cols + c]! += s;
        }
      }
      expect(Array.from(fast)).toEqual(Array.from(plain));
    },
  );
});
