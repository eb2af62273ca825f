import type { SampleSet } from "../data/sampleSet.js";
import { InputError, requireInteger } from "../errors/inputError.js";
import { InternalError } from "../errors/internalError.js";
import { inverse } from "../linalg/inverse.js";
import { normalSource } from "../random/gaussian.js";
import type { OuterKernel, TileKernel } from "./featureMajorKernels.js";
import { addOuterProducts, productInto } from "./featureMajorKernels.js";
import type { LayerBlock, ParameterLayout } from "./layout.js";
import type { TrainableModel } from "./model.js";
import type { HiddenGroup } from "./oneHiddenLayer.js";
import { oneHiddenLayerBackward, oneHiddenLayerForward } from "./oneHiddenLayer.js";
import { twoLayerLinearPart } from "./reluLinearPart.js";
import { WasmArena } from "./wasmTiles.js";

/** Optional mini-batching for gradient descent (docs/theory.md §2 trains full-batch by default). */
export interface MiniBatchSpec {
  /** Samples per gradient, 1 ≤ size ≤ P. */
  readonly size: number;
  /** Seed of the per-epoch shuffles. */
  readonly seed: number;
}

/**
 * What `totalMap` reports:
 * - "half-rule" (depth 2): ½Σ_i c_i u_iᵀ per docs/theory.md T11 — the best linear approximation of
 *   each branch under zero-mean Gaussian inputs, free of sampling noise in the weights' map.
 * - "exact" (depth 1): the network has no hidden layer and is linear.
 * - "least-squares" (depth ≥ 3): the least-squares linear fit of the network's output on the
 *   samples, (XᵀX)⁻¹Xᵀŷ. It is exact for a linear network (it returns W^tot) and tends to the
 *   half-rule for two-layer networks on Gaussian data as P → ∞, so it generalises both; the
 *   ½-rule has no closed analogue past one hidden layer (E[x ŷ] then depends on the kernel
 *   of every layer). It costs one forward pass over the samples.
 */
export type TotalMapRule = "exact" | "half-rule" | "least-squares";

export interface ReluNetworkModel extends TrainableModel {
  readonly samples: SampleSet;
  readonly totalMapRule: TotalMapRule;
  /**
   * Which kernels compute the gradient, loss and outputs: "wasm" when the buffers live in a
   * WasmArena and its WebAssembly SIMD kernels run (wasmTiles.ts, wasmHiddenLayer.ts),
   * "javascript" otherwise (option `javascriptKernels`, no SIMD in the runtime, the linear
   * network, two-layer networks narrower than 4 units or with unequal branch depths, and
   * scalarReluModel's closed form). Read-only; the results are the same bits either way.
   */
  readonly kernels: "wasm" | "javascript";
  /** Writes the network's outputs ŷ on all samples into `out` (length P). */
  predict(theta: Float64Array, out: Float64Array): void;
}

/**
 * A ReLU fusion network (ReLU after every layer but the last, docs/theory.md §2) on a finite
 * sample set, with loss ℒ = (1/2P)Σ_p (y_p − ŷ_p)² and its full-batch gradient by
 * back-propagation. Any depth L and fusion layer Lf; the parameter layout is the linear
 * network's (src/network/layout.ts). All P×h activation and delta buffers are allocated here,
 * once: `gradient`, `loss` and `totalMap` allocate nothing.
 *
 * With `miniBatch`, each `gradient` call uses the next `size` samples of a seeded shuffle
 * (reshuffled in place every epoch) and returns that batch's loss; `loss` and `totalMap`
 * always use all samples. Mini-batch gradients are for gradient descent only: a flow
 * integrator needs a deterministic right-hand side.
 */
export function reluNetworkModel(
  layout: ParameterLayout,
  samples: SampleSet,
  options: {
    readonly miniBatch?: MiniBatchSpec;
    /**
     * JavaScript kernels only, no WebAssembly (the results are the same bit for bit; the
     * tests run both paths).
     */
    readonly javascriptKernels?: boolean;
  } = {},
): ReluNetworkModel {
  const arch = layout.architecture;
  if (arch.dA !== samples.dA || arch.dB !== samples.dB) {
    throw new InternalError(
      `architecture input dims (${arch.dA}, ${arch.dB}) do not match samples (${samples.dA}, ${samples.dB})`,
    );
  }
  const P = samples.samples;
  if (P < 1) throw new InputError("samples", "must be ≥ 1");
  const { depth: L, fusionLayer: Lf, dA, dB } = arch;
  const D = dA + dB;
  const batchSize =
    options.miniBatch === undefined
      ? P
      : requireInteger("batch-size", options.miniBatch.size, 1, P);
  // Every activation buffer is feature-major (unit i of sample p at i·P + p), so the inner
  // loops stream over samples. Inputs are copied per modality (a mini-batch shuffle permutes
  // them in place).
  const chains = { A: layout.chains.A, B: layout.chains.B };
  const postBlocks = chains.A.slice(Lf - 1); // fusion block (A's, for its row count), shared layers
  // Every network but the linear one keeps its buffers and a copy of θ in one WebAssembly
  // memory, where the kernels run in SIMD with the JavaScript kernels' bits: deep networks
  // (L ≥ 3) the products' 4 × 4 tiles (wasmTiles.ts), two-layer networks the fused path of
  // oneHiddenLayer.ts (wasmHiddenLayer.ts). Two-layer networks with unequal branch depths
  // take the generic path with JavaScript tiles, and so do those narrower than 4 units (the
  // kernels take units four at a time: there would be nothing for them to do).
  const fusedHidden = L === 2 && arch.branchDepths === undefined;
  const rowsOf = (blocks: readonly LayerBlock[]) => blocks.reduce((n, b) => n + b.rows, 0);
  const withArena = L >= 3 || (fusedHidden && arch.width >= 4);
  const arena =
    withArena && options.javascriptKernels !== true
      ? WasmArena.create(
          layout.size +
            P * (D + 2 * (rowsOf(chains.A.slice(0, Lf - 1)) + rowsOf(chains.B.slice(0, Lf - 1)))) +
            2 * P * rowsOf(postBlocks) +
            layout.size +
            // Two-layer: the inputs again sample-major, and the forward's packed weights.
            (fusedHidden ? P * D + layout.size : 0),
        )
      : undefined;
  const buffer = (length: number) => (arena ? arena.alloc(length) : new Float64Array(length));
  const tiles = arena?.tiles;
  const outer = arena?.outer;
  const hiddenKernels = arena?.hidden;
  const thetaCopy = arena?.alloc(layout.size);
  /** The gradient is summed here when there is an arena, then copied out. */
  const gradCopy = arena?.alloc(layout.size);
  /** θ where the kernels read it: the arena's copy when there is one. */
  const weightsOf = (theta: Float64Array) => {
    if (thetaCopy === undefined) return theta;
    thetaCopy.set(theta);
    return thetaCopy;
  };
  const xA = buffer(P * dA);
  const xB = buffer(P * dB);
  const y = Float64Array.from(samples.y);
  for (let p = 0; p < P; p++) {
    for (let j = 0; j < dA; j++) xA[j * P + p] = samples.x[p * D + j]!;
    for (let j = 0; j < dB; j++) xB[j * P + p] = samples.x[p * D + dA + j]!;
  }
  // The WebAssembly outer products of a two-layer network read the inputs sample-major.
  const sampleMajor =
    arena && fusedHidden ? { A: arena.alloc(P * dA), B: arena.alloc(P * dB) } : undefined;
  const fillSampleMajor = () => {
    if (!sampleMajor) return;
    for (let p = 0; p < P; p++) {
      for (let j = 0; j < dA; j++) sampleMajor.A[p * dA + j] = xA[j * P + p]!;
      for (let j = 0; j < dB; j++) sampleMajor.B[p * dB + j] = xB[j * P + p]!;
    }
  };
  fillSampleMajor();
  // Branch activations: branchH[m][l] for l = 1..Lf−1 (index 0 is the input).
  const branchH = {
    A: [xA, ...chains.A.slice(0, Lf - 1).map((b) => buffer(P * b.rows))],
    B: [xB, ...chains.B.slice(0, Lf - 1).map((b) => buffer(P * b.rows))],
  };
  const branchDelta = {
    A: [new Float64Array(0), ...chains.A.slice(0, Lf - 1).map((b) => buffer(P * b.rows))],
    B: [new Float64Array(0), ...chains.B.slice(0, Lf - 1).map((b) => buffer(P * b.rows))],
  };
  // Post-fusion activations post[k] for layer Lf + k (k = 0..L−Lf); post[L−Lf] is ŷ.
  const post = postBlocks.map((b) => buffer(P * b.rows));
  const postDelta = postBlocks.map((b) => buffer(P * b.rows));
  const yHat = post[post.length - 1]!;
  const normals = normalSource(options.miniBatch?.seed ?? 0);
  // One hidden layer (L = 2, equal branches): the fused path of oneHiddenLayer.ts.
  const hiddenGroups = fusedHidden ? oneHiddenLayerGroups() : undefined;
  let cursor = 0;

  /** The hidden units of a two-layer network: per branch (Lf = 2) or shared (Lf = 1). */
  function oneHiddenLayerGroups(): HiddenGroup[] {
    const input = (m: "A" | "B") => ({
      block: chains[m][0]!,
      x: branchH[m][0]!,
      ...(sampleMajor ? { xSampleMajor: sampleMajor[m] } : {}),
    });
    const packed = (blocks: readonly LayerBlock[]) =>
      arena ? { packed: arena.alloc(blocks.reduce((n, b) => n + b.rows * b.cols, 0)) } : {};
    if (Lf === 2) {
      return (["A", "B"] as const).map((m) => ({
        inputs: [input(m)],
        readout: chains[m][1]!,
        act: branchH[m][1]!,
        delta: branchDelta[m][1]!,
        ...packed([chains[m][0]!]),
      }));
    }
    return [
      {
        inputs: [input("A"), input("B")],
        readout: chains.A[1]!,
        act: post[0]!,
        delta: postDelta[0]!,
        ...packed([chains.A[0]!, chains.B[0]!]),
      },
    ];
  }

  /** Forward pass on rows [start, end); fills every activation buffer there. */
  const forward = (theta: Float64Array, start: number, end: number) => {
    if (hiddenGroups) {
      oneHiddenLayerForward(theta, hiddenGroups, yHat, P, start, end, hiddenKernels);
      return;
    }
    for (const m of ["A", "B"] as const) {
      for (let l = 1; l < Lf; l++) {
        const block = chains[m][l - 1]!;
        multiply(
          theta,
          block,
          branchH[m][l - 1]!,
          branchH[m][l]!,
          P,
          start,
          end,
          false,
          true,
          tiles,
        );
      }
    }
    multiply(
      theta,
      chains.A[Lf - 1]!,
      branchH.A[Lf - 1]!,
      post[0]!,
      P,
      start,
      end,
      false,
      false,
      tiles,
    );
    multiply(
      theta,
      chains.B[Lf - 1]!,
      branchH.B[Lf - 1]!,
      post[0]!,
      P,
      start,
      end,
      true,
      Lf < L,
      tiles,
    );
    for (let k = 1; k < post.length; k++) {
      multiply(
        theta,
        postBlocks[k]!,
        post[k - 1]!,
        post[k]!,
        P,
        start,
        end,
        false,
        Lf + k < L,
        tiles,
      );
    }
  };

  const lossOn = (start: number, end: number) => {
    let sum = 0;
    for (let p = start; p < end; p++) sum += (yHat[p]! - y[p]!) ** 2;
    return sum / (2 * (end - start));
  };

  /**
   * Adds the gradient of ½·Σ_{p∈[start,end)}(ŷ_p − y_p)²/count to `out` and returns that
   * block's loss contribution (count: the batch the mean is over).
   */
  const accumulateGradient = (
    theta: Float64Array,
    out: Float64Array,
    start: number,
    end: number,
    count: number,
  ) => {
    forward(theta, start, end);
    const loss = (lossOn(start, end) * (end - start)) / count;
    const top = postDelta[postDelta.length - 1]!;
    const scale = 1 / count;
    for (let p = start; p < end; p++) top[p] = (yHat[p]! - y[p]!) * scale;
    if (hiddenGroups) {
      oneHiddenLayerBackward(
        theta,
        out,
        hiddenGroups,
        top,
        P,
        start,
        end,
        addOuterProducts,
        hiddenKernels,
      );
      return loss;
    }
    for (let k = post.length - 1; k >= 1; k--) {
      addGradient(out, postBlocks[k]!, postDelta[k]!, post[k - 1]!, P, start, end, outer);
      backPropagate(
        theta,
        postBlocks[k]!,
        postDelta[k]!,
        post[k - 1]!,
        postDelta[k - 1]!,
        P,
        start,
        end,
        tiles,
      );
    }
    for (const m of ["A", "B"] as const) {
      let delta = postDelta[0]!;
      for (let l = Lf; l >= 1; l--) {
        const block = chains[m][l - 1]!;
        addGradient(out, block, delta, branchH[m][l - 1]!, P, start, end, outer);
        if (l > 1) {
          backPropagate(
            theta,
            block,
            delta,
            branchH[m][l - 1]!,
            branchDelta[m][l - 1]!,
            P,
            start,
            end,
            tiles,
          );
          delta = branchDelta[m][l - 1]!;
        }
      }
    }
    return loss;
  };

  const shuffle = () => {
    for (let p = P - 1; p > 0; p--) {
      const q = Math.floor(normals.uniform() * (p + 1));
      swapSamples(xA, dA, P, p, q);
      swapSamples(xB, dB, P, p, q);
      const t = y[p]!;
      y[p] = y[q]!;
      y[q] = t;
    }
    fillSampleMajor();
  };
  if (options.miniBatch) shuffle();

  const gradientOn = (theta: Float64Array, out: Float64Array, start: number, end: number) => {
    const g = gradCopy ?? out;
    g.fill(0);
    const loss = accumulateGradient(weightsOf(theta), g, start, end, end - start);
    if (gradCopy) out.set(gradCopy);
    return loss;
  };

  /**
   * Full batch in blocks of CACHE_BLOCK samples: the activations of one block (width ×
   * block doubles per layer) stay in cache across the forward pass, the ReLU, the backward
   * pass and the gradient sums, instead of streaming width × P doubles through memory several
   * times (P = 8192, width 100: 6.5 MB per buffer; measured 31 → 26 ms per gradient).
   */
  const fullBatchGradient = (theta: Float64Array, out: Float64Array) => {
    const g = gradCopy ?? out;
    g.fill(0);
    let loss = 0;
    const w = weightsOf(theta);
    for (let start = 0; start < P; start += CACHE_BLOCK)
      loss += accumulateGradient(w, g, start, Math.min(P, start + CACHE_BLOCK), P);
    if (gradCopy) out.set(gradCopy);
    outputsComputedAt(theta);
    return loss;
  };

  /**
   * ŷ on all samples is in yHat for the weights outputsTheta (when outputsValid): a forward
   * pass's outputs do not depend on the blocking, so the full-batch gradient leaves exactly
   * forward(θ, 0, P)'s ŷ behind. Gradient descent asks for the total map at the θ whose
   * gradient it has just taken; for depth ≥ 3 (the least-squares map) that would be a second
   * forward pass per step, a third of the step's work.
   */
  const outputsTheta = new Float64Array(layout.size);
  let outputsValid = false;
  const outputsComputedAt = (theta: Float64Array) => {
    outputsTheta.set(theta);
    outputsValid = true;
  };
  const forwardAll = (theta: Float64Array) => {
    if (outputsValid && sameWeights(theta, outputsTheta)) return;
    forward(weightsOf(theta), 0, P);
    outputsComputedAt(theta);
  };

  const gradient = (theta: Float64Array, out: Float64Array) => {
    if (batchSize === P) return fullBatchGradient(theta, out);
    outputsValid = false; // a batch overwrites part of ŷ; a shuffle reorders the samples
    if (cursor + batchSize > P) {
      shuffle();
      cursor = 0;
    }
    const loss = gradientOn(theta, out, cursor, cursor + batchSize);
    cursor += batchSize;
    return loss;
  };

  const loss = (theta: Float64Array) => {
    let sum = 0;
    const w = weightsOf(theta);
    for (let start = 0; start < P; start += CACHE_BLOCK) {
      const end = Math.min(P, start + CACHE_BLOCK);
      forward(w, start, end);
      sum += lossOn(start, end) * (end - start);
    }
    outputsComputedAt(theta);
    return sum / P;
  };

  const totalMapRule: TotalMapRule = L === 1 ? "exact" : L === 2 ? "half-rule" : "least-squares";
  const leastSquares =
    totalMapRule === "least-squares" ? leastSquaresFit(xA, xB, dA, dB, P) : undefined;
  const totalMap = (theta: Float64Array, out: Float64Array) => {
    if (totalMapRule === "exact") {
      out.set(theta.subarray(chains.A[0]!.offset, chains.A[0]!.offset + dA), 0);
      out.set(theta.subarray(chains.B[0]!.offset, chains.B[0]!.offset + dB), dA);
      return;
    }
    if (totalMapRule === "half-rule") {
      twoLayerLinearPart(layout, theta, out);
      return;
    }
    forwardAll(theta);
    leastSquares!(yHat, out);
  };

  const predict = (theta: Float64Array, out: Float64Array) => {
    forwardAll(theta);
    out.set(yHat);
  };
  const kernels = arena ? "wasm" : "javascript";
  return {
    layout,
    inputDim: D,
    samples,
    totalMapRule,
    kernels,
    totalMap,
    gradient,
    loss,
    predict,
  };
}

/**
 * Samples per block of the full-batch gradient and loss: 512 keeps a width-100 layer's block
 * of activations (400 kB) in a typical L2 cache. P ≤ 512 is one block (the sums are then
 * the unblocked ones, bit for bit).
 */
const CACHE_BLOCK = 512;

/**
 * out[:, p] (+)= W in[:, p] for samples p in [start, end) (feature-major buffers), through a
 * ReLU when `relu` (featureMajorKernels.ts: register-blocked, the plain loop's sums bit for bit).
 */
function multiply(
  theta: Float64Array,
  block: LayerBlock,
  input: Float64Array,
  out: Float64Array,
  P: number,
  start: number,
  end: number,
  add: boolean,
  relu: boolean,
  tiles: TileKernel | undefined,
): void {
  const view = {
    offset: block.offset,
    rows: block.rows,
    inner: block.cols,
    rowStride: block.cols,
    colStride: 1,
  };
  productInto(
    theta,
    view,
    input,
    out,
    P,
    start,
    end,
    add,
    relu ? "relu" : "store",
    undefined,
    tiles,
  );
}

/** ∂ℒ/∂W[i, j] += Σ_p δ[i, p] in[j, p]. */
function addGradient(
  grad: Float64Array,
  block: LayerBlock,
  delta: Float64Array,
  input: Float64Array,
  P: number,
  start: number,
  end: number,
  outer: OuterKernel | undefined,
): void {
  addOuterProducts(grad, block.offset, block.rows, block.cols, delta, input, P, start, end, outer);
}

/**
 * δ_in[j, p] = (Σ_i δ[i, p] W[i, j]) · 1(h[j, p] > 0), with h the (post-ReLU) input of the
 * block: relu(z) > 0 exactly when z > 0, and relu'(0) = 0 by convention.
 */
function backPropagate(
  theta: Float64Array,
  block: LayerBlock,
  delta: Float64Array,
  input: Float64Array,
  out: Float64Array,
  P: number,
  start: number,
  end: number,
  tiles: TileKernel | undefined,
): void {
  const view = {
    offset: block.offset,
    rows: block.cols,
    inner: block.rows,
    rowStride: 1,
    colStride: block.cols,
  };
  productInto(theta, view, delta, out, P, start, end, false, "mask", input, tiles);
}

/** θ = θ' element by element (a stale ŷ must never be read: exact, NaN never equal). */
function sameWeights(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function swapSamples(x: Float64Array, width: number, P: number, p: number, q: number): void {
  for (let j = 0; j < width; j++) {
    const t = x[j * P + p]!;
    x[j * P + p] = x[j * P + q]!;
    x[j * P + q] = t;
  }
}

/**
 * The least-squares map ŷ ↦ (XᵀX)⁻¹Xᵀŷ over all samples, with (XᵀX)⁻¹ computed once.
 * Row order of X does not matter (a mini-batch shuffle permutes xA, xB and ŷ together).
 */
function leastSquaresFit(
  xA: Float64Array,
  xB: Float64Array,
  dA: number,
  dB: number,
  P: number,
): (yHat: Float64Array, out: Float64Array) => void {
  const D = dA + dB;
  const at = (p: number, j: number) => (j < dA ? xA[j * P + p]! : xB[(j - dA) * P + p]!);
  const gram = Array.from({ length: D }, () => new Array<number>(D).fill(0));
  for (let p = 0; p < P; p++)
    for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) gram[i]![j]! += at(p, i) * at(p, j);
  if (P < D) throw new InputError("samples", `least-squares total map needs P ≥ D = ${D}`);
  const inv = Float64Array.from(inverse(gram).flat());
  const xty = new Float64Array(D);
  return (yHat, out) => {
    xty.fill(0);
    for (let p = 0; p < P; p++) {
      const v = yHat[p]!;
      for (let j = 0; j < dA; j++) xty[j]! += xA[j * P + p]! * v;
      for (let j = 0; j < dB; j++) xty[dA + j]! += xB[j * P + p]! * v;
    }
    for (let i = 0; i < D; i++) {
      let sum = 0;
      for (let j = 0; j < D; j++) sum += inv[i * D + j]! * xty[j]!;
      out[i] = sum;
    }
  };
}
