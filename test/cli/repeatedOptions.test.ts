import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { rejectRepeatedOptions } from "../../src/cli/repeatedOptions.js";
import { InputError } from "../../src/errors/inputError.js";

function program(): Command {
  const root = new Command("ubias").version("1");
  root
    .command("run")
    .option("--x <n>")
    .option("--list")
    .option("--save [file]")
    .option("--claim <id...>");
  return root;
}

describe("rejectRepeatedOptions", () => {
  it.each([
    [["run", "--x", "1", "--x", "2"]],
    [["run", "--x=1", "--x", "2"]],
    [["run", "--list", "--list"]],
    [["run", "--save", "--save", "f"]],
  ])("rejects %j naming the flag", (argv) => {
    expect(() => rejectRepeatedOptions(program(), argv)).toThrow(InputError);
  });

  it.each([
    [["run", "--x", "--x"]], // a required value is the next word, whatever it looks like
    [["run", "--claim", "a", "--claim", "b"]], // variadic
    [["run", "--x", "1", "--", "--x"]], // after "--": not an option
    [["run", "--save", "--x", "1"]], // optional value: "--x" is the next option, not the value
    [["run", "--unknown", "--unknown"]], // left to commander's own error
  ])("accepts %j", (argv) => {
    expect(() => rejectRepeatedOptions(program(), argv)).not.toThrow();
  });
});
