/**
 * The three dense products of back-propagation on feature-major buffers (unit r of sample p at
 * r·P + p), register-blocked: 4 × 4 tiles of independent sums held in locals, so each load feeds
 * several multiply-adds (the one-sum-at-a-time loops they replace did one load or store per
 * multiply-add and ran at ~0.3 GFLOP/s; bench/sampledStep.ts measures these).
 *
 * Bit-reproducibility: every output element is summed in the same order as the plain loop
 * (over k ascending for `productInto`, over p ascending for `addOuterProducts`), starting from
 * the same value; tiling only changes which independent sums advance together, never the order
 * inside one. JavaScript has no fused multiply-add, so each term is rounded as in the plain loop:
 * the float64 results are the plain loops' bit for bit (test/network/featureMajorKernels.test.ts).
 */

/** A weight matrix inside θ: entry (r, k) of the product's left factor at offset + r·rowStride + k·colStride. */
export interface WeightView {
  readonly offset: number;
  /** Rows of the left factor (output units of the product). */
  readonly rows: number;
  /** Columns of the left factor (the summed index). */
  readonly inner: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/**
 * A faster implementation of productInto's 4 × 4 tiles (rows [0, rows4), samples
 * [start, end4)) with the same results bit for bit: the WebAssembly SIMD tiles (wasmTiles.ts).
 */
export type TileKernel = (
  theta: Float64Array,
  a: WeightView,
  input: Float64Array,
  out: Float64Array,
  P: number,
  start: number,
  end4: number,
  rows4: number,
  accumulate: boolean,
  epilogue: Epilogue,
  gate: Float64Array | undefined,
) => void;

/**
 * A faster implementation of addOuterProducts' 4 × 4 tiles (rows [0, rows4), columns
 * [0, cols4)) with the same results bit for bit (wasmTiles.ts).
 */
export type OuterKernel = (
  grad: Float64Array,
  offset: number,
  rows4: number,
  cols4: number,
  cols: number,
  delta: Float64Array,
  input: Float64Array,
  P: number,
  start: number,
  end: number,
) => void;

/**
 * What happens to a finished sum s at (r, p) before it is stored:
 * "store" out = s; "relu" out = max(s, 0) (forward through a ReLU layer; relu(−0) = +0 as in
 * the plain loop's `if (!(s > 0)) s = 0`); "mask" out = s where gate[r, p] > 0, else 0 (the
 * ReLU's derivative, gate = the layer's post-ReLU activation).
 */
export type Epilogue = "store" | "relu" | "mask";

/**
 * out[r, p] = (accumulate ? out[r, p] : 0) + Σ_k A[r, k] · input[k, p] for p in [start, end),
 * then the epilogue. Forward: A = W (rowStride = cols, colStride = 1). Back-propagation:
 * A = Wᵀ (rowStride = 1, colStride = cols), epilogue "mask". With `tiles`, the 4 × 4 tiles run
 * there and only the remainders (rows mod 4, samples mod 4) here.
 */
export function productInto(
  theta: Float64Array,
  a: WeightView,
  input: Float64Array,
  out: Float64Array,
  P: number,
  start: number,
  end: number,
  accumulate: boolean,
  epilogue: Epilogue,
  gate?: Float64Array,
  tiles?: TileKernel,
): void {
  const { offset, rows, inner, rowStride: rs, colStride: cs } = a;
  const rows4 = rows - (rows % 4);
  const end4 = end - ((end - start) % 4);
  if (tiles) tiles(theta, a, input, out, P, start, end4, rows4, accumulate, epilogue, gate);
  for (let r = 0; r < rows4; r += 4) {
    const w0 = offset + r * rs;
    const o0 = r * P;
    const o1 = o0 + P;
    const o2 = o1 + P;
    const o3 = o2 + P;
    for (let p = start; p < (tiles ? start : end4); p += 4) {
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      let s20 = 0;
      let s21 = 0;
      let s22 = 0;
      let s23 = 0;
      let s30 = 0;
      let s31 = 0;
      let s32 = 0;
      let s33 = 0;
      if (accumulate) {
        s00 = out[o0 + p]!;
        s01 = out[o0 + p + 1]!;
        s02 = out[o0 + p + 2]!;
        s03 = out[o0 + p + 3]!;
        s10 = out[o1 + p]!;
        s11 = out[o1 + p + 1]!;
        s12 = out[o1 + p + 2]!;
        s13 = out[o1 + p + 3]!;
        s20 = out[o2 + p]!;
        s21 = out[o2 + p + 1]!;
        s22 = out[o2 + p + 2]!;
        s23 = out[o2 + p + 3]!;
        s30 = out[o3 + p]!;
        s31 = out[o3 + p + 1]!;
        s32 = out[o3 + p + 2]!;
        s33 = out[o3 + p + 3]!;
      }
      for (let k = 0; k < inner; k++) {
        const wk = w0 + k * cs;
        const a0 = theta[wk]!;
        const a1 = theta[wk + rs]!;
        const a2 = theta[wk + 2 * rs]!;
        const a3 = theta[wk + 3 * rs]!;
        const i = k * P + p;
        const x0 = input[i]!;
        const x1 = input[i + 1]!;
        const x2 = input[i + 2]!;
        const x3 = input[i + 3]!;
        s00 += a0 * x0;
        s01 += a0 * x1;
        s02 += a0 * x2;
        s03 += a0 * x3;
        s10 += a1 * x0;
        s11 += a1 * x1;
        s12 += a1 * x2;
        s13 += a1 * x3;
        s20 += a2 * x0;
        s21 += a2 * x1;
        s22 += a2 * x2;
        s23 += a2 * x3;
        s30 += a3 * x0;
        s31 += a3 * x1;
        s32 += a3 * x2;
        s33 += a3 * x3;
      }
      store4(out, o0 + p, s00, s01, s02, s03, epilogue, gate);
      store4(out, o1 + p, s10, s11, s12, s13, epilogue, gate);
      store4(out, o2 + p, s20, s21, s22, s23, epilogue, gate);
      store4(out, o3 + p, s30, s31, s32, s33, epilogue, gate);
    }
    for (let q = 0; q < 4; q++) {
      productTail(theta, w0 + q * rs, inner, cs, input, out, o0 + q * P, P, end4, end, accumulate);
      finish(out, o0 + q * P, end4, end, epilogue, gate);
    }
  }
  for (let r = rows4; r < rows; r++) {
    const w0 = offset + r * rs;
    const o = r * P;
    productRow(theta, w0, inner, cs, input, out, o, P, start, end4, accumulate);
    productTail(theta, w0, inner, cs, input, out, o, P, end4, end, accumulate);
    finish(out, o, start, end, epilogue, gate);
  }
}

function store4(
  out: Float64Array,
  i: number,
  s0: number,
  s1: number,
  s2: number,
  s3: number,
  epilogue: Epilogue,
  gate: Float64Array | undefined,
): void {
  if (epilogue === "store") {
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  } else if (epilogue === "relu") {
    // (s + |s|)/2 is max(s, 0) exactly (2s and its half are exact; s + (−s) = +0), without the
    // data-dependent branch of `s > 0 ? s : 0` or Math.max, which mispredict on about half of
    // the units (measured ~3× a plain copy against ~1×). Overflows only past 8.9e307.
    out[i] = (s0 + Math.abs(s0)) * 0.5;
    out[i + 1] = (s1 + Math.abs(s1)) * 0.5;
    out[i + 2] = (s2 + Math.abs(s2)) * 0.5;
    out[i + 3] = (s3 + Math.abs(s3)) * 0.5;
  } else {
    // s · 1(g > 0): the comparison becomes 0/1 without a branch (~1.5× a copy against ~3× for
    // the ternary). s · 0 = ±0 where the plain loop stores +0: the sign of a zero delta never
    // reaches a nonzero gradient sum.
    const g = gate!;
    out[i] = s0 * +(g[i]! > 0);
    out[i + 1] = s1 * +(g[i + 1]! > 0);
    out[i + 2] = s2 * +(g[i + 2]! > 0);
    out[i + 3] = s3 * +(g[i + 3]! > 0);
  }
}

/** One output row over p in [from, to), four samples at a time (to − from divisible by 4). */
function productRow(
  theta: Float64Array,
  w0: number,
  inner: number,
  cs: number,
  input: Float64Array,
  out: Float64Array,
  o: number,
  P: number,
  from: number,
  to: number,
  accumulate: boolean,
): void {
  for (let p = from; p < to; p += 4) {
    let s0 = accumulate ? out[o + p]! : 0;
    let s1 = accumulate ? out[o + p + 1]! : 0;
    let s2 = accumulate ? out[o + p + 2]! : 0;
    let s3 = accumulate ? out[o + p + 3]! : 0;
    for (let k = 0; k < inner; k++) {
      const a = theta[w0 + k * cs]!;
      const i = k * P + p;
      s0 += a * input[i]!;
      s1 += a * input[i + 1]!;
      s2 += a * input[i + 2]!;
      s3 += a * input[i + 3]!;
    }
    out[o + p] = s0;
    out[o + p + 1] = s1;
    out[o + p + 2] = s2;
    out[o + p + 3] = s3;
  }
}

/** One output row over the last (< 4) samples [from, to), one sum at a time. */
function productTail(
  theta: Float64Array,
  w0: number,
  inner: number,
  cs: number,
  input: Float64Array,
  out: Float64Array,
  o: number,
  P: number,
  from: number,
  to: number,
  accumulate: boolean,
): void {
  for (let p = from; p < to; p++) {
    let s = accumulate ? out[o + p]! : 0;
    for (let k = 0; k < inner; k++) s += theta[w0 + k * cs]! * input[k * P + p]!;
    out[o + p] = s;
  }
}

/** The epilogue over out[o + p], p in [from, to), for sums stored raw by productRow/productTail. */
function finish(
  out: Float64Array,
  o: number,
  from: number,
  to: number,
  epilogue: Epilogue,
  gate: Float64Array | undefined,
): void {
  if (epilogue === "relu") {
    for (let i = o + from; i < o + to; i++) if (!(out[i]! > 0)) out[i] = 0;
  } else if (epilogue === "mask") {
    const g = gate!;
    for (let i = o + from; i < o + to; i++) if (!(g[i]! > 0)) out[i] = 0;
  }
}

/**
 * grad[offset + r·cols + c] += Σ_{p∈[start,end)} delta[r, p] · input[c, p], each sum over p
 * ascending from 0 and then added (∂ℒ/∂W of a layer with `rows` outputs and `cols` inputs).
 * With `outer`, the 4 × 4 tiles run there and only the remainders here.
 */
export function addOuterProducts(
  grad: Float64Array,
  offset: number,
  rows: number,
  cols: number,
  delta: Float64Array,
  input: Float64Array,
  P: number,
  start: number,
  end: number,
  outer?: OuterKernel,
): void {
  const rows4 = rows - (rows % 4);
  const cols4 = cols - (cols % 4);
  if (outer) outer(grad, offset, rows4, cols4, cols, delta, input, P, start, end);
  for (let r = 0; r < rows4; r += 4) {
    const d0 = r * P;
    const d1 = d0 + P;
    const d2 = d1 + P;
    const d3 = d2 + P;
    for (let c = 0; c < (outer ? 0 : cols4); c += 4) {
      const x0 = c * P;
      const x1 = x0 + P;
      const x2 = x1 + P;
      const x3 = x2 + P;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      let s20 = 0;
      let s21 = 0;
      let s22 = 0;
      let s23 = 0;
      let s30 = 0;
      let s31 = 0;
      let s32 = 0;
      let s33 = 0;
      for (let p = start; p < end; p++) {
        const e0 = delta[d0 + p]!;
        const e1 = delta[d1 + p]!;
        const e2 = delta[d2 + p]!;
        const e3 = delta[d3 + p]!;
        const v0 = input[x0 + p]!;
        const v1 = input[x1 + p]!;
        const v2 = input[x2 + p]!;
        const v3 = input[x3 + p]!;
        s00 += e0 * v0;
        s01 += e0 * v1;
        s02 += e0 * v2;
        s03 += e0 * v3;
        s10 += e1 * v0;
        s11 += e1 * v1;
        s12 += e1 * v2;
        s13 += e1 * v3;
        s20 += e2 * v0;
        s21 += e2 * v1;
        s22 += e2 * v2;
        s23 += e2 * v3;
        s30 += e3 * v0;
        s31 += e3 * v1;
        s32 += e3 * v2;
        s33 += e3 * v3;
      }
      const g = offset + r * cols + c;
      grad[g]! += s00;
      grad[g + 1]! += s01;
      grad[g + 2]! += s02;
      grad[g + 3]! += s03;
      grad[g + cols]! += s10;
      grad[g + cols + 1]! += s11;
      grad[g + cols + 2]! += s12;
      grad[g + cols + 3]! += s13;
      grad[g + 2 * cols]! += s20;
      grad[g + 2 * cols + 1]! += s21;
      grad[g + 2 * cols + 2]! += s22;
      grad[g + 2 * cols + 3]! += s23;
      grad[g + 3 * cols]! += s30;
      grad[g + 3 * cols + 1]! += s31;
      grad[g + 3 * cols + 2]! += s32;
      grad[g + 3 * cols + 3]! += s33;
    }
    for (let c = cols4; c < cols; c++) {
      const x = c * P;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = start; p < end; p++) {
        const v = input[x + p]!;
        s0 += delta[d0 + p]! * v;
        s1 += delta[d1 + p]! * v;
        s2 += delta[d2 + p]! * v;
        s3 += delta[d3 + p]! * v;
      }
      const g = offset + r * cols + c;
      grad[g]! += s0;
      grad[g + cols]! += s1;
      grad[g + 2 * cols]! += s2;
      grad[g + 3 * cols]! += s3;
    }
  }
  for (let r = rows4; r < rows; r++) {
    const d = r * P;
    for (let c = 0; c < cols4; c += 4) {
      const x0 = c * P;
      const x1 = x0 + P;
      const x2 = x1 + P;
      const x3 = x2 + P;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = start; p < end; p++) {
        const e = delta[d + p]!;
        s0 += e * input[x0 + p]!;
        s1 += e * input[x1 + p]!;
        s2 += e * input[x2 + p]!;
        s3 += e * input[x3 + p]!;
      }
      const g = offset + r * cols + c;
      grad[g]! += s0;
      grad[g + 1]! += s1;
      grad[g + 2]! += s2;
      grad[g + 3]! += s3;
    }
    for (let c = cols4; c < cols; c++) {
      const x = c * P;
      let s = 0;
      for (let p = start; p < end; p++) s += delta[d + p]! * input[x + p]!;
      grad[offset + r * cols + c]! += s;
    }
  }
}
