import { InputError } from "../errors/inputError.js";
import type { SampleSet } from "./sampleSet.js";

/**
 * A user's data set from CSV text (docs/theory.md T10: run the theory on your own data). Why no
 * library: a numeric table needs only RFC 4180 field splitting (quotes, doubled quotes,
 * CRLF), a few dozen lines; a dependency would add nothing we test for.
 *
 * Rows are the file's line numbers (the header is row 1, the first data row row 2 when there
 * are no blank lines): what an editor shows. Every error is one line naming the row and the
 * column, as InputError field "csv".
 */
export interface CsvColumns {
  /** The target column y. */
  readonly target: string;
  /** Columns of modality A, in this order. */
  readonly modalityA: readonly string[];
  /** Columns of modality B; default: every other column, in file order. */
  readonly modalityB?: readonly string[];
  /** Label of the data set (default "csv"). */
  readonly label?: string;
}

/** Header and records of a CSV text. */
export interface CsvTable {
  readonly header: readonly string[];
  /** Data records (without the header); each as long as the header. */
  readonly rows: readonly (readonly string[])[];
  /** The row (file line, header = 1) each record starts on, for error messages. */
  readonly rowNumbers: readonly number[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Splits RFC 4180 CSV into records of fields; blank lines are skipped. */
export function parseCsv(text: string): CsvTable {
  const records = splitRecords(text.startsWith("\uFEFF") ? text.slice(1) : text);
  if (records.length === 0) throw new InputError("csv", "empty file (no header row)");
  const headerRecord = records[0]!;
  const header = headerRecord.fields.map((name) => name.trim());
  const seen = new Set<string>();
  header.forEach((name, c) => {
    const at = `row ${headerRecord.line}, column`;
    if (name === "") throw new InputError("csv", `${at} ${c + 1}: empty column name`);
    if (seen.has(name)) throw new InputError("csv", `${at} "${name}": duplicate column name`);
    seen.add(name);
  });
  const data = records.slice(1);
  for (const { fields, line } of data) {
    if (fields.length !== header.length) {
      throw new InputError(
        "csv",
        `row ${line}: ${fields.length} field${fields.length === 1 ? "" : "s"}, the header has ${header.length}`,
      );
    }
  }
  return { header, rows: data.map((r) => r.fields), rowNumbers: data.map((r) => r.line) };
}

/** Builds a SampleSet (A columns first, then B) from CSV text and the column roles. */
export function sampleSetFromCsv(text: string, columns: CsvColumns): SampleSet {
  const { header, rows, rowNumbers } = parseCsv(text);
  const indexOf = (name: string, role: string): number => {
    const c = header.indexOf(name);
    if (c < 0) {
      throw new InputError(
        "csv",
        `column "${name}" (${role}) is not in the header (columns: ${header.join(", ")})`,
      );
    }
    return c;
  };
  const target = indexOf(columns.target, "target");
  const a = columns.modalityA.map((name) => indexOf(name, "modality A"));
  const named = new Set([target, ...a]);
  const b =
    columns.modalityB !== undefined
      ? columns.modalityB.map((name) => indexOf(name, "modality B"))
      : header.map((_, c) => c).filter((c) => !named.has(c));
  if (a.length === 0) throw new InputError("csv", "modality A needs at least one column");
  if (b.length === 0)
    throw new InputError("csv", "modality B needs at least one column (none left)");
  const roles = [target, ...a, ...b];
  const used = new Set<number>();
  for (const c of roles) {
    if (used.has(c)) throw new InputError("csv", `column "${header[c]}" is given two roles`);
    used.add(c);
  }
  if (rows.length < 2) {
    throw new InputError(
      "csv",
      `${rows.length} data row${rows.length === 1 ? "" : "s"}; need at least 2`,
    );
  }
  const inputs = [...a, ...b];
  const d = inputs.length;
  const x = new Float64Array(rows.length * d);
  const y = new Float64Array(rows.length);
  const cell = (r: number, c: number): number => {
    const raw = rows[r]![c]!.trim();
    if (!NUMBER.test(raw)) {
      throw new InputError(
        "csv",
        `row ${rowNumbers[r]}, column "${header[c]}": not a number (${JSON.stringify(raw)})`,
      );
    }
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      throw new InputError(
        "csv",
        `row ${rowNumbers[r]}, column "${header[c]}": overflows a double (${raw})`,
      );
    }
    return value;
  };
  for (let r = 0; r < rows.length; r++) {
    y[r] = cell(r, target);
    for (let k = 0; k < d; k++) x[r * d + k] = cell(r, inputs[k]!);
  }
  return {
    x,
    y,
    samples: rows.length,
    dA: a.length,
    dB: b.length,
    label: `${columns.label ?? "csv"} (P=${rows.length}, A: ${a.length} columns, B: ${b.length}, target ${columns.target})`,
  };
}

/** One record and the file line it starts on (1-based), which error messages call its row. */
interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

/**
 * RFC 4180 records: fields separated by commas, records by LF or CRLF; a quoted field may
 * hold commas, line breaks and doubled quotes (""). Lines that are entirely empty are skipped.
 */
function splitRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let fieldQuoted = false;
  let recordQuoted = false;
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    fields.push(field);
    field = "";
    fieldQuoted = false;
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && fields[0]!.trim() === "" && !recordQuoted;
    if (!blank) records.push({ fields, line: recordLine });
    fields = [];
    recordQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\n") line++;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"') {
      if (field.trim() !== "" || fieldQuoted) {
        throw new InputError(
          "csv",
          `row ${line}, field ${fields.length + 1}: quote inside an unquoted field`,
        );
      }
      field = "";
      quoted = true;
      fieldQuoted = true;
      recordQuoted = true;
    } else if (ch === ",") endField();
    else if (ch === "\n") {
      endRecord();
      recordLine = line;
    } else if (ch !== "\r" || text[i + 1] !== "\n") field += ch;
  }
  if (quoted) {
    throw new InputError(
      "csv",
      `row ${recordLine}: quoted field not closed before the end of the file`,
    );
  }
  if (field !== "" || fields.length > 0 || recordQuoted) endRecord();
  return records;
}
