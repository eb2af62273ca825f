import { InternalError } from "../errors/internalError.js";
import type { Epilogue, WeightView } from "./featureMajorKernels.js";
import type { HiddenInput, HiddenLayerKernels } from "./oneHiddenLayer.js";
import type { WasmMemory } from "./wasmAssembler.js";
import {
  BLOCK,
  BR,
  BR_IF,
  ELSE,
  END,
  F64X2_ABS,
  F64X2_ADD,
  F64X2_GT,
  F64X2_MUL,
  get,
  I32_ADD,
  I32_EQ,
  I32_EQZ,
  I32_LT_S,
  I32_MUL,
  I32_SUB,
  IF,
  i32,
  LOOP,
  moduleBytes,
  set,
  V128_AND,
  V128_LOAD,
  V128_LOAD64_LANE,
  V128_LOAD64_SPLAT,
  V128_STORE,
  v128,
  wasm,
} from "./wasmAssembler.js";
import { hiddenLayerFunctions } from "./wasmHiddenLayer.js";

/**
 * The 4 × 4 tiles of `productInto` (featureMajorKernels.ts) in WebAssembly SIMD: each tile's
 * 16 sums held in eight f64x2 registers (two samples per lane pair), each weight loaded once
 * and splat across a pair, each pair of inputs loaded with one 128-bit load. A lane is one of
 * the plain loop's sums, advanced in the same order with the same IEEE operations
 * (WebAssembly has no fused multiply-add and never reassociates), so the results are the
 * JavaScript tiles' bit for bit (test/network/oneHiddenLayer.test.ts, L ≥ 3, both paths); measured 3.1-4.8× their
 * speed on a 100 × 100 × 512 block (4.2-6.7 against 1.0-1.4 GFLOP/s, 2-core VM under load).
 *
 * The module is assembled from its instructions (wasmAssembler.ts; a few kB, no build step, no
 * dependency), with the one-hidden-layer kernels of wasmHiddenLayer.ts, and runs on a memory
 * the caller owns: the buffers it reads and writes must be
 * views of that memory (`WasmArena`).
 */

/** Signature of the exported `tiles` function: 13 i32 parameters (byte addresses, sizes). */
type TilesExport = (
  weights: number,
  rows4: number,
  inner: number,
  rowStrideBytes: number,
  colStrideBytes: number,
  input: number,
  out: number,
  gate: number,
  rowBytes: number,
  startBytes: number,
  end4Bytes: number,
  accumulate: number,
  epilogue: number,
) => void;

/** Signature of the exported `outer` function: 9 i32 parameters. */
type OuterExport = (
  grad: number,
  rows4: number,
  cols4: number,
  gradRowBytes: number,
  delta: number,
  input: number,
  rowBytes: number,
  startBytes: number,
  endBytes: number,
) => void;

/** The `tiles` function's body: loops over row quads, sample quads and the inner index. */
function tilesBody(): number[] {
  // Parameters 0-12 (TilesExport's order), then locals.
  const [weights, rows4, inner, rs, cs, input, out, gate, rowBytes, startB, end4B, acc, epi] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
  ];
  const [r, pB, k, wk, xAddr, outRow, wRow, addr, gateShift] = [13, 14, 15, 16, 17, 18, 19, 20, 21];
  const sum = (q: number, half: number) => 22 + 2 * q + half; // v128 locals 22-29
  const [xLo, xHi, w, halfV, zero] = [30, 31, 32, 33, 34];
  const code: number[] = [];
  const emit = (...parts: number[][]) => {
    for (const part of parts) code.push(...part);
  };
  const rowAddress = (q: number) =>
    emit(get(outRow), get(pB), I32_ADD, i32(q), get(rowBytes), I32_MUL, I32_ADD, set(addr));
  emit(v128([0.5, 0.5]), set(halfV), v128([0, 0]), set(zero));
  emit(get(gate), get(out), I32_SUB, set(gateShift));
  emit(i32(0), set(r), BLOCK, LOOP);
  emit(get(r), get(rows4), I32_LT_S, I32_EQZ, BR_IF(1));
  emit(get(weights), get(r), get(rs), I32_MUL, I32_ADD, set(wRow));
  emit(get(out), get(r), get(rowBytes), I32_MUL, I32_ADD, set(outRow));
  emit(get(startB), set(pB), BLOCK, LOOP);
  emit(get(pB), get(end4B), I32_LT_S, I32_EQZ, BR_IF(1));
  // Sums start from out (accumulate) or from +0, as the plain loop's.
  emit(get(acc), IF);
  for (let q = 0; q < 4; q++) {
    rowAddress(q);
    emit(get(addr), V128_LOAD(0), set(sum(q, 0)), get(addr), V128_LOAD(16), set(sum(q, 1)));
  }
  emit(ELSE);
  for (let q = 0; q < 4; q++) emit(get(zero), set(sum(q, 0)), get(zero), set(sum(q, 1)));
  emit(END);
  // Σ_k in ascending order: s ← s + (A[r+q, k] · x[k, p..p+3]).
  emit(i32(0), set(k), get(wRow), set(wk), get(input), get(pB), I32_ADD, set(xAddr));
  emit(BLOCK, LOOP, get(k), get(inner), I32_LT_S, I32_EQZ, BR_IF(1));
  emit(get(xAddr), V128_LOAD(0), set(xLo), get(xAddr), V128_LOAD(16), set(xHi));
  for (let q = 0; q < 4; q++) {
    emit(get(wk));
    if (q > 0) emit(i32(q), get(rs), I32_MUL, I32_ADD);
    emit(V128_LOAD64_SPLAT(), set(w));
    for (const [half, x] of [
      [0, xLo],
      [1, xHi],
    ] as const) {
      emit(get(sum(q, half)), get(w), get(x), F64X2_MUL, F64X2_ADD, set(sum(q, half)));
    }
  }
  emit(get(k), i32(1), I32_ADD, set(k), get(wk), get(cs), I32_ADD, set(wk));
  emit(get(xAddr), get(rowBytes), I32_ADD, set(xAddr), BR(0), END, END);
  // Epilogue: relu (s + |s|)·½, mask s ∧ (gate > 0) (+0 where masked), then the store.
  for (let q = 0; q < 4; q++) {
    rowAddress(q);
    for (const half of [0, 1]) {
      const s = sum(q, half);
      emit(get(epi), i32(1), I32_EQ, IF);
      emit(get(s), get(s), F64X2_ABS, F64X2_ADD, get(halfV), F64X2_MUL, set(s), END);
      emit(get(epi), i32(2), I32_EQ, IF);
      emit(get(s), get(addr), get(gateShift), I32_ADD, V128_LOAD(16 * half), get(zero));
      emit(F64X2_GT, V128_AND, set(s), END);
      emit(get(addr), get(s), V128_STORE(16 * half));
    }
  }
  emit(get(pB), i32(32), I32_ADD, set(pB), BR(0), END, END);
  emit(get(r), i32(4), I32_ADD, set(r), BR(0), END, END);
  return code;
}

/**
 * The `outer` function's body (addOuterProducts' 4 × 4 tiles): G[r..r+3, c..c+3] += Σ_p
 * δ[r+q, p]·x[c..c+3, p], each of the 16 sums over p ascending from +0 in its own lane, then
 * added to G once — the plain loop's order. A lane pair holds two columns' inputs (two scalar
 * loads: one splat, one lane load), δ is splat, G's row pairs are contiguous.
 */
function outerBody(): number[] {
  const [grad, rows4, cols4, gradRowBytes, delta, input, rowBytes, startB, endB] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8,
  ];
  const [r, c, pB, dRow, xCol, gAddr] = [9, 10, 11, 12, 13, 14];
  const sum = (q: number, pair: number) => 15 + 2 * q + pair; // v128 locals 15-22
  const [xa, xb, d, zero] = [23, 24, 25, 26];
  const code: number[] = [];
  const emit = (...parts: number[][]) => {
    for (const part of parts) code.push(...part);
  };
  const V128_LOAD64_LANE1 = V128_LOAD64_LANE(1);
  // Address of row `q` past `base` (local) at sample offset pB: base + q·rowBytes + pB.
  const rowAt = (base: number, q: number) => {
    emit(get(base), get(pB), I32_ADD);
    if (q > 0) emit(i32(q), get(rowBytes), I32_MUL, I32_ADD);
  };
  emit(v128([0, 0]), set(zero));
  emit(i32(0), set(r), BLOCK, LOOP, get(r), get(rows4), I32_LT_S, I32_EQZ, BR_IF(1));
  emit(get(delta), get(r), get(rowBytes), I32_MUL, I32_ADD, set(dRow));
  emit(i32(0), set(c), BLOCK, LOOP, get(c), get(cols4), I32_LT_S, I32_EQZ, BR_IF(1));
  emit(get(input), get(c), get(rowBytes), I32_MUL, I32_ADD, set(xCol));
  for (let q = 0; q < 4; q++) emit(get(zero), set(sum(q, 0)), get(zero), set(sum(q, 1)));
  emit(get(startB), set(pB), BLOCK, LOOP, get(pB), get(endB), I32_LT_S, I32_EQZ, BR_IF(1));
  rowAt(xCol, 0);
  emit(V128_LOAD64_SPLAT());
  emit(set(xa));
  rowAt(xCol, 1);
  emit(get(xa), V128_LOAD64_LANE1, set(xa));
  rowAt(xCol, 2);
  emit(V128_LOAD64_SPLAT(), set(xb));
  rowAt(xCol, 3);
  emit(get(xb), V128_LOAD64_LANE1, set(xb));
  for (let q = 0; q < 4; q++) {
    rowAt(dRow, q);
    emit(V128_LOAD64_SPLAT(), set(d));
    emit(get(sum(q, 0)), get(d), get(xa), F64X2_MUL, F64X2_ADD, set(sum(q, 0)));
    emit(get(sum(q, 1)), get(d), get(xb), F64X2_MUL, F64X2_ADD, set(sum(q, 1)));
  }
  emit(get(pB), i32(8), I32_ADD, set(pB), BR(0), END, END);
  // G[r+q, c..c+3] += the sums (one add each, as the plain loop's grad[...] += sum).
  for (let q = 0; q < 4; q++) {
    emit(get(grad), get(r), i32(q), I32_ADD, get(gradRowBytes), I32_MUL, I32_ADD);
    emit(get(c), i32(8), I32_MUL, I32_ADD, set(gAddr));
    for (const pair of [0, 1]) {
      emit(get(gAddr), get(gAddr), V128_LOAD(16 * pair), get(sum(q, pair)), F64X2_ADD);
      emit(V128_STORE(16 * pair));
    }
  }
  emit(get(c), i32(4), I32_ADD, set(c), BR(0), END, END);
  emit(get(r), i32(4), I32_ADD, set(r), BR(0), END, END);
  return code;
}

let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable (then JavaScript tiles run). */
function tilesModule(): object | null {
  if (compiled === undefined) {
    const bytes = moduleBytes([
      { name: "tiles", params: 13, i32Locals: 9, v128Locals: 13, body: tilesBody() },
      { name: "outer", params: 9, i32Locals: 6, v128Locals: 12, body: outerBody() },
      ...hiddenLayerFunctions(),
    ]);
    compiled = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
  }
  return compiled;
}

/** Largest arena: a 32-bit memory's byte addresses must fit the i32 parameters. */
const MAX_ARENA_BYTES = 2 ** 31 - 2 ** 16;

/**
 * One WebAssembly memory holding a network's buffers, carved into Float64Array views, and the
 * SIMD tiles bound to it. Never grows (growing would detach the views).
 */
export class WasmArena {
  private used = 0;
  private constructor(
    private readonly memory: WasmMemory,
    private readonly run: TilesExport,
    private readonly runOuter: OuterExport,
    private readonly exports: Record<string, unknown>,
    private readonly capacity: number,
  ) {
    this.buffer = memory.buffer;
    this.hidden = hiddenKernels(this);
  }

  /** The one-hidden-layer kernels (wasmHiddenLayer.ts) on this arena's buffers. */
  readonly hidden: HiddenLayerKernels;

  /** Byte address of element `offset` of `view`, which must be a view of this arena. */
  address(view: Float64Array, offset = 0): number {
    if (!this.owns(view)) {
      throw new InternalError("WebAssembly kernels need buffers of their own arena");
    }
    return view.byteOffset + offset * 8;
  }

  /** An exported function of the module. */
  kernel(name: string): (...args: number[]) => void {
    return this.exports[name] as (...args: number[]) => void;
  }

  /** An arena of `doubles` doubles, or undefined (no SIMD, or too large for 32-bit addresses). */
  static create(doubles: number): WasmArena | undefined {
    const module = tilesModule();
    const bytes = doubles * 8;
    if (module === null || wasm === undefined || bytes > MAX_ARENA_BYTES) return undefined;
    const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    const instance = new wasm.Instance(module, { env: { memory } });
    const { tiles, outer } = instance.exports;
    return new WasmArena(
      memory,
      tiles as TilesExport,
      outer as OuterExport,
      instance.exports,
      doubles,
    );
  }

  /** A zeroed view of `length` doubles. */
  alloc(length: number): Float64Array {
    if (this.used + length > this.capacity) {
      throw new InternalError(`arena of ${this.capacity} doubles overfilled`);
    }
    const view = new Float64Array(this.memory.buffer, this.used * 8, length);
    this.used += length;
    return view;
  }

  /** The memory's buffer, read once (the memory never grows, so it never changes). */
  private readonly buffer: ArrayBuffer;

  private owns(view: Float64Array): boolean {
    return view.buffer === this.buffer;
  }

  /**
   * productInto's 4 × 4 tiles (rows [0, rows4), samples [start, end4)); every buffer must be a
   * view of this arena.
   */
  readonly tiles = (
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
  ): void => {
    const g = gate ?? out;
    if (!this.owns(theta) || !this.owns(input) || !this.owns(out) || !this.owns(g)) {
      throw new InternalError("WebAssembly tiles need buffers of their own arena");
    }
    this.run(
      theta.byteOffset + a.offset * 8,
      rows4,
      a.inner,
      a.rowStride * 8,
      a.colStride * 8,
      input.byteOffset,
      out.byteOffset,
      g.byteOffset,
      P * 8,
      start * 8,
      end4 * 8,
      accumulate ? 1 : 0,
      epilogue === "store" ? 0 : epilogue === "relu" ? 1 : 2,
    );
  };

  /**
   * addOuterProducts' 4 × 4 tiles (rows [0, rows4), columns [0, cols4)) into the block of
   * `grad` at `offset`; every buffer must be a view of this arena.
   */
  readonly outer = (
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
  ): void => {
    if (!this.owns(grad) || !this.owns(delta) || !this.owns(input)) {
      throw new InternalError("WebAssembly tiles need buffers of their own arena");
    }
    this.runOuter(
      grad.byteOffset + offset * 8,
      rows4,
      cols4,
      cols * 8,
      delta.byteOffset,
      input.byteOffset,
      P * 8,
      start * 8,
      end * 8,
    );
  };
}

/** HiddenLayerKernels on an arena: byte addresses for wasmHiddenLayer.ts's functions. */
function hiddenKernels(arena: WasmArena): HiddenLayerKernels {
  const scalarForward = arena.kernel("scalarForward");
  const scalarBackward = arena.kernel("scalarBackward");
  const hiddenForward = arena.kernel("hiddenForward");
  const readoutDelta = arena.kernel("readoutDelta");
  const outerPairs = arena.kernel("outerPairs");
  const at = (view: Float64Array, offset = 0) => arena.address(view, offset);
  const second = (theta: Float64Array, inputs: readonly HiddenInput[]) => {
    const b = inputs[1];
    return b === undefined ? [0, 0] : [at(theta, b.block.offset), at(b.x)];
  };
  return {
    scalarForward(theta, inputs, readout, yHat, units4, start, end2) {
      const a = inputs[0]!;
      const [wB, xB] = second(theta, inputs);
      scalarForward(
        at(theta, a.block.offset),
        at(a.x),
        wB!,
        xB!,
        at(theta, readout.offset),
        at(yHat),
        units4,
        start * 8,
        end2 * 8,
        inputs.length === 2 ? 1 : 0,
      );
    },
    scalarBackward(theta, grad, inputs, readout, top, units4, start, end) {
      const a = inputs[0]!;
      const [wB, xB] = second(theta, inputs);
      const b = inputs[1];
      scalarBackward(
        at(theta, a.block.offset),
        at(a.x),
        wB!,
        xB!,
        at(theta, readout.offset),
        at(top),
        at(grad, a.block.offset),
        b === undefined ? 0 : at(grad, b.block.offset),
        at(grad, readout.offset),
        units4,
        start * 8,
        end * 8,
        b === undefined ? 0 : 1,
      );
    },
    hiddenForward(theta, group, yHat, rows4, P, start, end4) {
      const { inputs, packed } = group;
      // Each block's weights by unit quads, (4m + q, k) at base + (m·cols + k)·4 + q, so that
      // the kernel reads a quad's four weights of column k at one address.
      const bases: number[] = [];
      let base = 0;
      for (const { block } of inputs) {
        bases.push(base);
        const { offset, cols } = block;
        for (let m = 0; m < rows4; m += 4) {
          for (let k = 0; k < cols; k++) {
            const to = base + (m * cols + 4 * k);
            const from = offset + m * cols + k;
            packed![to] = theta[from]!;
            packed![to + 1] = theta[from + cols]!;
            packed![to + 2] = theta[from + 2 * cols]!;
            packed![to + 3] = theta[from + 3 * cols]!;
          }
        }
        base += block.rows * cols;
      }
      const a = inputs[0]!;
      const b = inputs[1];
      hiddenForward(
        at(packed!, bases[0]),
        at(a.x),
        a.block.cols,
        b === undefined ? 0 : at(packed!, bases[1]),
        b === undefined ? 0 : at(b.x),
        b === undefined ? 0 : b.block.cols,
        at(theta, group.readout.offset),
        at(group.act),
        at(yHat),
        rows4,
        P * 8,
        start * 8,
        end4 * 8,
      );
    },
    readoutDelta(theta, grad, readout, act, top, delta, units4, P, start, end) {
      readoutDelta(
        at(theta, readout.offset),
        at(act),
        at(top),
        at(delta),
        at(grad, readout.offset),
        units4,
        P * 8,
        start * 8,
        end * 8,
      );
    },
    outerPairs(grad, input, rows4, delta, P, start, end) {
      const { block } = input;
      outerPairs(
        at(grad, block.offset),
        rows4,
        block.cols,
        block.cols * 8,
        at(delta),
        at(input.xSampleMajor!),
        P * 8,
        start * 8,
        end * 8,
      );
    },
  };
}
