import type { Command } from "commander";
import { InputError, requirePositive } from "../errors/inputError.js";
import { formatJson } from "../format/json.js";
import { formatNumber } from "../format/numbers.js";
import { MAX_DEPTH } from "../network/architecture.js";
import type { ValidityClaim, ValidityGridSpec } from "../report/validityMap.js";
import {
  CLAIM_ARCHITECTURE,
  VALIDITY_CLAIMS,
  VALIDITY_DEFAULTS,
  validityCsv,
  validityMap,
  validityTable,
} from "../report/validityMap.js";
import type { CommandContext } from "./io.js";
import { openOutputFile } from "./outputFile.js";
import { optionalInteger, parseChoice, parseInteger, parseNumber } from "./parse.js";
import { addSimulatorOptions, withSimulatorOf } from "./simulatorOption.js";

interface ValidityOptionValues {
  readonly claim?: string;
  readonly depth?: string;
  readonly fusion?: string;
  readonly u0?: string;
  readonly rho?: string;
  readonly sigmaA?: string;
  readonly sigmaB?: string;
  readonly json?: boolean;
  readonly csv?: string;
  readonly simulator?: string;
  readonly simulatorTimeout?: string;
}

/** A validated `validity` invocation. */
export interface ValiditySettings extends ValidityGridSpec {
  readonly json: boolean;
  readonly csv?: string;
}

/**
 * A comma-separated list of numbers ("0.3,0.1, 1e-3"), each checked by `check`. An empty
 * list or an empty item is an InputError naming `field`.
 */
export function parseNumberList(
  field: string,
  raw: string,
  check: (value: number) => number = (value) => value,
): number[] {
  const items = raw.split(",").map((item) => item.trim());
  if (raw.trim() === "" || items.some((item) => item === "")) {
    throw new InputError(
      field,
      `must be a non-empty comma-separated list of numbers, got ${JSON.stringify(raw)}`,
    );
  }
  return items.map((item) => check(parseNumber(field, item)));
}

function requireInOpenInterval(field: string, min: number, max: number) {
  return (value: number): number => {
    if (!(value > min && value < max)) {
      throw new InputError(field, `every value must be in (${min}, ${max}), got ${value}`);
    }
    return value;
  };
}

/** Depth and fusion layer: the claim's by default, --depth/--fusion override them. */
function architecture(
  claim: ValidityClaim,
  options: ValidityOptionValues,
): { depth: number; fusionLayer: number } {
  const defaults = CLAIM_ARCHITECTURE[claim];
  if (options.depth === undefined && options.fusion === undefined) return { ...defaults };
  const depth = optionalInteger("--depth", options.depth, 1, MAX_DEPTH, defaults.depth);
  let fusionLayer: number;
  if (options.fusion !== undefined) {
    fusionLayer = parseInteger("--fusion", options.fusion, 1, depth);
  } else if (claim === "T5") {
    // Intermediate fusion: the claim's layer 3 when it fits, else the deepest intermediate one.
    if (depth < 3) {
      throw new InputError(
        "--depth",
        `T5 needs intermediate fusion (1 < Lf < L), so L >= 3, got ${depth}; give --fusion to map another architecture`,
      );
    }
    fusionLayer = Math.min(defaults.fusionLayer, depth - 1);
  } else {
    fusionLayer = depth;
  }
  return { depth, fusionLayer };
}

export function validitySettings(options: ValidityOptionValues): ValiditySettings {
  const claim = parseChoice<ValidityClaim>("--claim", options.claim ?? "T5", VALIDITY_CLAIMS);
  const { depth, fusionLayer } = architecture(claim, options);
  const u0s =
    options.u0 === undefined
      ? [...VALIDITY_DEFAULTS.u0s]
      : parseNumberList("--u0", options.u0, requireInOpenInterval("--u0", 0, 1));
  const rhos =
    options.rho === undefined
      ? [...VALIDITY_DEFAULTS.rhos]
      : parseNumberList("--rho", options.rho, requireInOpenInterval("--rho", -1, 1));
  const sigmaA =
    options.sigmaA === undefined
      ? VALIDITY_DEFAULTS.sigmaA
      : requirePositive("--sigma-a", parseNumber("--sigma-a", options.sigmaA));
  const sigmaB =
    options.sigmaB === undefined
      ? VALIDITY_DEFAULTS.sigmaB
      : requirePositive("--sigma-b", parseNumber("--sigma-b", options.sigmaB));
  return {
    claim,
    depth,
    fusionLayer,
    sigmaA,
    sigmaB,
    u0s,
    rhos,
    json: options.json === true,
    ...(options.csv !== undefined ? { csv: options.csv } : {}),
  };
}

const CLEAR_LINE = "\r\x1b[2K";

const VALIDITY_HELP = `
Each cell predicts t_B/t_A (predictPhases: T5 for 1 < Lf < L, T4 for Lf = L ≥ 3, T2 for
L = Lf = 2, T1 for Lf = 1) and simulates it: balanced init, width 1, gradient flow
(DOPRI5 + events, the claims' step budget). Entries are measured/predicted − 1 in %.
"—": outside the prediction's domain (e.g. T5's "signs-apart" when ρ ≤ −σB/σA), not
simulated, reason in JSON/CSV; "n/r": t_B not reached, status in JSON/CSV.

Defaults: --claim T5; architecture T5 → depth 4, fusion 3; T4 → 4, 4; T2 → 2, 2 (with
--depth alone, fusion is L for T4/T2 and min(3, L − 1) for T5); u0 ${VALIDITY_DEFAULTS.u0s.join(",")};
ρ ${VALIDITY_DEFAULTS.rhos.join(",")}; σA ${VALIDITY_DEFAULTS.sigmaA}, σB ${VALIDITY_DEFAULTS.sigmaB}; teacher w = (1, 1).

Example:
  ubias validity --claim T5 --u0 0.1,0.01 --rho 0,0.5 --csv out/t5.csv

--simulator "<command>" runs the cells through your simulator (docs/simulator-protocol.md); a
cell it gives no answer for is "n/r" with status "unmeasurable" and the reason.

Exit codes: 0 computed (cells not reached are data), 1 a cell unmeasurable (the external
simulator failed), 2 bad input, 3 internal error.`;

export function registerValidity(program: Command, context: CommandContext): void {
  const command = program
    .command("validity")
    .description(
      "relative error of a claim's t_B/t_A against balanced-init simulation over a grid u0 × ρ",
    )
    .option("--claim <id>", `claim: ${VALIDITY_CLAIMS.join(" | ")} (default T5)`)
    .option(
      "--depth <L>",
      `number of layers L, an integer in [1, ${MAX_DEPTH}] (default: the claim's)`,
    )
    .option("--fusion <Lf>", "fusion layer Lf in [1, L] (default: the claim's)")
    .option("--u0 <list>", "init scales, comma-separated, each in (0, 1) (rows)")
    .option("--rho <list>", "toy correlations, comma-separated, each in (-1, 1) (columns)")
    .option("--sigma-a <n>", `toy σA, > 0 (default ${VALIDITY_DEFAULTS.sigmaA})`)
    .option("--sigma-b <n>", `toy σB, > 0 (default ${VALIDITY_DEFAULTS.sigmaB})`)
    .option("--json", "print the map as JSON instead of the table (non-finite numbers as null)")
    .option("--csv <file>", "also write one CSV row per cell; creates the directory");
  addSimulatorOptions(command)
    .addHelpText("after", VALIDITY_HELP)
    .action((options: ValidityOptionValues) => {
      const settings = validitySettings(options);
      const { io } = context;
      const file = settings.csv === undefined ? undefined : openOutputFile(settings.csv, "--csv");
      try {
        let drawn = false;
        const run = withSimulatorOf(options, () =>
          validityMap(settings, {
            onCell: (done, total, cell) => {
              if (!io.isTTY) return;
              drawn = true;
              io.stderr(
                `${CLEAR_LINE}validity ${done}/${total} cells (u0 = ${formatNumber(cell.u0)}, ρ = ${formatNumber(cell.rho)})`,
              );
            },
          }),
        );
        if (drawn) io.stderr(CLEAR_LINE);
        // Through an external simulator the map names it (JSON) and says so under the table.
        const map =
          options.simulator === undefined ? run : { ...run, simulator: options.simulator };
        file?.write(validityCsv(map));
        io.stdout(
          settings.json
            ? formatJson(map)
            : validityTable(map) +
                (options.simulator === undefined
                  ? ""
                  : `\nSimulator: ${options.simulator} (external, docs/simulator-protocol.md)\n`),
        );
        // A run that gave no answer (a broken external simulator) is not data: exit 1.
        if (map.cells.some((c) => c.status === "unmeasurable")) context.setExitCode(1);
      } finally {
        file?.close();
      }
    });
}
