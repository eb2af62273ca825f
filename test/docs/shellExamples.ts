/**
 * The `ubias` example commands of README.md and of the CLI's --help texts, read from those
 * texts themselves so that the tests that run them cannot drift from what a user reads.
 */

/** One example command. */
export interface Example {
  /** Where it was found: "README.md:123" or "simulate --help". */
  readonly source: string;
  /** The command as written (continuations joined). */
  readonly text: string;
  /** The arguments after `ubias`. */
  readonly args: string[];
  /**
   * Why the example test does not run it, from a marker in its shell comment:
   * `[long: …]` (intentionally long, e.g. the whole report; its time is stated there) or
   * `[needs: …]` (a file the user makes first, e.g. a claim file).
   */
  readonly notRun?: string;
  /**
   * Options the example test sets instead of the written ones, from a `[reduced: --runs 20]`
   * marker: an example whose full run is long (the whole catalogue, 500 cases) runs the same
   * command with fewer cases; its full time is stated next to it.
   */
  readonly reduced?: readonly string[];
  /** `echo '<text>' > <file>` lines before it: files to create first. */
  readonly files: readonly { readonly name: string; readonly text: string }[];
}

/** Marker of an example the test does not run, in its shell comment: `# … [long: reason]`. */
export const NOT_RUN_MARKER = /\[(long|needs):\s*([^\]]+)\]/;
/** Marker of an example the test runs with other option values: `# … [reduced: --runs 20]`. */
export const REDUCED_MARKER = /\[reduced:\s*([^\]]+)\]/;

/** `args` with each `--flag value` of `reduced` replacing the written value (or appended). */
export function withReduced(args: readonly string[], reduced: readonly string[]): string[] {
  const out = [...args];
  for (let i = 0; i + 1 < reduced.length; i += 2) {
    const at = out.indexOf(reduced[i]!);
    if (at >= 0) out[at + 1] = reduced[i + 1]!;
    else out.push(reduced[i]!, reduced[i + 1]!);
  }
  return out;
}

/** Shell words of a command line: '…' and "…" quoting, backslash escapes; stops at a comment. */
export function shellWords(line: string): { words: string[]; comment: string } {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const push = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${line}`);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let text = "";
      while (j < line.length && line[j] !== '"') {
        if (line[j] === "\\" && j + 1 < line.length) j++;
        text += line[j];
        j++;
      }
      if (j >= line.length) throw new Error(`unterminated " in ${line}`);
      word = (word ?? "") + text;
      i = j + 1;
    } else if (c === "#" && word === undefined) {
      push();
      return { words, comment: line.slice(i + 1) };
    } else if (/\s/.test(c)) {
      push();
      i++;
    } else {
      word = (word ?? "") + (c === "\\" && i + 1 < line.length ? line[++i] : c);
      i++;
    }
  }
  push();
  return { words, comment: "" };
}

/** Logical lines: a line ending in a backslash continues on the next. */
function logicalLines(lines: readonly string[]): { line: string; index: number }[] {
  const out: { line: string; index: number }[] = [];
  let current: { line: string; index: number } | undefined;
  lines.forEach((raw, index) => {
    const continues = /\\\s*$/.test(raw);
    const text = raw.replace(/\\\s*$/, " ");
    current = current
      ? { line: current.line + text.trimStart(), index: current.index }
      : { line: text, index };
    if (!continues) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

/**
 * The examples in `text`'s ```sh blocks (markdown) or in the whole text (help): every logical
 * line whose command is `ubias` or `npx ubias` (also after `&&`). Lines that are comments are
 * skipped; `echo '…' > file` lines are collected as files for the examples after them.
 */
export function examplesIn(text: string, source: string, markdown: boolean): Example[] {
  const all = text.split("\n");
  const blocks: { lines: string[]; first: number }[] = [];
  if (markdown) {
    let open: { lines: string[]; first: number } | undefined;
    all.forEach((line, i) => {
      if (open === undefined && /^```sh\s*$/.test(line)) open = { lines: [], first: i + 1 };
      else if (open !== undefined && /^```\s*$/.test(line)) {
        blocks.push(open);
        open = undefined;
      } else open?.lines.push(line);
    });
  } else blocks.push({ lines: all, first: 0 });
  const examples: Example[] = [];
  const files: { name: string; text: string }[] = [];
  for (const block of blocks) {
    for (const { line, index } of logicalLines(block.lines)) {
      if (/^\s*#/.test(line) || line.trim() === "") continue;
      // Help text is prose around indented command lines: only those are shell.
      if (!markdown && !/^\s+(npx\s+)?ubias\s/.test(line)) continue;
      const { words, comment } = shellWords(line);
      if (words[0] === "echo" && words[2] === ">" && words[3] !== undefined) {
        files.push({ name: words[3], text: `${words[1]}\n` });
        continue;
      }
      const start = words.findIndex(
        (w, i) => w === "ubias" && (i === 0 || words[i - 1] === "npx" || words[i - 1] === "&&"),
      );
      if (start < 0) continue;
      const marker = NOT_RUN_MARKER.exec(comment);
      const reduced = REDUCED_MARKER.exec(comment)?.[1]?.trim().split(/\s+/);
      const where = markdown ? `${source}:${block.first + index + 1}` : source;
      examples.push({
        source: where,
        text: line.trim(),
        args: words.slice(start + 1),
        ...(marker ? { notRun: `${marker[1]}: ${marker[2]!.trim()}` } : {}),
        ...(reduced ? { reduced } : {}),
        files: [...files],
      });
    }
  }
  return examples;
}
