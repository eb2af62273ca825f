import { Command, Help } from "commander";
import { describe, expect, it } from "vitest";
import { COMMANDS, requestedCommand } from "../../src/cli/main.js";
import { runCli } from "./runCli.js";

/*
 * main.ts imports a command's module only when that command runs (issue 14: start-up);
 * `ubias --help` lists the others from COMMANDS' names and descriptions.
 */
describe("the lazily loaded commands", () => {
  it("COMMANDS' descriptions and usage terms are the commands' own", async () => {
    for (const entry of COMMANDS) {
      const program = new Command("ubias");
      const context = { io: { stdout() {}, stderr() {}, isTTY: false }, setExitCode() {} };
      (await entry.load())(program, context);
      const command = program.commands.find((c) => c.name() === entry.name);
      expect(command?.description(), entry.name).toBe(entry.description);
      expect(new Help().subcommandTerm(command!), entry.name).toBe(entry.term);
    }
  });

  it("requestedCommand: the first word, or the one after help", () => {
    expect(requestedCommand(["predict", "--sigma-a", "2"])).toBe("predict");
    expect(requestedCommand(["--help"])).toBeUndefined();
    expect(requestedCommand([])).toBeUndefined();
    expect(requestedCommand(["help", "check"])).toBe("check");
    expect(requestedCommand(["help"])).toBeUndefined();
    expect(requestedCommand(["nope"])).toBe("nope");
  });

  it("ubias --help lists every command with its description", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const entry of COMMANDS) {
      const term = entry.term.replace(/[[\]]/g, "\\$&");
      expect(stdout).toMatch(new RegExp(`^  ${term} `, "m"));
    }
    expect(stdout).toContain("closed-form phase times");
  });

  it("ubias help <command> prints that command's own help, as <command> --help does", async () => {
    // (Its exit code is commander's "commander.help": 2, as before the commands were lazy.)
    const help = await runCli(["help", "predict"]);
    const flag = await runCli(["predict", "--help"]);
    expect(help.stdout).toContain("--sigma-a");
    expect(help.stdout).toBe(flag.stdout);
  });

  it("an unknown command is bad input with commander's suggestion", async () => {
    const { code, stderr } = await runCli(["predcit"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^ubias: command: unknown command "predcit".*predict/);
  });
});
