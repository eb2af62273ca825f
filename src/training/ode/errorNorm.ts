/**
 * The local-error norm every method accepts a step on, and the finiteness test of the
 * divergence rule.
 */
/** Scratch for per-group maxima of the error scale: one slot per group (at least one). */
export function errorGroupScratch(groups: Int32Array | undefined): Float64Array {
  let count = 1;
  if (groups) for (const g of groups) count = Math.max(count, g + 1);
  return new Float64Array(count);
}

/**
 * RMS of error_i / (rtol·max(|y_i|, |yNew_i|, floor_i)): the local-error norm both
 * integrators accept a step on. floor_i = relativeFloor × the largest max(|y_j|, |yNew_j|)
 * over i's group (see IntegratorOptions.errorGroups), or × `ungroupedScale` without groups.
 * Takes the options' numbers, not the options object: the options of successive runs have
 * different shapes, and a map check on them inside this hot loop deoptimised it run after
 * run (measured with --trace-deopt on the two-layer bench workload).
 */
export function scaledErrorNorm(
  error: Float64Array,
  y: Float64Array,
  yNew: Float64Array,
  tolerance: { readonly rtol: number; readonly relativeFloor: number },
  groups: Int32Array | undefined,
  groupMax: Float64Array,
  ungroupedScale: number,
): number {
  const n = error.length;
  const { rtol, relativeFloor } = tolerance;
  if (groups) {
    groupMax.fill(0);
    for (let i = 0; i < n; i++) {
      const g = groups[i]!;
      const a = Math.max(Math.abs(y[i]!), Math.abs(yNew[i]!));
      if (a > groupMax[g]!) groupMax[g] = a;
    }
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const floor = relativeFloor * (groups ? groupMax[groups[i]!]! : ungroupedScale);
    const scale = rtol * Math.max(Math.abs(y[i]!), Math.abs(yNew[i]!), floor);
    const r = scale > 0 ? error[i]! / scale : 0;
    sum += r * r;
  }
  return Math.sqrt(sum / n);
}

/** Every entry finite: the divergence rule's test of f at a new state (driver.ts). */
export function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return false;
  return true;
}

/** ‖y‖∞ over the first n entries, by Math.max (a NaN entry makes it NaN). */
export function maxAbsEntry(y: Float64Array, n: number): number {
  let yMax = 0;
  for (let i = 0; i < n; i++) yMax = Math.max(yMax, Math.abs(y[i]!));
  return yMax;
}
