/**
 * Issue 16 item 3: what this machine does on a simple dense kernel, as the ceiling the
 * sampled step's GFLOP/s is read against: C = A·B for n × n float64 matrices, row-major.
 * n = 128 keeps the three matrices (384 kB) in the 1 MB L2 cache, so it measures arithmetic,
 * not memory. Several kernels are timed and the peak is the best of them:
 *
 * - JavaScript, register-blocked 4 × 4 (16 sums in locals, each load of A and of B feeding
 *   four multiply-adds, B's rows streamed contiguously): the best this language does without
 *   SIMD, the technique of src/network/featureMajorKernels.ts;
 * - WebAssembly SIMD (f64x2), R rows × 2·C2 columns of C per tile in R·C2 registers, each A
 *   entry splat across a lane pair, each pair of B's row loaded with one 128-bit load (the
 *   technique of src/network/wasmTiles.ts, whose tiles the deep sampled step runs), for a few
 *   tile shapes: the register budget (16 vector registers on x86-64) decides which is best.
 *   Assembled with src/network/wasmAssembler.ts for this n (addresses as constant offsets).
 */
import type { WasmFunction } from "../src/network/wasmAssembler.js";
import {
  F64X2_ADD,
  F64X2_MUL,
  functionBuilder,
  get,
  I32_ADD,
  i32,
  moduleBytes,
  set,
  V128_LOAD,
  V128_LOAD64_SPLAT,
  V128_STORE,
  wasm,
} from "../src/network/wasmAssembler.js";

/** C = A·B (n × n, n a multiple of 4), 4 × 4 register tiles. */
export function blockedMatmul(a: Float64Array, b: Float64Array, c: Float64Array, n: number): void {
  for (let i = 0; i < n; i += 4) {
    for (let j = 0; j < n; j += 4) {
      let c00 = 0;
      let c01 = 0;
      let c02 = 0;
      let c03 = 0;
      let c10 = 0;
      let c11 = 0;
      let c12 = 0;
      let c13 = 0;
      let c20 = 0;
      let c21 = 0;
      let c22 = 0;
      let c23 = 0;
      let c30 = 0;
      let c31 = 0;
      let c32 = 0;
      let c33 = 0;
      for (let k = 0; k < n; k++) {
        const a0 = a[i * n + k]!;
        const a1 = a[(i + 1) * n + k]!;
        const a2 = a[(i + 2) * n + k]!;
        const a3 = a[(i + 3) * n + k]!;
        const r = k * n + j;
        const b0 = b[r]!;
        const b1 = b[r + 1]!;
        const b2 = b[r + 2]!;
        const b3 = b[r + 3]!;
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
      }
      const o = i * n + j;
      c[o] = c00;
      c[o + 1] = c01;
      c[o + 2] = c02;
      c[o + 3] = c03;
      c[o + n] = c10;
      c[o + n + 1] = c11;
      c[o + n + 2] = c12;
      c[o + n + 3] = c13;
      c[o + 2 * n] = c20;
      c[o + 2 * n + 1] = c21;
      c[o + 2 * n + 2] = c22;
      c[o + 2 * n + 3] = c23;
      c[o + 3 * n] = c30;
      c[o + 3 * n + 1] = c31;
      c[o + 3 * n + 2] = c32;
      c[o + 3 * n + 3] = c33;
    }
  }
}

/**
 * matmul(a, b, c) on byte addresses: C = A·B for n × n row-major float64, tiles of `rows` ×
 * 2·`pairs` entries, each sum over k ascending from +0.
 */
function wasmMatmul(n: number, rows: number, pairs: number, unroll: number): WasmFunction {
  const sums = Array.from({ length: rows * pairs }, (_, t) => `s${t}`);
  const bs = Array.from({ length: pairs }, (_, c) => `b${c}`);
  const f = functionBuilder(
    "matmul",
    ["a", "b", "c"],
    ["i", "j", "k", "aRow", "bRow", "addr"],
    [...sums, ...bs, "w", "zero"],
  );
  const L = f.local;
  const { emit } = f;
  const sum = (q: number, c: number) => L(`s${q * pairs + c}`);
  const rowBytes = n * 8;
  const loopTo = (counter: number, limit: number, step: number, body: () => void) => {
    emit(i32(0), set(counter), [0x02, 0x40], [0x03, 0x40]);
    body();
    emit(get(counter), i32(step), I32_ADD, set(counter));
    emit(get(counter), i32(limit), [0x48], [0x0d, 0]); // br_if 0 while counter < limit
    emit([0x0b], [0x0b]);
  };
  emit([0xfd, 12], Array.from(new Uint8Array(16)), set(L("zero")));
  loopTo(L("i"), n, rows, () => {
    loopTo(L("j"), n, 2 * pairs, () => {
      for (let q = 0; q < rows; q++)
        for (let c = 0; c < pairs; c++) emit(get(L("zero")), set(sum(q, c)));
      // aRow = a + i·n·8 (advances by 8 per k), bRow = b + j·8 (advances by n·8 per k).
      emit(get(L("a")), get(L("i")), i32(rowBytes), [0x6c], I32_ADD, set(L("aRow")));
      emit(get(L("b")), get(L("j")), i32(8), [0x6c], I32_ADD, set(L("bRow")));
      // `unroll` values of k per iteration, at constant offsets from the row pointers.
      loopTo(L("k"), n, unroll, () => {
        for (let u = 0; u < unroll; u++) {
          for (let c = 0; c < pairs; c++) {
            emit(get(L("bRow")), V128_LOAD(u * rowBytes + 16 * c), set(L(`b${c}`)));
          }
          for (let q = 0; q < rows; q++) {
            emit(get(L("aRow")), V128_LOAD64_SPLAT(q * rowBytes + 8 * u), set(L("w")));
            for (let c = 0; c < pairs; c++) {
              const s = sum(q, c);
              emit(get(s), get(L("w")), get(L(`b${c}`)), F64X2_MUL, F64X2_ADD, set(s));
            }
          }
        }
        emit(get(L("aRow")), i32(8 * unroll), I32_ADD, set(L("aRow")));
        emit(get(L("bRow")), i32(rowBytes * unroll), I32_ADD, set(L("bRow")));
      });
      // C[i + q, j + 2c .. j + 2c + 1] = the sums.
      emit(get(L("c")), get(L("i")), i32(rowBytes), [0x6c], I32_ADD);
      emit(get(L("j")), i32(8), [0x6c], I32_ADD, set(L("addr")));
      for (let q = 0; q < rows; q++) {
        for (let c = 0; c < pairs; c++) {
          emit(get(L("addr")), get(sum(q, c)), V128_STORE(q * rowBytes + 16 * c));
        }
      }
    });
  });
  return f.finish();
}

export interface PeakKernel {
  readonly kernel: string;
  readonly gflops: number;
}

/** GFLOP/s of one ~100 ms round of `run` (2n³ flops per call). */
function timeRound(run: () => void, n: number): number {
  let reps = 0;
  const started = performance.now();
  while (performance.now() - started < 100) {
    run();
    reps++;
  }
  return (2 * n ** 3 * reps) / ((performance.now() - started) / 1000) / 1e9;
}

/**
 * The WebAssembly SIMD tiles timed: [rows, column pairs, k unroll] (rows·pairs sums in
 * registers). 4 × 4 and 2 × 8 (8 sums, 11 vector registers in use) have been the best on
 * the 2-core VM (16-23 GFLOP/s when it was least loaded; which of the two wins varies from run
 * to run); 4 × 8 (16 sums) spills on x86-64's 16 vector registers.
 */
const WASM_TILES: readonly (readonly [number, number, number])[] = [
  [4, 2, 1],
  [4, 2, 2],
  [2, 4, 1],
  [2, 2, 1],
  [4, 4, 1],
];

/**
 * Every kernel's GFLOP/s on n × n (the JavaScript kernel first): the best of `rounds` rounds,
 * the kernels taking turns round by round, so a change in the machine's load reaches all of
 * them alike. Each kernel's product is checked against the JavaScript one's (a kernel that
 * computed something else would not count).
 */
export function measurePeaks(n = 128, rounds = 5): PeakKernel[] {
  const a = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i));
  const b = Float64Array.from({ length: n * n }, (_, i) => Math.cos(i));
  const reference = new Float64Array(n * n);
  const kernels: { kernel: string; run: () => void; check?: () => boolean }[] = [
    {
      kernel: `C = A·B, ${n} × ${n} float64, JavaScript, 4 × 4 register tiles`,
      run: () => blockedMatmul(a, b, reference, n),
    },
  ];
  for (const [rows, pairs, unroll] of wasm === undefined ? [] : WASM_TILES) {
    if (n % rows !== 0 || n % (2 * pairs) !== 0 || n % unroll !== 0) continue;
    const bytes = moduleBytes([wasmMatmul(n, rows, pairs, unroll)]);
    if (!wasm!.validate(bytes)) continue;
    const memory = new wasm!.Memory({ initial: Math.ceil((3 * n * n * 8) / 65536) });
    const instance = new wasm!.Instance(new wasm!.Module(bytes), { env: { memory } });
    const matmul = instance.exports.matmul as (a: number, b: number, c: number) => void;
    const view = (i: number) => new Float64Array(memory.buffer, i * n * n * 8, n * n);
    view(0).set(a);
    view(1).set(b);
    kernels.push({
      kernel: `C = A·B, ${n} × ${n} float64, WebAssembly SIMD f64x2, ${rows} × ${2 * pairs} tiles${unroll > 1 ? `, k unrolled ×${unroll}` : ""}`,
      run: () => matmul(0, n * n * 8, 2 * n * n * 8),
      // Each entry summed over k ascending from +0 in both, with the same roundings.
      check: () => view(2).every((v, i) => v === reference[i]),
    });
  }
  for (const k of kernels) for (let w = 0; w < 20; w++) k.run();
  const best = kernels.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    kernels.forEach((k, i) => {
      best[i] = Math.max(best[i]!, timeRound(k.run, n));
    });
  }
  return kernels
    .map((k, i) => ({ kernel: k.kernel, gflops: best[i]!, ok: k.check?.() ?? true }))
    .filter((k) => k.ok)
    .map(({ kernel, gflops }) => ({ kernel, gflops }));
}

/** The best of measurePeaks. */
export function bestPeak(peaks: readonly PeakKernel[]): PeakKernel {
  return peaks.reduce((best, p) => (p.gflops > best.gflops ? p : best));
}
