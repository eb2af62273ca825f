import { relative, resolve } from "node:path";
import ts from "typescript";

/*
 * The reader behind test/api/docExamples.test.ts: the exports of the package's entry modules
 * (following re-exports to the declarations, as a user's editor shows them), their TSDoc, and
 * the ```ts blocks of their @example tags, turned into modules that run and check the stated
 * results.
 *
 * The convention of a stated result: an expression statement followed on its line by
 *   `// → value`  the value, compared deeply (numbers to 1e-12 relative), or
 *   `// ≈ value`  a number or an array of numbers, each to half a unit of its last written
 *                 digit (`// ≈ 2.763` accepts [2.7625, 2.7635]).
 * `value` is a JavaScript expression (`5`, `"T2"`, `[5, 2]`, `undefined`, `true`).
 */

/** One export of one entry module and what its declaration's TSDoc says. */
export interface ExportDoc {
  /** The package specifier of the entry: "ubias", "ubias/claims", "ubias/vitest". */
  readonly entry: string;
  readonly name: string;
  readonly kind: "function" | "class" | "type" | "value";
  /** Where it is declared (relative to the root). */
  readonly file: string;
  /** The summary of its TSDoc (text before the first tag); "" when it has none. */
  readonly summary: string;
  /** The ```ts blocks of its @example tags. */
  readonly examples: readonly string[];
  /** @example tags that hold no ```ts block (the convention requires one). */
  readonly examplesWithoutCode: number;
}

/** The exports of each entry (specifier → file relative to `root`), sorted by name. */
export function exportDocs(root: string, entries: Readonly<Record<string, string>>): ExportDoc[] {
  const files = Object.values(entries).map((f) => resolve(root, f));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    strict: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const docs: ExportDoc[] = [];
  for (const [entry, file] of Object.entries(entries)) {
    const source = program.getSourceFile(resolve(root, file));
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`${file} is not a module`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.declarations ?? [];
      const comments = declarations.flatMap((d) =>
        ts
          .getJSDocCommentsAndTags(d)
          .filter(ts.isJSDoc)
          .map((doc) => ({ doc, declaration: d })),
      );
      const parsed = comments.map(({ doc, declaration }) =>
        parseDoc(declaration.getSourceFile().text.slice(doc.pos, doc.end)),
      );
      const declared = declarations[0]?.getSourceFile().fileName ?? file;
      docs.push({
        entry,
        name: exported.name,
        kind: kindOf(symbol),
        file: relative(root, declared),
        summary: parsed.map((p) => p.summary).find((s) => s !== "") ?? "",
        examples: parsed.flatMap((p) => p.examples),
        examplesWithoutCode: parsed.reduce((n, p) => n + p.examplesWithoutCode, 0),
      });
    }
  }
  return docs.sort((a, b) => a.entry.localeCompare(b.entry) || a.name.localeCompare(b.name));
}

function kindOf(symbol: ts.Symbol): ExportDoc["kind"] {
  if (symbol.flags & ts.SymbolFlags.Function) return "function";
  if (symbol.flags & ts.SymbolFlags.Class) return "class";
  if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) return "type";
  return "value";
}

/** Summary and examples of one `/** ... *\/` comment (its raw text). */
export function parseDoc(raw: string): {
  summary: string;
  examples: string[];
  examplesWithoutCode: number;
} {
  const lines = raw
    .replace(/^\/\*\*/, "")
    .replace(/\*\/$/, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""));
  const firstTag = lines.findIndex((line) => /^\s*@\w+/.test(line));
  const summary = (firstTag < 0 ? lines : lines.slice(0, firstTag)).join("\n").trim();
  const examples: string[] = [];
  let examplesWithoutCode = 0;
  // Each tag runs to the next line that starts another tag (outside a code fence).
  let inFence = false;
  let current: string[] | undefined;
  const flush = () => {
    if (current === undefined) return;
    const blocks = [...current.join("\n").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    if (blocks.length === 0) examplesWithoutCode++;
    examples.push(...blocks);
    current = undefined;
  };
  for (const line of firstTag < 0 ? [] : lines.slice(firstTag)) {
    if (line.trimStart().startsWith("```")) inFence = !inFence;
    const tag = inFence ? undefined : /^\s*@(\w+)(.*)$/.exec(line);
    if (tag) {
      flush();
      if (tag[1] === "example") current = [tag[2]!];
    } else {
      current?.push(line);
    }
  }
  flush();
  return { summary, examples, examplesWithoutCode };
}

/** A stated result that could not be read. */
export class ExampleFormatError extends Error {}

const PACKAGE_IMPORT = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)"(ubias(?:\/[^"]*)?)"/g;

/**
 * The example as a module: imports of the package's entries point at `entryFiles` (specifier →
 * path relative to the module), and each stated result becomes a call of `check` (imported
 * from `checkModule`) with the value, the operator, the expected value, its text and the line.
 */
export function runnableExample(
  code: string,
  entryFiles: Readonly<Record<string, string>>,
  checkModule: string,
): { text: string; checks: number } {
  const rewritten = code.replace(PACKAGE_IMPORT, (_, before: string, specifier: string) => {
    const target = entryFiles[specifier];
    if (target === undefined) throw new ExampleFormatError(`imports ${specifier}, not an entry`);
    return `${before}${JSON.stringify(target)}`;
  });
  const source = ts.createSourceFile("example.ts", rewritten, ts.ScriptTarget.ES2022, true);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const statement of source.statements) {
    const lineEnd = rewritten.indexOf("\n", statement.end);
    const rest = rewritten.slice(statement.end, lineEnd < 0 ? rewritten.length : lineEnd);
    const stated = /^\s*\/\/\s*(→|≈)\s*(.+?)\s*$/.exec(rest);
    if (!stated) continue;
    const line = source.getLineAndCharacterOfPosition(statement.getStart()).line + 1;
    if (!ts.isExpressionStatement(statement)) {
      throw new ExampleFormatError(`line ${line}: a stated result must follow an expression`);
    }
    const [, operator, expected] = stated;
    const expression = statement.expression.getText(source);
    edits.push({
      start: statement.getStart(),
      end: statement.end,
      text: `__check((${expression}), ${JSON.stringify(operator)}, (${expected}), ${JSON.stringify(expected)}, ${line});`,
    });
  }
  let text = rewritten;
  for (const edit of edits.reverse())
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return {
    text: `import { check as __check } from ${JSON.stringify(checkModule)};\n${text}`,
    checks: edits.length,
  };
}
