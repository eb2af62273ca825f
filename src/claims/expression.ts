import type { MathNode } from "mathjs";
import { all, create } from "mathjs";
import { InputError } from "../errors/inputError.js";

/**
 * User expressions of `ubias conjecture --predict` (mathjs syntax over named statistics).
 * Following the mathjs security guidance, the expression is parsed in a private instance
 * whose dangerous functions are disabled, then its node tree is checked against a whitelist:
 * numbers, the allowed variable names, arithmetic, comparisons, parentheses, `a ? b : c` and
 * calls of the whitelisted functions below. Anything else (assignment, function definition,
 * property access, indexing, arrays, objects, ranges, blocks, strings, units, `import`, ...)
 * is an InputError naming the field, one line.
 */

/** Longest accepted expression: bounds the parse time (mathjs's parser is recursive). */
export const MAX_EXPRESSION_LENGTH = 500;

/** Functions an expression may call: real elementary functions of numbers. */
export const EXPRESSION_FUNCTIONS = [
  "abs",
  "sqrt",
  "cbrt",
  "exp",
  "expm1",
  "log",
  "log1p",
  "log2",
  "log10",
  "pow",
  "min",
  "max",
  "hypot",
  "sign",
  "sin",
  "cos",
  "tan",
  "atan",
  "atan2",
  "sinh",
  "cosh",
  "tanh",
] as const;

/**
 * How many arguments each function takes, [min, max] (mathjs's own signatures, restricted to
 * real numbers): a call outside them would parse and fail only when evaluated, case by case,
 * as "unmeasurable" instead of as bad input.
 */
const ARITY: Readonly<Record<(typeof EXPRESSION_FUNCTIONS)[number], readonly [number, number]>> = {
  abs: [1, 1],
  sqrt: [1, 1],
  cbrt: [1, 1],
  exp: [1, 1],
  expm1: [1, 1],
  log: [1, 2],
  log1p: [1, 2],
  log2: [1, 1],
  log10: [1, 1],
  pow: [2, 2],
  min: [1, Number.POSITIVE_INFINITY],
  max: [1, Number.POSITIVE_INFINITY],
  hypot: [1, Number.POSITIVE_INFINITY],
  sign: [1, 1],
  sin: [1, 1],
  cos: [1, 1],
  tan: [1, 1],
  atan: [1, 1],
  atan2: [2, 2],
  sinh: [1, 1],
  cosh: [1, 1],
  tanh: [1, 1],
};

/** Named constants an expression may use (Euler's number is exp(1): `e` would be read as ‖e_B‖). */
export const EXPRESSION_CONSTANTS = ["pi"] as const;

/** mathjs operator functions allowed: arithmetic, comparison, logic (for `a ? b : c`). */
const OPERATORS = new Set([
  "add",
  "subtract",
  "multiply",
  "divide",
  "pow",
  "unaryMinus",
  "unaryPlus",
  "smaller",
  "smallerEq",
  "larger",
  "largerEq",
  "equal",
  "unequal",
  "and",
  "or",
  "not",
]);

/** Functions the mathjs security guide disables; also unreachable through the whitelist. */
const DISABLED = [
  "import",
  "createUnit",
  "reviver",
  "evaluate",
  "parse",
  "simplify",
  "derivative",
  "resolve",
  "compile",
] as const;

let parser: ((text: string) => MathNode) | undefined;

/**
 * The parser of the private mathjs instance, created on the first expression (creating
 * an instance with every function takes tens of milliseconds: not at import).
 */
function mathParser(): (text: string) => MathNode {
  if (parser === undefined) {
    const math = create(all as NonNullable<typeof all>, {});
    // Taken before the import below, which replaces `parse` itself by a disabled stub.
    const parse = math.parse;
    math.import(
      Object.fromEntries(
        DISABLED.map((name) => [
          name,
          () => {
            throw new InputError("predict", `function ${name} is disabled`);
          },
        ]),
      ),
      { override: true },
    );
    parser = parse;
  }
  return parser;
}

/** A checked expression, evaluable on a scope of numbers. */
export interface CompiledExpression {
  readonly text: string;
  /** The variable names the expression uses (sorted). */
  readonly variables: readonly string[];
  /** The value at `scope`; an InputError when it is not a finite real number. */
  evaluate(scope: Readonly<Record<string, number>>): number;
}

/**
 * Parses and checks `text` against the whitelist; `variables` are the names it may use.
 * Errors are InputError(field, ...) with a one-line message.
 */
export function compileExpression(
  text: string,
  variables: readonly string[],
  field = "--predict",
): CompiledExpression {
  if (text.trim() === "") throw new InputError(field, "is empty");
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new InputError(
      field,
      `is ${text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
    );
  }
  if (/[\n\r;]/.test(text))
    throw new InputError(field, "must be one expression (no ';' or newline)");
  const parse = mathParser();
  let root: MathNode;
  try {
    root = parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(field, `cannot parse ${JSON.stringify(text)}: ${message}`);
  }
  const allowedNames = new Set(variables);
  const used = new Set<string>();
  checkNode(root, field, allowedNames, used);
  const code = root.compile();
  const compiled: CompiledExpression = {
    text,
    variables: [...used].sort(),
    evaluate(scope) {
      const map = new Map<string, number>();
      for (const name of used) {
        const value = scope[name];
        if (value === undefined) throw new InputError(field, `no value for ${name}`);
        map.set(name, value);
      }
      let value: unknown;
      try {
        value = code.evaluate(map);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new InputError(field, `${JSON.stringify(text)} cannot be evaluated: ${message}`);
      }
      if (typeof value === "boolean") return value ? 1 : 0;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new InputError(
          field,
          `${JSON.stringify(text)} is not a finite real number at ${scopeText(map)}: got ${valueText(value)}`,
        );
      }
      return value;
    },
  };
  // Without variables the value is known now: a non-finite constant is bad input at once.
  if (used.size === 0) compiled.evaluate({});
  return compiled;
}

/** A rejected value in words: the CLI prints no "NaN" or "Infinity" (issue 12). */
function valueText(value: unknown): string {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "an undefined value (such as 0/0)";
    if (!Number.isFinite(value)) return `${value > 0 ? "+" : "-"}∞ (such as 1/0 or an overflow)`;
  }
  return String(value);
}

function scopeText(scope: ReadonlyMap<string, number>): string {
  if (scope.size === 0) return "any inputs";
  return [...scope].map(([name, value]) => `${name}=${value}`).join(", ");
}

const FUNCTIONS: ReadonlySet<string> = new Set(EXPRESSION_FUNCTIONS);
const CONSTANTS: ReadonlySet<string> = new Set(EXPRESSION_CONSTANTS);

/** Throws unless every node of the tree is on the whitelist; collects the variables used. */
function checkNode(
  node: MathNode,
  field: string,
  variables: ReadonlySet<string>,
  used: Set<string>,
): void {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case "ConstantNode":
      if (typeof n.value !== "number") {
        throw new InputError(
          field,
          `only numbers are allowed as constants, got ${node.toString()}`,
        );
      }
      // mathjs reads NaN, Infinity and 1e400 as number constants.
      if (!Number.isFinite(n.value)) {
        throw new InputError(
          field,
          "constants must be finite numbers (a literal here is not a number or overflows a double)",
        );
      }
      return;
    case "SymbolNode": {
      const name = String(n.name);
      if (variables.has(name)) used.add(name);
      else if (!CONSTANTS.has(name)) throw unknownName(field, name, variables);
      return;
    }
    case "ParenthesisNode":
      checkNode(n.content as MathNode, field, variables, used);
      return;
    case "OperatorNode":
      if (!OPERATORS.has(String(n.fn))) {
        throw new InputError(field, `operator ${JSON.stringify(n.op)} is not allowed`);
      }
      for (const arg of n.args as MathNode[]) checkNode(arg, field, variables, used);
      return;
    case "ConditionalNode":
      for (const part of [n.condition, n.trueExpr, n.falseExpr] as MathNode[])
        checkNode(part, field, variables, used);
      return;
    case "FunctionNode": {
      const fn = n.fn as MathNode & { name?: unknown };
      const name = fn.type === "SymbolNode" ? String(fn.name) : undefined;
      if (name === undefined || !FUNCTIONS.has(name)) {
        throw new InputError(
          field,
          `function ${name ?? fn.toString()} is not allowed; allowed: ${EXPRESSION_FUNCTIONS.join(", ")}`,
        );
      }
      const args = n.args as MathNode[];
      const [min, max] = ARITY[name as keyof typeof ARITY];
      if (args.length < min || args.length > max) {
        const expected =
          min === max
            ? `${min}`
            : max === Number.POSITIVE_INFINITY
              ? `at least ${min}`
              : `${min} or ${max}`;
        throw new InputError(
          field,
          `${name} takes ${expected} argument${expected === "1" || expected === "at least 1" ? "" : "s"}, got ${args.length}`,
        );
      }
      for (const arg of args) checkNode(arg, field, variables, used);
      return;
    }
    default:
      throw new InputError(field, `${describeNode(node.type)} is not allowed in an expression`);
  }
}

function unknownName(field: string, name: string, variables: ReadonlySet<string>): InputError {
  const hint =
    name === "e"
      ? " (Euler's number is exp(1); ‖e_B‖ is eB)"
      : FUNCTIONS.has(name)
        ? " (a function: call it)"
        : "";
  return new InputError(
    field,
    `unknown name ${JSON.stringify(name)}${hint}; variables: ${[...variables].join(", ")}`,
  );
}

/** A reader's name for a rejected node type. */
function describeNode(type: string): string {
  const names: Record<string, string> = {
    AssignmentNode: "assignment",
    FunctionAssignmentNode: "function definition",
    AccessorNode: "property access or indexing",
    IndexNode: "indexing",
    ArrayNode: "an array",
    ObjectNode: "an object",
    RangeNode: "a range",
    BlockNode: "more than one expression",
    RelationalNode: "a chained comparison",
  };
  return names[type] ?? type;
}
