/** One row of a key/value listing; an undefined value drops the row. */
export type KeyValueRow = readonly [key: string, value: string | undefined];

/**
 * A two-column listing with the values aligned:
 * ```
 * ratio     5
 * source    T2
 * ```
 */
export function keyValueList(rows: readonly KeyValueRow[]): string {
  const shown = rows.filter((row): row is readonly [string, string] => row[1] !== undefined);
  const width = Math.max(0, ...shown.map(([key]) => key.length));
  return shown.map(([key, value]) => `${key.padEnd(width)}  ${value}`.trimEnd()).join("\n");
}
