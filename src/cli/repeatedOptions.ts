import type { Command, Option } from "commander";
import { InputError } from "../errors/inputError.js";

/**
 * Rejects an option given twice (`--sigma-a 2 --sigma-a 3`): commander keeps the last value
 * silently, so a typo in a long command line would run with a value the user did not mean.
 * Variadic options (`--claim T2 T3`, `--claim T2 --claim T3`) collect their values and may
 * repeat. The scan follows commander's reading of the arguments: a required value is the
 * next word whatever it looks like, an optional one the next word unless it starts with "-",
 * and "--" ends the options. Unknown options are left to commander's own error.
 */
export function rejectRepeatedOptions(program: Command, argv: readonly string[]): void {
  const first = argv[0];
  const sub = program.commands.find((c) => c.name() === first || c.aliases().includes(first ?? ""));
  const options: readonly Option[] = sub ? [...sub.options, ...program.options] : program.options;
  const seen = new Set<string>();
  for (let i = sub ? 1 : 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") return;
    if (!token.startsWith("-")) continue;
    const equals = token.indexOf("=");
    const name = token.startsWith("--") && equals > 0 ? token.slice(0, equals) : token;
    const option = options.find((o) => o.long === name || o.short === name);
    if (option === undefined) continue;
    const key = option.long ?? option.short ?? name;
    if (!option.variadic && seen.has(key)) {
      throw new InputError(key, "is given more than once: give each option once");
    }
    seen.add(key);
    if (equals > 0 && token.startsWith("--")) continue;
    const next = argv[i + 1];
    if (option.required && next !== undefined) i++;
    else if (option.optional && next !== undefined && !next.startsWith("-")) i++;
  }
}
