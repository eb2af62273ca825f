import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lines, runCli } from "./runCli.js";

/**
 * The CLI's contract as a property (issue 12): for generated argument vectors of every
 * subcommand — valid, boundary and hostile values, repeated and conflicting flags, bad
 * files — `ubias` answers within CASE_SECONDS with exit 0, 1 or 2 (3 only for the injected
 * internal fault below); exit 2 prints exactly one line "ubias: <field>: <message>" and
 * nothing on stdout; no stack trace; no NaN or Infinity in text or JSON unless the user typed
 * it (an error message quotes the rejected value). Failures shrink to a minimal argv.
 *
 * Runs in-process (`run`, ~10-200 ms a case). UBIAS_FUZZ_RUNS sets the number of cases
 * (default FUZZ_RUNS = 300: 12-15 s on 2 cores; 600 runs took 24-29 s with seeds 1 and 20240527); e.g. UBIAS_FUZZ_RUNS=2000 for a long hunt.
 * Simulations always carry a step budget (valid or hostile): the defaults themselves are
 * covered by the README/--help examples test (test/docs/examples.test.ts).
 */

const FUZZ_RUNS = 300;
const RUNS = Number(process.env.UBIAS_FUZZ_RUNS ?? FUZZ_RUNS);
/** UBIAS_FUZZ_VERBOSE=1 prints every case with its exit code and first stderr line. */
const VERBOSE = process.env.UBIAS_FUZZ_VERBOSE === "1";
const SEED = Number(process.env.UBIAS_SEED ?? 20240527);
/**
 * Time limit per case. The slowest generated valid cases (a 3-claim check at --runs 3, a
 * ReLU run on 200 samples to 2000 steps, three repeats) take 1-3 s on the loaded 2-core VM.
 */
const CASE_SECONDS = 20;

let dir = "";
const file = (name: string) => join(dir, name);

/** Values no numeric option accepts, and the edges of the double range. */
const HOSTILE = fc.constantFrom(
  "",
  " ",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x2",
  "0b1",
  "1e400",
  "1e-400",
  "-0",
  "abc",
  "1,5",
  "2 3",
  "--json",
  "9".repeat(400),
  "1e308",
  "-1e308",
  "5e-324",
);

/**
 * Values of one option: `valid` ones, and `invalid` ones at or beyond its bounds. A valid-mode
 * case (half of them) draws only valid values; a hostile one also the invalid values and HOSTILE.
 */
interface Values {
  readonly valid: fc.Arbitrary<string>;
  readonly any: fc.Arbitrary<string>;
}

function values(valid: readonly string[], invalid: readonly string[] = []): Values {
  const v = fc.constantFrom(...valid);
  return {
    valid: v,
    any: fc.oneof(
      { weight: 3, arbitrary: v },
      ...(invalid.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...invalid) }] : []),
      { weight: 1, arbitrary: HOSTILE },
    ),
  };
}

/** Fixed words (file names, choices): `valid` in valid mode, any of both otherwise. */
const words = values;

/** A flag and its values (none: a boolean flag). */
type Flag = readonly [name: string, values?: Values];

const TOY_FLAGS: Flag[] = [
  ["--sigma-a", values(["2", "1", "1.5", "3", "1e-50", "1e50"], ["1e-160", "0", "-1", "1e51"])],
  ["--sigma-b", values(["1", "2", "0.5"], ["1e-161", "0"])],
  ["--rho", values(["0.5", "0", "-0.9", "0.99"], ["1", "-1"])],
];
const DATA_FLAGS: Flag[] = [
  ["--w-a", values(["1", "0", "-2"])],
  ["--w-b", values(["1", "0", "2"])],
  ["--noise", values(["0", "0.5"], ["-1"])],
];
const STATS_FLAG: Flag = [
  "--stats",
  words(["STATS_OK"], ["STATS_BAD", "/nonexistent.json", "/dev/null", "/proc"]),
];
const ARCH_FLAGS: Flag[] = [
  ["--depth", values(["2", "3", "4", "1"], ["0", "21", "2.5"])],
  ["--fusion", values(["1", "2"], ["0", "5"])],
  ["--u0", values(["1e-6", "1e-3", "0.1", "0.5", "0.99", "1e-12"], ["0", "1", "1e-300"])],
];

/** A flag, or a choice between whole flags (valid and hostile words). */
type FlagChoice = Flag | { readonly choice: Values };

/** One of whole word lists, e.g. `--claim T2` or `--no-claims`. */
function choice(valid: readonly string[][], invalid: readonly string[][] = []): FlagChoice {
  const v = fc.constantFrom(...valid);
  return {
    choice: {
      valid: v.map((w) => w.join("\u0000")),
      any: fc.constantFrom(...valid, ...invalid).map((w) => w.join("\u0000")),
    },
  };
}

/** The data: mostly the toy triple, sometimes a statistics file, rarely none. */
const DATA: FlagChoice = {
  choice: {
    valid: fc.oneof(
      { weight: 8, arbitrary: toyWords(false) },
      { weight: 1, arbitrary: fc.constant(["--stats", "STATS_OK"].join("\u0000")) },
    ),
    any: fc.oneof(
      { weight: 8, arbitrary: toyWords(true) },
      { weight: 1, arbitrary: STATS_FLAG[1]!.any.map((f) => ["--stats", f].join("\u0000")) },
      { weight: 1, arbitrary: fc.constant("") },
    ),
  },
};

function toyWords(hostile: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(...TOY_FLAGS.map(([name, v]) => (hostile ? v!.any : v!.valid).map((x) => [name, x])))
    .map((pairs) => pairs.flat().join("\u0000"));
}

const EXPRESSIONS_VALID = [
  "1 + (sigmaA - sigmaB)",
  "1 + (sigmaA^2 - sigmaB^2)/(sigmaB^2*(1-rho^2))",
  "lossA",
  "sqrt(sigmaA)",
  "max(sA, sB) / min(sA, sB)",
];
const EXPRESSIONS_INVALID = [
  "pow(1,2,3)",
  "min()",
  "NaN",
  "Infinity",
  "1/0",
  "sqrt(-1)",
  "x",
  "e",
  "",
  "a = 1",
  "import('fs')",
  "1e400",
  "[1, 2]",
  "1".repeat(600),
];

const COMMANDS: Readonly<Record<string, { required: FlagChoice[]; optional: Flag[] }>> = {
  predict: { required: [DATA], optional: [...DATA_FLAGS, ...ARCH_FLAGS, ["--json"]] },
  simulate: {
    // Always a step budget: the defaults are the examples test's (test/docs/examples.test.ts).
    required: [DATA, ["--max-steps", values(["50", "500", "2000"], ["0", "1.5"])]],
    optional: [
      ...DATA_FLAGS,
      ...ARCH_FLAGS,
      ["--width", values(["1", "2", "8"], ["0", "1000000000"])],
      ["--init", words(["balanced", "gaussian"], ["bogus"])],
      ["--seed", values(["0", "1", "4294967295"], ["4294967296", "-1"])],
      ["--method", words(["flow", "gd"], ["sgd"])],
      ["--lr", values(["0.04", "0.5", "1e3", "1e6"], ["0", "-1"])],
      ["--rtol", values(["1e-6", "1e-10", "1e-14"], ["1e-15", "1e-300", "1", "1e308"])],
      ["--max-time", values(["1", "100", "1e15"], ["0", "-1"])],
      ["--until-converged"],
      ["--trajectory", words(["OUT_CSV"], ["/proc/nope/x.csv", "/dev/null/x.csv", ""])],
      ["--repeats", values(["1", "2", "3"], ["0", "100001"])],
      ["--samples", values(["48", "200"], ["4", "0", "-1", "10"])],
      ["--data-seed", values(["0", "3"], ["-1"])],
      ["--activation", words(["linear", "relu"], ["tanh"])],
      ["--data", words(["xor"], ["mnist"])],
      ["--var-lin", values(["1", "0.25", "4"], ["0", "-1"])],
      ["--csv", words(["DATA_CSV"], ["/nonexistent.csv", "/dev/null"])],
      ["--target", words(["y"], ["x1", "nope"])],
      ["--modality-a", words(["x1", "x1,x2"], ["x1,x1", "y", ""])],
      ["--json"],
    ],
  },
  check: {
    required: [
      ["--claim", words(["T7.formula", "T6.formula", "X2", "T10.under"], ["NOPE", ""])],
      ["--runs", values(["1", "2", "3"], ["0", "1000000001"])],
    ],
    optional: [
      ["--seed", values(["1", "20240527"], ["-1", "4294967296"])],
      [
        "--path",
        words(["0", "1:0"], ["abc", "-1:2", "", "99999999999", `0:${"0:".repeat(1200)}0`]),
      ],
      ["--json"],
      ["--list"],
      ["--threads", values(["1"], ["0", "300"])],
      ["--save-counterexample", words(["FIXTURE_JSON"], ["/dev/null/x.json", "/proc/nope/x.json"])],
      ["--save-counterexample"],
      ["--shard", words(["1/2", "2/2", "3/7"], ["0/3", "4/3", "a/b", "1/0", ""])],
    ],
  },
  conjecture: {
    required: [
      ["--predict", words(EXPRESSIONS_VALID, EXPRESSIONS_INVALID)],
      ["--runs", values(["1", "2", "3"], ["0", "1000001"])],
    ],
    optional: [
      ["--measure", words(["ratio", "tA", "tB", "duration", "plateau"], ["loss"])],
      ["--domain", words(["toy", "vector"], ["mnist"])],
      ["--depth", values(["2", "3"], ["9", "1"])],
      ["--fusion", values(["1", "2"], ["0", "3"])],
      ["--rtol", values(["0.1", "100"], ["1e-300", "1e308", "0"])],
      ["--seed", values(["1"], ["-1"])],
      ["--path", words(["0"], ["abc", ""])],
      ["--json"],
      ["--save-counterexample", words(["FIXTURE_JSON"], ["/dev/null/x.json"])],
      ["--shard", words(["1/2", "2/2"], ["0/1", "a/b"])],
    ],
  },
  validity: {
    required: [["--claim", words(["T5"], ["T2", "X9"])]],
    optional: [
      ["--u0", words(["0.1", "0.1,0.01"], ["", "0", "abc", "0.1,,0.2"])],
      ["--rho", words(["0", "0,0.5"], ["1", ""])],
      ["--csv", words(["OUT_CSV"], ["/proc/nope/x.csv"])],
      ["--json"],
    ],
  },
  figure: {
    required: [],
    optional: [
      ["--out", words(["OUT_DIR"], ["/proc/nope", "/dev/null/x"])],
      ["--repeats", values(["1"], ["0", "1001"])],
      ["--seed", values(["1"], ["-1"])],
      ["--threads", values(["1"], ["0"])],
      // Taken by depth-losses (--rho) only here; the others refuse them (exit 2, one line).
      ["--rho", values(["0.5"], ["1", "-0.1"])],
      ["--gaussian-width", values(["4"], ["0"])],
      ["--list"],
    ],
  },
  report: {
    // Always a selection: the whole report (claims + every figure) takes ~22 s by design.
    required: [
      ["--threads", values(["1"], ["0", "300"])],
      ["--out", words(["OUT_DIR"], ["/proc/nope", "/dev/null/x"])],
      choice([["--claim", "T7.formula"], ["--no-claims"]], [["--claim", "NOPE"]]),
      choice([["--figure", "misattribution"], ["--no-figures"]], [["--figure", "nope"]]),
    ],
    optional: [
      ["--seed", values(["1"], ["-1"])],
      ["--repeats", values(["1"], ["0"])],
      ["--no-claims"],
      ["--no-figures"],
    ],
  },
};

/**
 * Cheap figure ids and a bad one, for `figure <id>` (the deep sweeps, with their Gaussian
 * draws since issue 17, take 2-5 thread-seconds: too slow for a per-case budget).
 */
const FIGURE_IDS = fc.constantFrom("misattribution", "depth-losses", "validity-T5", "nope");
const FIGURE_IDS_VALID = fc.constantFrom("misattribution", "depth-losses", "validity-T5");

/** `arb` in `percent` % of the cases, null otherwise. */
function sometimes<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> {
  return fc.oneof(
    { weight: 100 - percent, arbitrary: fc.constant(null) },
    { weight: percent, arbitrary: arb },
  );
}

function flagWords(flag: FlagChoice, hostile: boolean): fc.Arbitrary<string[]> {
  if ("choice" in flag) {
    const joined = hostile ? flag.choice.any : flag.choice.valid;
    return joined.map((w) => (w === "" ? [] : w.split("\u0000")));
  }
  const [name, v] = flag;
  if (v === undefined) return fc.constant([name]);
  return (hostile ? v.any : v.valid).map((x) => [name, x]);
}

/** Placeholder values → paths in the temporary directory. */
function resolvePlaceholder(word: string): string {
  const map: Record<string, string> = {
    STATS_OK: file("stats.json"),
    STATS_BAD: file("bad.json"),
    OUT_CSV: file("out/x.csv"),
    DATA_CSV: file("data.csv"),
    OUT_DIR: file("out/figures"),
    FIXTURE_JSON: file("out/fixture.json"),
  };
  return map[word] ?? word;
}

/**
 * An argument vector: a command, its required flags, up to four optional ones; in hostile
 * mode (half the cases) also invalid values, a flag given twice, an unknown flag.
 */
const argv: fc.Arbitrary<string[]> = fc
  .tuple(fc.constantFrom(...Object.keys(COMMANDS)), fc.boolean())
  .chain(([command, hostile]) => {
    const { required, optional } = COMMANDS[command]!;
    const some = (flags: readonly FlagChoice[]) =>
      fc.tuple(...flags.map((f) => flagWords(f, hostile)));
    return fc
      .record({
        required: some(required),
        optional: fc.subarray(optional, { maxLength: Math.min(4, optional.length) }).chain(some),
        repeated: hostile
          ? sometimes(
              fc.constantFrom(...required, ...optional).chain((f) => flagWords(f, true)),
              25,
            )
          : fc.constant(null),
        unknown: hostile
          ? sometimes(fc.constantFrom("--sigma", "--bogus", "-x"), 10)
          : fc.constant(null),
        positional:
          command === "figure"
            ? hostile
              ? sometimes(FIGURE_IDS, 80)
              : FIGURE_IDS_VALID
            : fc.constant(null),
      })
      .map(({ required: r, optional: o, repeated, unknown, positional }) => [
        command,
        ...(positional !== null ? [positional] : []),
        ...[...r, ...o].flat(),
        ...(repeated ?? []),
        ...(unknown !== null ? [unknown] : []),
      ]);
  })
  .map((list) => list.map(resolvePlaceholder));

/** The contract of one invocation (see the file comment). */
const tally = new Map<string, number>();

async function checkContract(args: string[]): Promise<void> {
  const started = performance.now();
  const { code, stdout, stderr } = await runCli(args);
  const key = `${args[0]} → ${code}`;
  if (VERBOSE) console.log(`${key}  ${args.join(" ")}  | ${lines(stderr)[0] ?? ""}`);
  tally.set(key, (tally.get(key) ?? 0) + 1);
  const seconds = (performance.now() - started) / 1000;
  const context = `ubias ${args.map((a) => JSON.stringify(a)).join(" ")}\nexit ${code}\nstderr: ${stderr.slice(0, 500)}`;
  expect(seconds, context).toBeLessThan(CASE_SECONDS);
  expect([0, 1, 2], context).toContain(code);
  expect(stderr, context).not.toMatch(/internal error|\n\s+at |^\s+at /m);
  if (code === 2) {
    expect(lines(stderr), context).toHaveLength(1);
    expect(stderr, context).toMatch(/^ubias: [^\s:]+(: | )/);
    expect(stdout, context).toBe("");
  }
  const typed = args.join(" ");
  for (const word of ["NaN", "Infinity"]) {
    if (typed.includes(word)) continue;
    expect(stdout, context).not.toContain(word);
    expect(stderr, context).not.toContain(word);
  }
  if (code === 0 && args.includes("--json") && !args.includes("--help")) {
    expect(() => JSON.parse(stdout), context).not.toThrow();
  }
}

describe("ubias CLI contract (property, in-process)", () => {
  const cwd = process.cwd();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ubias-fuzz-"));
    // --save-counterexample without a file writes under the current directory.
    process.chdir(dir);
    writeFileSync(
      file("stats.json"),
      '{"kind":"teacher","sigma":[[2,0.3],[0.3,1]],"wStar":[1,1],"noiseStd":0,"dA":1}\n',
    );
    writeFileSync(file("bad.json"), '{"kind":"toy", "sigmaA": "two"\n');
    const rows = ["y,x1,x2,x3"];
    for (let i = 0; i < 40; i++) {
      const x = [Math.sin(i), Math.cos(1.3 * i), Math.sin(0.7 * i + 1)];
      rows.push([x[0]! + 0.5 * x[1]! - x[2]!, ...x].map((v) => v.toFixed(6)).join(","));
    }
    writeFileSync(file("data.csv"), `${rows.join("\n")}\n`);
  });
  afterAll(() => process.chdir(cwd));

  it(`answers every generated argv within ${CASE_SECONDS} s with exit 0/1/2 and the output contract (${RUNS} runs)`, async () => {
    const started = performance.now();
    await fc.assert(fc.asyncProperty(argv, checkContract), {
      numRuns: RUNS,
      seed: SEED,
      endOnFailure: true,
    });
    const seconds = (performance.now() - started) / 1000;
    const codes = [...tally]
      .sort()
      .map(([k, n]) => `${k}: ${n}`)
      .join(", ");
    console.log(
      `CLI fuzz: ${RUNS} runs in ${seconds.toFixed(1)} s (seed ${SEED}; UBIAS_FUZZ_RUNS to change); ${codes}`,
    );
    // The property must exercise real runs, not only validation: every command ran sometimes.
    if (RUNS >= FUZZ_RUNS) {
      for (const command of Object.keys(COMMANDS)) {
        expect(tally.get(`${command} → 0`) ?? 0, `${command} never ran`).toBeGreaterThan(0);
      }
    }
  }, 600_000);

  it("exit 3 only for an internal fault: one line asking for a bug report", async () => {
    // Injected: a claim file that throws InternalError when the catalogue loads it.
    const broken = mkdtempSync(join(tmpdir(), "ubias-fuzz-broken-"));
    const errors = new URL("../../src/errors/internalError.ts", import.meta.url).href;
    writeFileSync(
      join(broken, "T1.ts"),
      `import { InternalError } from ${JSON.stringify(errors)};\nthrow new InternalError("injected fault");\n`,
    );
    const { code, stdout, stderr } = await runCli(["check", "--properties-dir", broken]);
    expect(code).toBe(3);
    expect(stdout).toBe("");
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(
      /^ubias: internal error: injected fault \(this is a bug in ubias: please report it/,
    );
  });
});
