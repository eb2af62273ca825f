/*
 * The check a doc example's stated result becomes (test/api/docExamples.ts's convention):
 * `→` deep equality, numbers to 1e-12 relative; `≈` a number or an array of numbers, each to
 * half a unit of its last written digit. Throws with the line and both values.
 */

/** Half a unit of the last digit of a written number: "2.763" → 5e-4, "5" → 0.5, "1.5e-6" → 5e-8. */
export function writtenPrecision(text: string): number {
  const match = /^[-+]?\d*(?:\.(\d+))?(?:e([-+]?\d+))?$/i.exec(text.trim());
  if (!match) throw new Error(`≈ needs written numbers, got ${JSON.stringify(text)}`);
  const decimals = match[1]?.length ?? 0;
  const exponent = Number(match[2] ?? 0);
  return 0.5 * 10 ** (exponent - decimals);
}

function equal(actual: unknown, expected: unknown): boolean {
  if (typeof actual === "number" && typeof expected === "number") {
    if (Object.is(actual, expected)) return true;
    return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => equal(actual[i], e))
    );
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    return [...keys].every((k) => equal(a[k], e[k]));
  }
  return Object.is(actual, expected);
}

function close(actual: unknown, expected: unknown, text: string): boolean {
  if (typeof expected === "number") {
    return typeof actual === "number" && Math.abs(actual - expected) <= writtenPrecision(text);
  }
  if (Array.isArray(expected)) {
    const texts = text.replace(/^\s*\[|\]\s*$/g, "").split(",");
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => close(actual[i], e, texts[i] ?? ""))
    );
  }
  throw new Error(`≈ needs a number or an array of numbers, got ${text}`);
}

function shown(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number") return String(value);
  return JSON.stringify(value) ?? String(value);
}

/** The stated result of line `line` of an example: throws unless it holds. */
export function check(
  actual: unknown,
  operator: "→" | "≈",
  expected: unknown,
  text: string,
  line: number,
): void {
  const holds = operator === "→" ? equal(actual, expected) : close(actual, expected, text);
  if (!holds) throw new Error(`line ${line}: stated ${operator} ${text}, got ${shown(actual)}`);
}
