import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CounterexampleFixture } from "../../src/claims/counterexampleFixture.js";
import type { ClaimResult } from "../../src/claims/runner.js";
import {
  DEFAULT_SIMULATOR_TIMEOUT_SECONDS,
  simulatorText,
  startSimulator,
  stopSimulator,
} from "../../src/cli/simulatorOption.js";
import { InputError } from "../../src/errors/inputError.js";
import { externalSimulator } from "../../src/measurement/backend.js";
import { hasNumpy } from "../helpers/python.js";
import { BIN, ROOT, requireBuild } from "./build.js";
import { runCli } from "./runCli.js";

describe("--simulator and --simulator-timeout", () => {
  it("without --simulator nothing is set: the built-in simulator runs", () => {
    expect(startSimulator({})).toBeUndefined();
    expect(externalSimulator()).toBeUndefined();
    expect(() => startSimulator({ simulatorTimeout: "5" })).toThrow(
      /--simulator-timeout.*needs --simulator/,
    );
  });

  it("sets the process's simulator until stopped (no child starts before a request)", () => {
    const simulator = startSimulator({ simulator: "sleep 60" });
    expect(externalSimulator()).toBe(simulator);
    stopSimulator(simulator);
    expect(externalSimulator()).toBeUndefined();
    expect(DEFAULT_SIMULATOR_TIMEOUT_SECONDS).toBe(120);
  });

  it("refuses a timeout outside (0, 86400] seconds, naming the flag", () => {
    for (const bad of ["0", "-1", "1e6", "abc"]) {
      expect(() => startSimulator({ simulator: "x", simulatorTimeout: bad })).toThrow(InputError);
      expect(() => startSimulator({ simulator: "x", simulatorTimeout: bad })).toThrow(
        /--simulator-timeout/,
      );
    }
    expect(externalSimulator()).toBeUndefined();
  });

  it("says which simulator ran and lists the skipped claims with their reasons", () => {
    const results = [
      { id: "T2", skipped: undefined },
      { id: "T11", skipped: "needs a ReLU network, which the simulator protocol does not carry" },
    ] as unknown as ClaimResult[];
    expect(simulatorText("python3 sim.py", results)).toBe(
      [
        "Simulator: python3 sim.py (external, docs/simulator-protocol.md)",
        "Skipped (1):",
        "  T11: needs a ReLU network, which the simulator protocol does not carry",
        "",
      ].join("\n"),
    );
  });
});

describe("ubias check --simulator (through the NumPy reference adapter)", () => {
  it.skipIf(!hasNumpy())(
    "runs T2 through it, skips T11 (a ReLU claim) with the reason, exit 0",
    async () => {
      const { code, stdout } = await runCli([
        "check",
        "--simulator",
        "python3 examples/simulators/numpy.py",
        "--claim",
        "T2",
        "T11",
        "--runs",
        "2",
        "--json",
      ]);
      expect(code).toBe(0);
      const results = JSON.parse(stdout) as (ClaimResult & { simulator: string })[];
      const t2 = results.find((r) => r.id === "T2")!;
      const t11 = results.find((r) => r.id === "T11")!;
      expect(t2.simulator).toBe("python3 examples/simulators/numpy.py");
      expect(t2.skipped).toBeUndefined();
      expect(t2.casesRun).toBe(2);
      expect(t11.skipped).toMatch(/needs a ReLU network/);
      expect(t11.casesRun).toBe(0);
    },
    120_000,
  );

  it.skipIf(!hasNumpy())(
    "a broken adapter's failure is saved with the simulator's command, and its replay fails again",
    async () => {
      const broken = "python3 test/fixtures/simulators/late_b.py";
      const file = join(mkdtempSync(join(tmpdir(), "ubias-sim-cx-")), "cx.json");
      const run = await runCli([
        "check",
        ...["--simulator", broken, "--simulator-timeout", "60"],
        ...["--claim", "T2.small-init", "--runs", "3", "--save-counterexample", file],
      ]);
      expect(run.code).toBe(1);
      const fixture = JSON.parse(readFileSync(file, "utf8")) as CounterexampleFixture;
      expect(fixture.simulator).toEqual({ command: broken, timeoutSeconds: 60 });
      expect(fixture.replay).toContain(`--simulator '${broken}' --simulator-timeout 60`);
      // The replay as printed (npx ubias dropped), through the same simulator: it fails again.
      const replay = await runCli([
        "check",
        ...["--claim", fixture.claim, "--seed", String(fixture.seed), "--path", fixture.path],
        ...["--simulator", broken, "--json"],
      ]);
      expect(replay.code).toBe(1);
      const [again] = JSON.parse(replay.stdout) as ClaimResult[];
      expect(again!.counterexample?.case).toEqual(fixture.case);
      // Without the simulator the same case holds: the failure is the adapter's.
      const builtIn = await runCli([
        "check",
        ...["--claim", fixture.claim, "--seed", String(fixture.seed), "--path", fixture.path],
      ]);
      expect(builtIn.code).toBe(0);
    },
    180_000,
  );

  it("refuses --shard with --simulator, one line naming the flag", async () => {
    const { code, stderr } = await runCli(["check", "--shard", "1/2", "--simulator", "x"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--shard.*--simulator/);
  });
});

describe("conjecture and validity --simulator (issue 15 item 2)", () => {
  it.skipIf(!hasNumpy())(
    "conjecture: a wrong prediction is refuted through the adapter; the result, its replay and the saved fixture name the simulator",
    async () => {
      const sim = "python3 examples/simulators/numpy.py";
      const file = join(mkdtempSync(join(tmpdir(), "ubias-sim-conj-")), "cx.json");
      const { code, stdout } = await runCli([
        "conjecture",
        // One case (--path 0: the first generated), so no shrinking through the adapter.
        ...["--predict", "2", "--measure", "ratio", "--domain", "toy", "--path", "0"],
        ...["--simulator", sim, "--json", "--save-counterexample", file],
      ]);
      expect(code).toBe(1);
      const result = JSON.parse(stdout) as ClaimResult & { simulator: string };
      expect(result.simulator).toBe(sim);
      expect(result.counterexample?.replay).toMatch(
        /--simulator 'python3 examples\/simulators\/numpy\.py'$/,
      );
      const fixture = JSON.parse(readFileSync(file, "utf8")) as CounterexampleFixture;
      expect(fixture.simulator).toEqual({ command: sim, timeoutSeconds: 120 });
    },
    180_000,
  );

  it("conjecture refuses --shard with --simulator", async () => {
    const { code, stderr } = await runCli([
      ...["conjecture", "--predict", "2", "--shard", "1/2", "--simulator", "x"],
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--shard.*--simulator/);
  });

  it.skipIf(!hasNumpy())(
    "validity: the map's cells come from the adapter and the output names it",
    async () => {
      const sim = "python3 examples/simulators/numpy.py";
      const grid = ["validity", "--claim", "T2", "--u0", "1e-3", "--rho", "0,0.5", "--json"];
      const external = await runCli([...grid, "--simulator", sim]);
      const builtIn = await runCli(grid);
      expect(external.code).toBe(0);
      const map = JSON.parse(external.stdout) as {
        simulator: string;
        cells: { measured: number; status: string }[];
      };
      const reference = JSON.parse(builtIn.stdout) as typeof map;
      expect(map.simulator).toBe(sim);
      expect(reference.simulator).toBeUndefined();
      // Same runs on both sides: t_B/t_A within the flow agreement of simulationExternal.test.
      for (const [i, cell] of map.cells.entries()) {
        expect(cell.status).toBe("completed");
        expect(Math.abs(cell.measured / reference.cells[i]!.measured - 1)).toBeLessThan(1e-8);
      }
    },
    120_000,
  );

  it("validity: a simulator that dies gives unmeasurable cells with the reason, and exit 1", async () => {
    const { code, stdout } = await runCli([
      ...["validity", "--claim", "T2", "--u0", "1e-3", "--rho", "0", "--json"],
      ...["--simulator", "python3 -c 'import sys; sys.exit(4)'"],
    ]);
    expect(code).toBe(1);
    const map = JSON.parse(stdout) as { cells: { status: string; unmeasurable?: string }[] };
    expect(map.cells[0]).toMatchObject({ status: "unmeasurable" });
    expect(map.cells[0]!.unmeasurable).toMatch(/exited with code 4/);
  });
});

describe("the compiled CLI with a user's TypeScript claim and --simulator", () => {
  it.skipIf(!hasNumpy())(
    "the claim's run reaches the external simulator (no private copy of the backend)",
    () => {
      requireBuild();
      const log = join(mkdtempSync(join(tmpdir(), "ubias-sim-")), "requests.jsonl");
      // A simulator that records what it is asked: tee before the reference adapter.
      const simulator = `tee -a ${log} | python3 examples/simulators/numpy.py`;
      const claims = join(ROOT, "test", "fixtures", "simulatorClaims");
      const out = execFileSync(
        process.execPath,
        [BIN, "check", "--claims", claims, "--claim", "U96", "--simulator", simulator, "--json"],
        { cwd: ROOT, encoding: "utf8" },
      );
      const [result] = JSON.parse(out) as (ClaimResult & { simulator: string })[];
      expect(result!.casesRun).toBe(1);
      expect(result!.skipped).toBeUndefined();
      const requests = readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(requests.filter((r: { kind: string }) => r.kind === "train").length).toBeGreaterThan(
        0,
      );
    },
    120_000,
  );
});
