import { parseCsv } from "../../src/data/csv.js";

/**
 * A figure's CSV read back with ubias's one CSV reader (src/data/csv.ts, RFC 4180): one
 * record per data row, raw field strings by column name (quotes removed, null as "").
 */
export function csvRecords(text: string): Record<string, string>[] {
  const table = parseCsv(text);
  return table.rows.map((fields) =>
    Object.fromEntries(table.header.map((name, i) => [name, fields[i] ?? ""])),
  );
}
