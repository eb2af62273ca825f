/**
 * Number formatting shared by the claims table and the CLI's text output. Plain text:
 * NaN prints as "NaN" and infinities as "∞"/"-∞" (JSON output maps them to null instead).
 */

/**
 * A readable number: `digits` significant digits, trailing zeros dropped, fixed notation
 * for 1e-4 ≤ |x| < 1e6 and exponent notation outside.
 *
 * @example formatNumber(2.763102111592855) // "2.7631"
 * @example formatNumber(1e-6) // "1e-6"
 */
export function formatNumber(x: number, digits = 6): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  if (x === 0) return "0";
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e6) return trimZeros(x.toPrecision(digits));
  const [mantissa, exponent] = x.toExponential(digits - 1).split("e");
  return `${trimZeros(mantissa!)}e${Number(exponent)}`;
}

/**
 * A fraction as a percentage with `digits` significant digits (kept, not trimmed, so that a
 * column of them lines up): 0.00906 → "0.906%", 0.02 → "2.00%".
 */
export function formatPercent(fraction: number, digits = 3): string {
  if (!Number.isFinite(fraction)) return formatNumber(fraction);
  if (fraction === 0) return "0%";
  return `${(fraction * 100).toPrecision(digits)}%`;
}

/** `digits` significant digits, zeros kept: 0.0123456 → "0.0123", 1.5e-7 → "1.50e-7". */
export function formatSignificant(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  if (x === 0) return "0";
  return x.toPrecision(digits).replace(/e\+?/, "e");
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
