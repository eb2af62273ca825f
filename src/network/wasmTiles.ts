import { InternalError } from "../errors/internalError.js";
import type { Epilogue, WeightView } from "./featureMajorKernels.js";

/**
 * The 4 × 4 tiles of `productInto` (featureMajorKernels.ts) in WebAssembly SIMD: each tile's
 * 16 sums held in eight f64x2 registers (two samples per lane pair), each weight loaded once
 * and splat across a pair, each pair of inputs loaded with one 128-bit load. A lane is one of
 * the plain loop's sums, advanced in the same order with the same IEEE operations
 * (WebAssembly has no fused multiply-add and never reassociates), so the results are the
 * JavaScript tiles' bit for bit (test/network/wasmTiles.test.ts); measured 3.1-4.8× their
 * speed on a 100 × 100 × 512 block (4.2-6.7 against 1.0-1.4 GFLOP/s, 2-core VM under load).
 *
 * The module is assembled here from its instructions (about 1 kB; no build step, no
 * dependency) and runs on a memory the caller owns: the buffers it reads and writes must be
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

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
};
const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];

// Instructions (WebAssembly core 2.0 with fixed-width SIMD).
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const I32_ADD = [0x6a];
const I32_SUB = [0x6b];
const I32_MUL = [0x6c];
const I32_LT_S = [0x48];
const I32_EQZ = [0x45];
const I32_EQ = [0x46];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const ELSE = [0x05];
const END = [0x0b];
const BR_IF = (depth: number) => [0x0d, ...uleb(depth)];
const BR = (depth: number) => [0x0c, ...uleb(depth)];
const simd = (code: number) => [0xfd, ...uleb(code)];
// Memory arguments: alignment hint 2³ (the buffers are 8-byte aligned), then the offset.
const V128_LOAD = (offset: number) => [...simd(0), 3, ...uleb(offset)];
const V128_STORE = (offset: number) => [...simd(11), 3, ...uleb(offset)];
const V128_LOAD64_SPLAT = [...simd(10), 3, 0];
const F64X2_ADD = simd(240);
const F64X2_MUL = simd(242);
const F64X2_ABS = simd(236);
const F64X2_GT = simd(74);
const V128_AND = simd(78);
const v128 = (lanes: readonly [number, number]) => [
  ...simd(12),
  ...new Uint8Array(new Float64Array(lanes).buffer),
];

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
    emit(V128_LOAD64_SPLAT, set(w));
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
  emit(get(r), i32(4), I32_ADD, set(r), BR(0), END, END, END);
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
  const V128_LOAD64_LANE1 = [...simd(87), 3, 0, 1];
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
  emit(V128_LOAD64_SPLAT);
  emit(set(xa));
  rowAt(xCol, 1);
  emit(get(xa), V128_LOAD64_LANE1, set(xa));
  rowAt(xCol, 2);
  emit(V128_LOAD64_SPLAT, set(xb));
  rowAt(xCol, 3);
  emit(get(xb), V128_LOAD64_LANE1, set(xb));
  for (let q = 0; q < 4; q++) {
    rowAt(dRow, q);
    emit(V128_LOAD64_SPLAT, set(d));
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
  emit(get(r), i32(4), I32_ADD, set(r), BR(0), END, END, END);
  return code;
}

function moduleBytes(): Uint8Array {
  const I32 = 0x7f;
  const V128 = 0x7b;
  const tiles = [...uleb(2), ...uleb(9), I32, ...uleb(13), V128, ...tilesBody()];
  const outer = [...uleb(2), ...uleb(6), I32, ...uleb(12), V128, ...outerBody()];
  const funcType = (params: number) => [
    0x60,
    ...uleb(params),
    ...new Array<number>(params).fill(I32),
    0,
  ];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...section(1, [2, ...funcType(13), ...funcType(9)]),
    ...section(2, [1, ...name("env"), ...name("memory"), 0x02, 0x00, 1]),
    ...section(3, [2, 0, 1]),
    ...section(7, [2, ...name("tiles"), 0x00, 0, ...name("outer"), 0x00, 1]),
    ...section(10, [2, ...uleb(tiles.length), ...tiles, ...uleb(outer.length), ...outer]),
  ]);
}

/**
 * The part of the WebAssembly JavaScript API used here (the project's TypeScript library set
 * has no DOM, where its declarations live).
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable (then JavaScript tiles run). */
function tilesModule(): object | null {
  if (compiled === undefined) {
    const bytes = moduleBytes();
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
    private readonly capacity: number,
  ) {}

  /** An arena of `doubles` doubles, or undefined (no SIMD, or too large for 32-bit addresses). */
  static create(doubles: number): WasmArena | undefined {
    const module = tilesModule();
    const bytes = doubles * 8;
    if (module === null || wasm === undefined || bytes > MAX_ARENA_BYTES) return undefined;
    const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    const instance = new wasm.Instance(module, { env: { memory } });
    const { tiles, outer } = instance.exports;
    return new WasmArena(memory, tiles as TilesExport, outer as OuterExport, doubles);
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

  private owns(view: Float64Array): boolean {
    return view.buffer === this.memory.buffer;
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
