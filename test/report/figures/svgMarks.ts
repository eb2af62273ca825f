/**
 * A small reader of the SVG that Vega writes: the mark groups (`<g class="mark-<type>
 * role-mark ...">`) and their items, each with its aria-label and position. Vega's mark
 * groups hold only leaf elements (path, line, text), so a non-greedy match to the first
 * `</g>` is one group.
 */

export interface SvgItem {
  /** The aria-label: for markers, the CSV row index (1-based). */
  readonly label: string | undefined;
  /** translate(x, y) of the item (symbols, text), undefined when it has none. */
  readonly x: number | undefined;
  readonly y: number | undefined;
  /** The path data (lines, rects). */
  readonly d: string | undefined;
  /** Text content (text marks). */
  readonly text: string | undefined;
}

export interface SvgMarkGroup {
  /** symbol, line, rect, rule, text, ... */
  readonly type: string;
  /** Vega's name of the mark, e.g. "layer_1_marks". */
  readonly name: string;
  readonly items: readonly SvgItem[];
}

const GROUP = /<g class="mark-(\w+) role-mark ([^"]*)"[^>]*>(.*?)<\/g>/gs;
const ITEM = /<(path|line|text|rect)\b([^>]*?)(?:\/>|>(.*?)<\/\1>)/gs;

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(attrs);
  return m ? unescapeXml(m[1]!) : undefined;
}

function unescapeXml(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

export function markGroups(svg: string): SvgMarkGroup[] {
  const groups: SvgMarkGroup[] = [];
  for (const g of svg.matchAll(GROUP)) {
    const items: SvgItem[] = [];
    for (const item of g[3]!.matchAll(ITEM)) {
      const attrs = item[2]!;
      const translate = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(
        attribute(attrs, "transform") ?? "",
      );
      items.push({
        label: attribute(attrs, "aria-label"),
        x: translate ? Number(translate[1]) : undefined,
        y: translate ? Number(translate[2]) : undefined,
        d: attribute(attrs, "d"),
        text: item[3] === undefined ? undefined : unescapeXml(item[3]),
      });
    }
    groups.push({ type: g[1]!, name: g[2]!, items });
  }
  return groups;
}

/** Number of vertices of an SVG path made of M/L commands (Vega's line marks). */
export function pathVertices(d: string): number {
  return (d.match(/[ML]/g) ?? []).length;
}

/** The titles of the axes, from Vega's axis aria-labels ("X-axis titled '…' for …"). */
export function axisTitles(svg: string): string[] {
  return [...svg.matchAll(/aria-label="[XY]-axis titled '([^']*)'/g)].map((m) =>
    unescapeXml(m[1]!),
  );
}

/** Tags opened and closed in order: a well-formedness check without an XML parser. */
export function isBalanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0;
}
