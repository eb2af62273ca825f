import type { LayerBlock } from "./layout.js";

/**
 * Back-propagation of a network with one hidden ReLU layer (depth L = 2, early or late fusion:
 * docs/theory.md §2, T11, T12), fused: the forward product, the ReLU and the output sum are one
 * pass; the output weights' gradient, the ReLU's derivative and the delta are another. The
 * generic layer-by-layer path (reluNetwork.ts with featureMajorKernels.ts) reads each hidden
 * activation four times and writes the delta buffer; here an activation is written once and
 * read once, and for scalar modalities the delta never leaves registers.
 *
 * Every sum is taken in the generic path's order (each output ŷ_p over the groups' units in
 * order, each gradient entry over p ascending from 0 before it is added), so the results are
 * the generic path's bit for bit (test/network/oneHiddenLayer.test.ts).
 *
 * With `kernels` (WebAssembly SIMD, wasmHiddenLayer.ts, on buffers of one WasmArena), the
 * 4-unit blocks run there and only the remainders (h mod 4 units; the last samples when a
 * forward kernel takes them two or four at a time) here, with the same bits.
 */

/** A block into hidden units and its feature-major input. */
export interface HiddenInput {
  readonly block: LayerBlock;
  readonly x: Float64Array;
  /** The same input sample-major (sample p's block.cols values at p·cols), for the kernels. */
  readonly xSampleMajor?: Float64Array;
}

/**
 * The 4-unit blocks of this file's loops, faster and with the same results bit for bit
 * (wasmHiddenLayer.ts; every buffer a view of the kernels' arena). `units4`/`rows4`: the
 * units [0, units4) they cover, a multiple of 4.
 */
export interface HiddenLayerKernels {
  /** forwardScalar4 for units [0, units4), samples [start, end2) (end2 − start even). */
  scalarForward(
    theta: Float64Array,
    inputs: readonly HiddenInput[],
    readout: LayerBlock,
    yHat: Float64Array,
    units4: number,
    start: number,
    end2: number,
  ): void;
  /** backwardScalar4One/Two for units [0, units4), samples [start, end). */
  scalarBackward(
    theta: Float64Array,
    grad: Float64Array,
    inputs: readonly HiddenInput[],
    readout: LayerBlock,
    top: Float64Array,
    units4: number,
    start: number,
    end: number,
  ): void;
  /**
   * forwardGeneral4's tiles for units [0, rows4), samples [start, end4), on a group with at
   * most 2 inputs and its `packed` scratch.
   */
  hiddenForward(
    theta: Float64Array,
    group: HiddenGroup,
    yHat: Float64Array,
    rows4: number,
    P: number,
    start: number,
    end4: number,
  ): void;
  /**
   * readoutAndDelta for units [0, units4), the deltas stored quad-interleaved (rows 4m..4m+3:
   * δ[4m + q, p] at 4m·P + 4p + q, the four rows' own space), as only outerPairs reads them.
   */
  readoutDelta(
    theta: Float64Array,
    grad: Float64Array,
    readout: LayerBlock,
    act: Float64Array,
    top: Float64Array,
    delta: Float64Array,
    units4: number,
    P: number,
    start: number,
    end: number,
  ): void;
  /**
   * addOuterProducts for rows [0, rows4) of input.block from readoutDelta's interleaved
   * deltas and input.xSampleMajor.
   */
  outerPairs(
    grad: Float64Array,
    input: HiddenInput,
    rows4: number,
    delta: Float64Array,
    P: number,
    start: number,
    end: number,
  ): void;
}

/** The hidden units fed by some input blocks and read out by one 1 × h row. */
export interface HiddenGroup {
  /** Blocks into these units and their feature-major inputs (summed in this order). */
  readonly inputs: readonly HiddenInput[];
  /** The 1 × h output row of these units. */
  readonly readout: LayerBlock;
  /** The units' post-ReLU activations, feature-major (h × P). */
  readonly act: Float64Array;
  /** Scratch for the units' deltas (h × P), used when an input has more than one column. */
  readonly delta: Float64Array;
  /** Scratch for the kernels' copy of the input blocks' weights (their total size). */
  readonly packed?: Float64Array;
}

/**
 * Forward pass on samples [start, end): every group's activations, and ŷ (summed over the
 * groups in order, from 0).
 */
export function oneHiddenLayerForward(
  theta: Float64Array,
  groups: readonly HiddenGroup[],
  yHat: Float64Array,
  P: number,
  start: number,
  end: number,
  kernels?: HiddenLayerKernels,
): void {
  yHat.fill(0, start, end);
  for (const group of groups) forwardGroup(theta, group, yHat, P, start, end, kernels);
}

function forwardGroup(
  theta: Float64Array,
  group: HiddenGroup,
  yHat: Float64Array,
  P: number,
  start: number,
  end: number,
  kernels: HiddenLayerKernels | undefined,
): void {
  const h = group.readout.cols;
  const h4 = h - (h % 4);
  const scalar = group.inputs.length <= 2 && group.inputs.every((input) => input.block.cols === 1);
  // Each ŷ_p takes the units in order: the kernel's units [0, h4) on its samples, then the
  // same units on the samples it leaves, then units [h4, h) everywhere.
  if (scalar) {
    let from = start;
    if (kernels) {
      from = end - ((end - start) % 2);
      kernels.scalarForward(theta, group.inputs, group.readout, yHat, h4, start, from);
    }
    for (let i = 0; i < h4; i += 4) forwardScalar4(theta, group, yHat, from, end, i);
  } else {
    const tiled = kernels !== undefined && group.inputs.length <= 2 && group.packed !== undefined;
    if (tiled) {
      const end4 = end - ((end - start) % 4);
      kernels.hiddenForward(theta, group, yHat, h4, P, start, end4);
    }
    for (let i = 0; i < h4; i += 4) forwardGeneral4(theta, group, yHat, P, start, end, i, tiled);
  }
  for (let i = h4; i < h; i++) forwardUnit(theta, group, yHat, P, start, end, i, i);
}

/**
 * relu(s) = (s + |s|)/2: exact (2s and its half are exact; s + (−s) = +0) and free of the
 * data-dependent branch that mispredicts on about half of the units.
 */
const relu = (s: number) => (s + Math.abs(s)) * 0.5;

/**
 * Units i..i+3 on scalar modalities (one or two h × 1 input blocks): the weights in locals,
 * z = (0 + a·x_A) + b·x_B, and ŷ_p += v_i a_ip for the four units in order. The activations
 * are not stored: backwardScalar recomputes them (the same operations, so the same bits),
 * which costs less than writing and re-reading h × P doubles.
 */
function forwardScalar4(
  theta: Float64Array,
  group: HiddenGroup,
  yHat: Float64Array,
  start: number,
  end: number,
  i: number,
): void {
  const first = group.inputs[0]!;
  const second = group.inputs[1];
  const xA = first.x;
  const wa = first.block.offset + i;
  const a0 = theta[wa]!;
  const a1 = theta[wa + 1]!;
  const a2 = theta[wa + 2]!;
  const a3 = theta[wa + 3]!;
  const vo = group.readout.offset + i;
  const v0 = theta[vo]!;
  const v1 = theta[vo + 1]!;
  const v2 = theta[vo + 2]!;
  const v3 = theta[vo + 3]!;
  if (second === undefined) {
    for (let p = start; p < end; p++) {
      const x = xA[p]!;
      const h0 = relu(0 + a0 * x);
      const h1 = relu(0 + a1 * x);
      const h2 = relu(0 + a2 * x);
      const h3 = relu(0 + a3 * x);
      yHat[p] = yHat[p]! + v0 * h0 + v1 * h1 + v2 * h2 + v3 * h3;
    }
    return;
  }
  const xB = second.x;
  const wb = second.block.offset + i;
  const b0 = theta[wb]!;
  const b1 = theta[wb + 1]!;
  const b2 = theta[wb + 2]!;
  const b3 = theta[wb + 3]!;
  for (let p = start; p < end; p++) {
    const x = xA[p]!;
    const y = xB[p]!;
    const h0 = relu(0 + a0 * x + b0 * y);
    const h1 = relu(0 + a1 * x + b1 * y);
    const h2 = relu(0 + a2 * x + b2 * y);
    const h3 = relu(0 + a3 * x + b3 * y);
    yHat[p] = yHat[p]! + v0 * h0 + v1 * h1 + v2 * h2 + v3 * h3;
  }
}

/**
 * Units i..i+3, any input blocks: 4 units × 4 samples of sums in locals (each weight and each
 * input loaded once per 4 multiply-adds), each z summed over the blocks in order, columns
 * ascending; the last end − start mod 4 samples one at a time. `tiled`: the 4 × 4 tiles have
 * run (HiddenLayerKernels.hiddenForward), only the last samples are left.
 */
function forwardGeneral4(
  theta: Float64Array,
  group: HiddenGroup,
  yHat: Float64Array,
  P: number,
  start: number,
  end: number,
  i: number,
  tiled: boolean,
): void {
  const act = group.act;
  const vo = group.readout.offset + i;
  const v0 = theta[vo]!;
  const v1 = theta[vo + 1]!;
  const v2 = theta[vo + 2]!;
  const v3 = theta[vo + 3]!;
  const o0 = i * P;
  const o1 = o0 + P;
  const o2 = o1 + P;
  const o3 = o2 + P;
  const inputs = group.inputs;
  const end4 = end - ((end - start) % 4);
  for (let p = tiled ? end4 : start; p < end4; p += 4) {
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
    for (let n = 0; n < inputs.length; n++) {
      const { block, x } = inputs[n]!;
      const cols = block.cols;
      const w = block.offset + i * cols;
      for (let k = 0; k < cols; k++) {
        const w0 = theta[w + k]!;
        const w1 = theta[w + cols + k]!;
        const w2 = theta[w + 2 * cols + k]!;
        const w3 = theta[w + 3 * cols + k]!;
        const j = k * P + p;
        const x0 = x[j]!;
        const x1 = x[j + 1]!;
        const x2 = x[j + 2]!;
        const x3 = x[j + 3]!;
        s00 += w0 * x0;
        s01 += w0 * x1;
        s02 += w0 * x2;
        s03 += w0 * x3;
        s10 += w1 * x0;
        s11 += w1 * x1;
        s12 += w1 * x2;
        s13 += w1 * x3;
        s20 += w2 * x0;
        s21 += w2 * x1;
        s22 += w2 * x2;
        s23 += w2 * x3;
        s30 += w3 * x0;
        s31 += w3 * x1;
        s32 += w3 * x2;
        s33 += w3 * x3;
      }
    }
    const h00 = relu(s00);
    const h01 = relu(s01);
    const h02 = relu(s02);
    const h03 = relu(s03);
    const h10 = relu(s10);
    const h11 = relu(s11);
    const h12 = relu(s12);
    const h13 = relu(s13);
    const h20 = relu(s20);
    const h21 = relu(s21);
    const h22 = relu(s22);
    const h23 = relu(s23);
    const h30 = relu(s30);
    const h31 = relu(s31);
    const h32 = relu(s32);
    const h33 = relu(s33);
    act[o0 + p] = h00;
    act[o0 + p + 1] = h01;
    act[o0 + p + 2] = h02;
    act[o0 + p + 3] = h03;
    act[o1 + p] = h10;
    act[o1 + p + 1] = h11;
    act[o1 + p + 2] = h12;
    act[o1 + p + 3] = h13;
    act[o2 + p] = h20;
    act[o2 + p + 1] = h21;
    act[o2 + p + 2] = h22;
    act[o2 + p + 3] = h23;
    act[o3 + p] = h30;
    act[o3 + p + 1] = h31;
    act[o3 + p + 2] = h32;
    act[o3 + p + 3] = h33;
    yHat[p] = yHat[p]! + v0 * h00 + v1 * h10 + v2 * h20 + v3 * h30;
    yHat[p + 1] = yHat[p + 1]! + v0 * h01 + v1 * h11 + v2 * h21 + v3 * h31;
    yHat[p + 2] = yHat[p + 2]! + v0 * h02 + v1 * h12 + v2 * h22 + v3 * h32;
    yHat[p + 3] = yHat[p + 3]! + v0 * h03 + v1 * h13 + v2 * h23 + v3 * h33;
  }
  for (let q = 0; q < 4; q++) {
    forwardUnit(theta, group, yHat, P, end4, end, i + q, q === 3 ? i : undefined);
  }
}

/**
 * One unit over [start, end): the last h mod 4 units, and the sample tail of forwardGeneral4
 * (there ŷ_p takes the four units' terms in order, so only the fourth call adds them). Adds
 * v_j a_jp for j = addFrom..i to ŷ_p in that order; none when addFrom is undefined.
 */
function forwardUnit(
  theta: Float64Array,
  group: HiddenGroup,
  yHat: Float64Array,
  P: number,
  start: number,
  end: number,
  i: number,
  addFrom: number | undefined,
): void {
  const act = group.act;
  const o = i * P;
  for (let p = start; p < end; p++) {
    let s = 0;
    for (const { block, x } of group.inputs) {
      const w = block.offset + i * block.cols;
      for (let k = 0; k < block.cols; k++) s += theta[w + k]! * x[k * P + p]!;
    }
    act[o + p] = relu(s);
  }
  if (addFrom === undefined) return;
  for (let p = start; p < end; p++) {
    let y = yHat[p]!;
    for (let j = addFrom; j <= i; j++) y = y + theta[group.readout.offset + j]! * act[j * P + p]!;
    yHat[p] = y;
  }
}

/**
 * Backward pass on samples [start, end), given top[p] = ∂ℒ/∂ŷ_p: adds to `grad` each group's
 * readout gradient Σ_p top_p a_ip and input gradients Σ_p δ_ip x_kp, δ_ip = v_i top_p 1(a_ip > 0).
 */
export function oneHiddenLayerBackward(
  theta: Float64Array,
  grad: Float64Array,
  groups: readonly HiddenGroup[],
  top: Float64Array,
  P: number,
  start: number,
  end: number,
  addOuter: (
    grad: Float64Array,
    offset: number,
    rows: number,
    cols: number,
    delta: Float64Array,
    input: Float64Array,
    P: number,
    start: number,
    end: number,
  ) => void,
  kernels?: HiddenLayerKernels,
): void {
  for (const group of groups) {
    const scalarInputs = group.inputs.every((input) => input.block.cols === 1);
    if (scalarInputs && group.inputs.length <= 2) {
      backwardScalar(theta, grad, group, top, P, start, end, kernels);
      continue;
    }
    if (!kernels || group.inputs.some((input) => input.xSampleMajor === undefined)) {
      readoutAndDelta(theta, grad, group, top, P, start, end, 0);
      for (const { block, x } of group.inputs) {
        addOuter(grad, block.offset, block.rows, block.cols, group.delta, x, P, start, end);
      }
      continue;
    }
    // Units [0, h4) in the kernels (their deltas quad-interleaved), the rest here (theirs
    // feature-major, in rows the interleaving does not touch).
    const h = group.readout.cols;
    const h4 = h - (h % 4);
    const { act, delta, readout } = group;
    kernels.readoutDelta(theta, grad, readout, act, top, delta, h4, P, start, end);
    readoutAndDelta(theta, grad, group, top, P, start, end, h4);
    for (const input of group.inputs) {
      const { block, x } = input;
      kernels.outerPairs(grad, input, h4, delta, P, start, end);
      if (h4 < h) {
        const rest = delta.subarray(h4 * P);
        addOuter(grad, block.offset + h4 * block.cols, h - h4, block.cols, rest, x, P, start, end);
      }
    }
  }
}

/**
 * Scalar modalities (each input block h × 1, at most two): four units at a time, their
 * activations recomputed as forwardScalar4 forms them, the readout and input gradients in
 * registers, the deltas never stored. The last h mod 4 units read the activations that
 * forwardUnit stored.
 */
function backwardScalar(
  theta: Float64Array,
  grad: Float64Array,
  group: HiddenGroup,
  top: Float64Array,
  P: number,
  start: number,
  end: number,
  kernels: HiddenLayerKernels | undefined,
): void {
  const h = group.readout.cols;
  const h4 = h - (h % 4);
  if (kernels)
    kernels.scalarBackward(theta, grad, group.inputs, group.readout, top, h4, start, end);
  for (let i = 0; i < (kernels ? 0 : h4); i += 4) {
    if (group.inputs.length === 1) backwardScalar4One(theta, grad, group, top, start, end, i);
    else backwardScalar4Two(theta, grad, group, top, start, end, i);
  }
  const v0 = group.readout.offset;
  const act = group.act;
  for (let i = h4; i < h; i++) {
    const o = i * P;
    const v = theta[v0 + i]!;
    let g = 0;
    const sums = group.inputs.map(() => 0);
    for (let p = start; p < end; p++) {
      const e = top[p]!;
      const hi = act[o + p]!;
      g += e * hi;
      const d = (0 + v * e) * +(hi > 0);
      group.inputs.forEach(({ x }, n) => {
        sums[n]! += d * x[p]!;
      });
    }
    grad[v0 + i]! += g;
    group.inputs.forEach(({ block }, n) => {
      grad[block.offset + i]! += sums[n]!;
    });
  }
}

/** Four units fed by one scalar input (late fusion): z = 0 + a·x. */
function backwardScalar4One(
  theta: Float64Array,
  grad: Float64Array,
  group: HiddenGroup,
  top: Float64Array,
  start: number,
  end: number,
  i: number,
): void {
  const { block, x: xA } = group.inputs[0]!;
  const wa = block.offset + i;
  const a0 = theta[wa]!;
  const a1 = theta[wa + 1]!;
  const a2 = theta[wa + 2]!;
  const a3 = theta[wa + 3]!;
  const vo = group.readout.offset + i;
  const v0 = theta[vo]!;
  const v1 = theta[vo + 1]!;
  const v2 = theta[vo + 2]!;
  const v3 = theta[vo + 3]!;
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  let g3 = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let p = start; p < end; p++) {
    const e = top[p]!;
    const x = xA[p]!;
    const h0 = relu(0 + a0 * x);
    const h1 = relu(0 + a1 * x);
    const h2 = relu(0 + a2 * x);
    const h3 = relu(0 + a3 * x);
    g0 += e * h0;
    g1 += e * h1;
    g2 += e * h2;
    g3 += e * h3;
    // δ = (0 + v·e)·1(a > 0), as the generic back-propagation forms it.
    s0 += (0 + v0 * e) * +(h0 > 0) * x;
    s1 += (0 + v1 * e) * +(h1 > 0) * x;
    s2 += (0 + v2 * e) * +(h2 > 0) * x;
    s3 += (0 + v3 * e) * +(h3 > 0) * x;
  }
  addFour(grad, vo, g0, g1, g2, g3);
  addFour(grad, wa, s0, s1, s2, s3);
}

/** Four units fed by two scalar inputs (early fusion): z = (0 + a·x_A) + b·x_B. */
function backwardScalar4Two(
  theta: Float64Array,
  grad: Float64Array,
  group: HiddenGroup,
  top: Float64Array,
  start: number,
  end: number,
  i: number,
): void {
  const first = group.inputs[0]!;
  const second = group.inputs[1]!;
  const xA = first.x;
  const xB = second.x;
  const wa = first.block.offset + i;
  const wb = second.block.offset + i;
  const a0 = theta[wa]!;
  const a1 = theta[wa + 1]!;
  const a2 = theta[wa + 2]!;
  const a3 = theta[wa + 3]!;
  const b0 = theta[wb]!;
  const b1 = theta[wb + 1]!;
  const b2 = theta[wb + 2]!;
  const b3 = theta[wb + 3]!;
  const vo = group.readout.offset + i;
  const v0 = theta[vo]!;
  const v1 = theta[vo + 1]!;
  const v2 = theta[vo + 2]!;
  const v3 = theta[vo + 3]!;
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  let g3 = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  for (let p = start; p < end; p++) {
    const e = top[p]!;
    const x = xA[p]!;
    const y = xB[p]!;
    const h0 = relu(0 + a0 * x + b0 * y);
    const h1 = relu(0 + a1 * x + b1 * y);
    const h2 = relu(0 + a2 * x + b2 * y);
    const h3 = relu(0 + a3 * x + b3 * y);
    g0 += e * h0;
    g1 += e * h1;
    g2 += e * h2;
    g3 += e * h3;
    const d0 = (0 + v0 * e) * +(h0 > 0);
    const d1 = (0 + v1 * e) * +(h1 > 0);
    const d2 = (0 + v2 * e) * +(h2 > 0);
    const d3 = (0 + v3 * e) * +(h3 > 0);
    s0 += d0 * x;
    s1 += d1 * x;
    s2 += d2 * x;
    s3 += d3 * x;
    t0 += d0 * y;
    t1 += d1 * y;
    t2 += d2 * y;
    t3 += d3 * y;
  }
  addFour(grad, vo, g0, g1, g2, g3);
  addFour(grad, wa, s0, s1, s2, s3);
  addFour(grad, wb, t0, t1, t2, t3);
}

function addFour(grad: Float64Array, i: number, a: number, b: number, c: number, d: number): void {
  grad[i]! += a;
  grad[i + 1]! += b;
  grad[i + 2]! += c;
  grad[i + 3]! += d;
}

/** The readout gradient of units [from, h) and their deltas into group.delta (general inputs). */
function readoutAndDelta(
  theta: Float64Array,
  grad: Float64Array,
  group: HiddenGroup,
  top: Float64Array,
  P: number,
  start: number,
  end: number,
  from: number,
): void {
  const h = group.readout.cols;
  const v0 = group.readout.offset;
  const { act, delta } = group;
  for (let i = from; i < h; i++) {
    const o = i * P;
    const v = theta[v0 + i]!;
    let g = 0;
    for (let p = start; p < end; p++) {
      const e = top[p]!;
      const hi = act[o + p]!;
      g += e * hi;
      delta[o + p] = (0 + v * e) * +(hi > 0);
    }
    grad[v0 + i]! += g;
  }
}
