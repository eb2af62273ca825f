import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** One import of one file: both as paths relative to the repository root. */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

const SOURCE = /\.(ts|mts|mjs|js)$/;

export function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, path);
    return SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/**
 * Relative import specifiers of a file, read as text: static imports and re-exports
 * (`from "./x.js"`, `import "./x.js"`) and dynamic imports with a literal (`import("./x.js")`).
 * Type-only imports count: a type is a dependency of the layer that names it.
 */
export function relativeSpecifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s+"(\.[^"]+)"/g,
    /\bimport\s+"(\.[^"]+)"/g,
    /\bimport\(\s*"(\.[^"]+)"\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]!);
  return found;
}

/** `.js` specifiers name the `.ts` source (NodeNext resolution as tsc and tsx apply it). */
function resolveSource(root: string, from: string, specifier: string, known: Set<string>): string {
  const target = relative(root, join(root, from, "..", specifier));
  if (known.has(target)) return target;
  const ts = target.replace(/\.js$/, ".ts");
  return known.has(ts) ? ts : target;
}

export function importEdges(root: string, dirs: readonly string[]): ImportEdge[] {
  const files = dirs.flatMap((d) => sourceFiles(root, d));
  const known = new Set(files);
  return files.flatMap((from) =>
    relativeSpecifiers(readFileSync(join(root, from), "utf8")).map((s) => ({
      from,
      to: resolveSource(root, from, s, known),
    })),
  );
}

/** The layer of a path: `src/<folder>/…` → `<folder>`, `properties/…` → `properties`. */
export function layerOf(path: string): string | undefined {
  const parts = path.split("/");
  if (parts[0] === "src" && parts.length > 2) return parts[1];
  if (parts[0] === "src") return "src";
  if (parts[0] === "properties") return "properties";
  return undefined;
}

/** The cycles of a directed graph (its strongly connected components with > 1 node, or a self-loop). */
export function cycles(edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  // Tarjan's algorithm, iteratively so a deep import chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0) {
        index.set(v, counter);
        low.set(v, counter++);
        stack.push(v);
        onStack.add(v);
      }
      const targets = next.get(v)!;
      if (i < targets.length) {
        frame[1] = i + 1;
        const w = targets[i]!;
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || targets.includes(v)) found.push(component.sort());
      }
    }
  }
  return found;
}

/** The allowed-edge table of docs/architecture.md, between its layering markers. */
export function allowedLayers(markdown: string): Map<string, Set<string>> {
  const begin = markdown.indexOf("<!-- layering:begin -->");
  const end = markdown.indexOf("<!-- layering:end -->");
  if (begin < 0 || end < begin) throw new Error("docs/architecture.md: no layering table markers");
  const table = new Map<string, Set<string>>();
  for (const line of markdown.slice(begin, end).split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith("`")) continue;
    const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    table.set(names(cells[1]!)[0]!, new Set(names(cells[2]!)));
  }
  return table;
}
