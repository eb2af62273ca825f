/**
 * Issue 16 item 3: what this machine does on a simple dense kernel, as the ceiling the
 * sampled step's GFLOP/s is read against. The kernel: C = A·B for n × n float64 matrices,
 * row-major, in JavaScript, register-blocked 4 × 4 (16 sums in locals, each load of A and of B
 * feeding four multiply-adds, B's rows streamed contiguously) — the best this language does
 * without SIMD, and the same technique as src/network/featureMajorKernels.ts. n = 128 keeps
 * the three matrices (384 kB) in the 1 MB L2 cache, so it measures arithmetic, not memory.
 */

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

export const PEAK_KERNEL =
  "C = A·B, 128 × 128 float64, JavaScript, 4 × 4 register tiles (bench/peak.ts)";

/** GFLOP/s of blockedMatmul (2n³ flops per product), the best of `rounds` rounds of ~100 ms. */
export function measurePeakGflops(n = 128, rounds = 3): number {
  const a = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i));
  const b = Float64Array.from({ length: n * n }, (_, i) => Math.cos(i));
  const c = new Float64Array(n * n);
  for (let w = 0; w < 20; w++) blockedMatmul(a, b, c, n);
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let reps = 0;
    const started = performance.now();
    while (performance.now() - started < 100) {
      blockedMatmul(a, b, c, n);
      reps++;
    }
    const seconds = (performance.now() - started) / 1000;
    best = Math.max(best, (2 * n ** 3 * reps) / seconds / 1e9);
  }
  return best;
}
