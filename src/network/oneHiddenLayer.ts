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
 */

/** The hidden units fed by some input blocks and read out by one 1 × h row. */
export interface HiddenGroup {
  /** Blocks into these units and their feature-major inputs (summed in this order). */
  readonly inputs: readonly { readonly block: LayerBlock; readonly x: Float64Array }[];
  /** The 1 × h output row of these units. */
  readonly readout: LayerBlock;
  /** The units' post-ReLU activations, feature-major (h × P). */
  readonly act: Float64Array;
  /** Scratch for the units' deltas (h × P), used when an input has more than one column. */
  readonly delta: Float64Array;
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
): void {
  yHat.fill(0, start, end);
  for (const group of groups) forwardGroup(theta, group, yHat, P, start, end);
}

function forwardGroup(
  theta: Float64Array,
  group: HiddenGroup,
  yHat: Float64Array,
  P: number,
  start: number,
  end: number,
): void {
  const h = group.readout.cols;
  const h4 = h - (h % 4);
  const scalar = group.inputs.length <= 2 && group.inputs.every((input) => input.block.cols === 1);
  for (let i = 0; i < h4; i += 4) {
    if (scalar) forwardScalar4(theta, group, yHat, P, start, end, i);
    else forwardGeneral4(theta, group, yHat, P, start, end, i);
  }
  for (let i = h4; i < h; i++) forwardUnit(theta, group, yHat, P, start, end, i);
}

/**
 * relu(s) = (s + |s|)/2: exact (2s and its half are exact; s + (−s) = +0) and free of the
 * data-dependent branch that mispredicts on about half of the units.
 */
const relu = (s: number) => (s + Math.abs(s)) * 0.5;

/**
 * Units i..i+3 on scalar modalities (one or two h × 1 input blocks): the weights in locals,
 * z = (0 + a·x_A) + b·x_B, and ŷ_p += v_i a_ip for the four units in order.
 */
function forwardScalar4(
  theta: Float64Array,
  group: HiddenGroup,
  yHat: Float64Array,
  P: number,
  start: number,
  end: number,
  i: number,
): void {
  const act = group.act;
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
  const o0 = i * P;
  const o1 = o0 + P;
  const o2 = o1 + P;
  const o3 = o2 + P;
  if (second === undefined) {
    for (let p = start; p < end; p++) {
      const x = xA[p]!;
      const h0 = relu(0 + a0 * x);
      const h1 = relu(0 + a1 * x);
      const h2 = relu(0 + a2 * x);
      const h3 = relu(0 + a3 * x);
      act[o0 + p] = h0;
      act[o1 + p] = h1;
      act[o2 + p] = h2;
      act[o3 + p] = h3;
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
    act[o0 + p] = h0;
    act[o1 + p] = h1;
    act[o2 + p] = h2;
    act[o3 + p] = h3;
    yHat[p] = yHat[p]! + v0 * h0 + v1 * h1 + v2 * h2 + v3 * h3;
  }
}

/** Units i..i+3, any input blocks: each z summed over the blocks in order, columns ascending. */
function forwardGeneral4(
  theta: Float64Array,
  group: HiddenGroup,
  yHat: Float64Array,
  P: number,
  start: number,
  end: number,
  i: number,
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
  for (let p = start; p < end; p++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let n = 0; n < inputs.length; n++) {
      const { block, x } = inputs[n]!;
      const cols = block.cols;
      const w = block.offset + i * cols;
      for (let k = 0; k < cols; k++) {
        const xk = x[k * P + p]!;
        s0 += theta[w + k]! * xk;
        s1 += theta[w + cols + k]! * xk;
        s2 += theta[w + 2 * cols + k]! * xk;
        s3 += theta[w + 3 * cols + k]! * xk;
      }
    }
    const h0 = relu(s0);
    const h1 = relu(s1);
    const h2 = relu(s2);
    const h3 = relu(s3);
    act[o0 + p] = h0;
    act[o1 + p] = h1;
    act[o2 + p] = h2;
    act[o3 + p] = h3;
    yHat[p] = yHat[p]! + v0 * h0 + v1 * h1 + v2 * h2 + v3 * h3;
  }
}

/** One unit (the last h mod 4). */
function forwardUnit(
  theta: Float64Array,
  group: HiddenGroup,
  yHat: Float64Array,
  P: number,
  start: number,
  end: number,
  i: number,
): void {
  const act = group.act;
  const v = theta[group.readout.offset + i]!;
  const o = i * P;
  for (let p = start; p < end; p++) {
    let s = 0;
    for (const { block, x } of group.inputs) {
      const w = block.offset + i * block.cols;
      for (let k = 0; k < block.cols; k++) s += theta[w + k]! * x[k * P + p]!;
    }
    const a = relu(s);
    act[o + p] = a;
    yHat[p]! += v * a;
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
): void {
  for (const group of groups) {
    const scalarInputs = group.inputs.every((input) => input.block.cols === 1);
    if (scalarInputs && group.inputs.length <= 2) {
      backwardScalar(theta, grad, group, top, P, start, end);
      continue;
    }
    readoutAndDelta(theta, grad, group, top, P, start, end);
    for (const { block, x } of group.inputs) {
      addOuter(grad, block.offset, block.rows, block.cols, group.delta, x, P, start, end);
    }
  }
}

/**
 * Scalar modalities (each input block h × 1, at most two): four units at a time, the readout
 * and input gradients of each unit in registers, the deltas never stored.
 */
function backwardScalar(
  theta: Float64Array,
  grad: Float64Array,
  group: HiddenGroup,
  top: Float64Array,
  P: number,
  start: number,
  end: number,
): void {
  const h = group.readout.cols;
  const v0 = group.readout.offset;
  const act = group.act;
  const first = group.inputs[0]!;
  const second = group.inputs[1];
  const xA = first.x;
  const xB = second?.x ?? first.x;
  const wA = first.block.offset;
  const wB = second?.block.offset ?? 0;
  const h4 = h - (h % 4);
  for (let i = 0; i < h4; i += 4) {
    const o0 = i * P;
    const o1 = o0 + P;
    const o2 = o1 + P;
    const o3 = o2 + P;
    const v0i = theta[v0 + i]!;
    const v1i = theta[v0 + i + 1]!;
    const v2i = theta[v0 + i + 2]!;
    const v3i = theta[v0 + i + 3]!;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let p = start; p < end; p++) {
      const e = top[p]!;
      const h0 = act[o0 + p]!;
      const h1 = act[o1 + p]!;
      const h2 = act[o2 + p]!;
      const h3 = act[o3 + p]!;
      g0 += e * h0;
      g1 += e * h1;
      g2 += e * h2;
      g3 += e * h3;
      // δ = (0 + v·e)·1(a > 0) as the generic back-propagation forms it.
      const d0 = (0 + v0i * e) * +(h0 > 0);
      const d1 = (0 + v1i * e) * +(h1 > 0);
      const d2 = (0 + v2i * e) * +(h2 > 0);
      const d3 = (0 + v3i * e) * +(h3 > 0);
      const x = xA[p]!;
      a0 += d0 * x;
      a1 += d1 * x;
      a2 += d2 * x;
      a3 += d3 * x;
      const y = xB[p]!;
      b0 += d0 * y;
      b1 += d1 * y;
      b2 += d2 * y;
      b3 += d3 * y;
    }
    grad[v0 + i]! += g0;
    grad[v0 + i + 1]! += g1;
    grad[v0 + i + 2]! += g2;
    grad[v0 + i + 3]! += g3;
    grad[wA + i]! += a0;
    grad[wA + i + 1]! += a1;
    grad[wA + i + 2]! += a2;
    grad[wA + i + 3]! += a3;
    if (second) {
      grad[wB + i]! += b0;
      grad[wB + i + 1]! += b1;
      grad[wB + i + 2]! += b2;
      grad[wB + i + 3]! += b3;
    }
  }
  for (let i = h4; i < h; i++) {
    const o = i * P;
    const v = theta[v0 + i]!;
    let g = 0;
    let a = 0;
    let b = 0;
    for (let p = start; p < end; p++) {
      const e = top[p]!;
      const hi = act[o + p]!;
      g += e * hi;
      const d = (0 + v * e) * +(hi > 0);
      a += d * xA[p]!;
      b += d * xB[p]!;
    }
    grad[v0 + i]! += g;
    grad[wA + i]! += a;
    if (second) grad[wB + i]! += b;
  }
}

/** The readout gradient of every unit and the deltas into group.delta (general inputs). */
function readoutAndDelta(
  theta: Float64Array,
  grad: Float64Array,
  group: HiddenGroup,
  top: Float64Array,
  P: number,
  start: number,
  end: number,
): void {
  const h = group.readout.cols;
  const v0 = group.readout.offset;
  const { act, delta } = group;
  for (let i = 0; i < h; i++) {
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
