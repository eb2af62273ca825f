/**
 * A small assembler for the project's WebAssembly SIMD kernels (wasmTiles.ts, wasmHiddenLayer.ts,
 * bench/peak.ts): instruction encoders (WebAssembly core 2.0 with fixed-width SIMD) and a
 * module builder for functions of i32 parameters on one imported memory, `env.memory`.
 * No build step and no dependency: a module is a few kilobytes assembled at first use.
 */

import { InternalError } from "../errors/internalError.js";

export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};

export const sleb = (n: number): number[] => {
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

export const get = (i: number) => [0x20, ...uleb(i)];
export const set = (i: number) => [0x21, ...uleb(i)];
export const tee = (i: number) => [0x22, ...uleb(i)];
export const i32 = (n: number) => [0x41, ...sleb(n)];
export const I32_ADD = [0x6a];
export const I32_SUB = [0x6b];
export const I32_MUL = [0x6c];
export const I32_LT_S = [0x48];
export const I32_EQZ = [0x45];
export const I32_EQ = [0x46];
export const BLOCK = [0x02, 0x40];
export const LOOP = [0x03, 0x40];
export const IF = [0x04, 0x40];
export const ELSE = [0x05];
export const END = [0x0b];
export const BR_IF = (depth: number) => [0x0d, ...uleb(depth)];
export const BR = (depth: number) => [0x0c, ...uleb(depth)];
export const simd = (code: number) => [0xfd, ...uleb(code)];
// Memory arguments: alignment hint 2³ (the buffers are 8-byte aligned), then the offset.
export const V128_LOAD = (offset: number) => [...simd(0), 3, ...uleb(offset)];
export const V128_STORE = (offset: number) => [...simd(11), 3, ...uleb(offset)];
export const V128_LOAD64_SPLAT = (offset = 0) => [...simd(10), 3, ...uleb(offset)];
/** Replaces lane `lane` of the v128 below the address with the double at address + offset. */
export const V128_LOAD64_LANE = (lane: number, offset = 0) => [
  ...simd(87),
  3,
  ...uleb(offset),
  lane,
];
/** Stores lane `lane` of the v128 on top at the address below it (+ offset). */
export const V128_STORE64_LANE = (lane: number, offset = 0) => [
  ...simd(91),
  3,
  ...uleb(offset),
  lane,
];
export const F64_LOAD = (offset = 0) => [0x2b, 3, ...uleb(offset)];
export const F64_STORE = (offset = 0) => [0x39, 3, ...uleb(offset)];
export const F64X2_ADD = simd(240);
export const F64X2_MUL = simd(242);
export const F64X2_ABS = simd(236);
export const F64X2_GT = simd(74);
export const V128_AND = simd(78);
export const v128 = (lanes: readonly [number, number]) => [
  ...simd(12),
  ...new Uint8Array(new Float64Array(lanes).buffer),
];

/** A code buffer with `emit(...parts)`. */
export function codeBuffer(): { readonly code: number[]; emit(...parts: number[][]): void } {
  const code: number[] = [];
  return {
    code,
    emit(...parts) {
      for (const part of parts) code.push(...part);
    },
  };
}

/** One exported function: `params` i32 parameters, then i32 and v128 locals, then the body. */
export interface WasmFunction {
  readonly name: string;
  readonly params: number;
  readonly i32Locals: number;
  readonly v128Locals: number;
  readonly body: readonly number[];
}

/** A module importing `env.memory` and exporting `functions` (each returning nothing). */
export function moduleBytes(functions: readonly WasmFunction[]): Uint8Array {
  const I32 = 0x7f;
  const V128 = 0x7b;
  const types = functions.flatMap((f) => [
    0x60,
    ...uleb(f.params),
    ...new Array<number>(f.params).fill(I32),
    0,
  ]);
  const bodies = functions.flatMap((f) => {
    const body = [...uleb(2), ...uleb(f.i32Locals), I32, ...uleb(f.v128Locals), V128, ...f.body];
    body.push(...END);
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...section(1, [...uleb(functions.length), ...types]),
    ...section(2, [1, ...name("env"), ...name("memory"), 0x02, 0x00, 1]),
    ...section(3, [...uleb(functions.length), ...functions.flatMap((_, i) => uleb(i))]),
    ...section(7, [
      ...uleb(functions.length),
      ...functions.flatMap((f, i) => [...name(f.name), 0x00, ...uleb(i)]),
    ]),
    ...section(10, [...uleb(functions.length), ...bodies]),
  ]);
}

/**
 * The part of the WebAssembly JavaScript API used here (the project's TypeScript library set
 * has no DOM, where its declarations live).
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
export const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/**
 * A function under construction: named i32 parameters, named i32 and v128 locals (indices in
 * that order), and its code buffer. `fn.local(name)` is a local's index.
 */
export function functionBuilder(
  fnName: string,
  params: readonly string[],
  i32Locals: readonly string[],
  v128Locals: readonly string[],
): {
  readonly emit: (...parts: number[][]) => void;
  readonly local: (name: string) => number;
  readonly finish: () => WasmFunction;
} {
  const index = new Map<string, number>();
  for (const n of [...params, ...i32Locals, ...v128Locals]) {
    if (index.has(n)) throw new InternalError(`duplicate local ${n} in ${fnName}`);
    index.set(n, index.size);
  }
  const { code, emit } = codeBuffer();
  return {
    emit,
    local(n) {
      const i = index.get(n);
      if (i === undefined) throw new InternalError(`no local ${n} in ${fnName}`);
      return i;
    },
    finish: () => ({
      name: fnName,
      params: params.length,
      i32Locals: i32Locals.length,
      v128Locals: v128Locals.length,
      body: code,
    }),
  };
}
