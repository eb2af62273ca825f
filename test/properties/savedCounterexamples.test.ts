import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ExpressionConjectureSpec } from "../../properties/conjecture/expressionClaim.js";
import { expressionConjecture } from "../../properties/conjecture/expressionClaim.js";
import type { Claim } from "../../src/claims/claim.js";
import type { CounterexampleFixture } from "../../src/claims/counterexampleFixture.js";
import { isCounterexampleFixture } from "../../src/claims/counterexampleFixture.js";
import type { ClaimResult } from "../../src/claims/runner.js";
import { checkClaim } from "../../src/claims/runner.js";
import { loadClaimSet } from "../../src/claims/userClaims.js";
import { PROPERTIES_DIR } from "../../src/cli/propertiesDir.js";
import { toJson } from "../../src/format/json.js";
import { useExternalSimulator } from "../../src/measurement/backend.js";
import { ExternalSimulator } from "../../src/training/external/protocol.js";
import { hasNumpy } from "../helpers/python.js";

// Counterexamples saved with --save-counterexample (format "ubias-counterexample/1"): each is
// replayed from its seed and path and must still fail the same way — the same shrunk case,
// the same kind of verdict (and reason), still outside its tolerance. Hand-written fixtures
// (no "format") are tested in counterexamples.test.ts.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIR = join(ROOT, "fixtures", "counterexamples");

function savedCounterexamples(dir: string): [string, CounterexampleFixture][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), "utf8")) as unknown] as const)
    .filter((entry): entry is [string, CounterexampleFixture] => isCounterexampleFixture(entry[1]));
}

async function claimOf(fixture: CounterexampleFixture): Promise<Claim<unknown>> {
  const source = fixture.source;
  if (source.kind === "conjecture") {
    return expressionConjecture(
      source.conjecture as unknown as ExpressionConjectureSpec,
    ) as Claim<unknown>;
  }
  const dir = source.propertiesDir ? resolve(ROOT, source.propertiesDir) : PROPERTIES_DIR;
  // A user's claim (saved with --claims) loads with its directory beside the catalogue.
  const userDir = source.claimsDir ? resolve(ROOT, source.claimsDir) : undefined;
  const claims = await loadClaimSet({ dir, ...(userDir !== undefined ? { userDir } : {}) });
  const claim = claims.find((c) => c.id === fixture.claim);
  if (!claim) throw new Error(`claim ${fixture.claim} not found in ${dir}`);
  return claim;
}

/** The replay, through the fixture's external simulator when it names one (issue 15). */
function replay(claim: Claim<unknown>, fixture: CounterexampleFixture): ClaimResult {
  const options = { seed: fixture.seed, runs: fixture.runs, path: fixture.path };
  if (fixture.simulator === undefined) return checkClaim(claim, options);
  const { command, timeoutSeconds } = fixture.simulator;
  const simulator = new ExternalSimulator(command, timeoutSeconds * 1000);
  useExternalSimulator(simulator);
  try {
    return checkClaim(claim, options);
  } finally {
    useExternalSimulator(undefined);
    simulator.close();
  }
}

/** Replays a fixture and checks that it fails the way it was saved. */
async function expectStillFails(fixture: CounterexampleFixture): Promise<void> {
  const claim = await claimOf(fixture);
  const result = replay(claim, fixture);
  expect(result.holds, `${fixture.claim} no longer fails: ${fixture.replay}`).toBe(false);
  const replayed = result.counterexample;
  expect(replayed).toBeDefined();
  if (!replayed) return;
  expect(toJson(replayed.case)).toEqual(fixture.case);
  const saved = fixture.verdict as { kind: string; reason?: string };
  expect(replayed.verdict.kind).toBe(saved.kind);
  if (replayed.verdict.kind === "measured") {
    expect(Math.abs(replayed.verdict.error)).toBeGreaterThan(replayed.verdict.tolerance);
  } else if (replayed.verdict.kind !== "observed") {
    expect(replayed.verdict.reason).toBe(saved.reason);
  } else {
    // A statistical claim's trial is an observation, never a counterexample.
    expect.unreachable(`an observed trial was saved as a counterexample: ${saved.kind}`);
  }
}

const fixtures = savedCounterexamples(DIR);

describe("saved counterexamples (fixtures/counterexamples, format ubias-counterexample/1)", () => {
  it("there is at least one (the re-check below is not vacuous)", () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const [file, fixture] of fixtures) {
    // A fixture saved through an external simulator replays through it (the NumPy adapter or
    // a broken copy of it: Debian's python3-numpy, which .ci/run installs).
    const runnable = fixture.simulator === undefined || hasNumpy();
    it.skipIf(!runnable)(
      `${file}: ${fixture.claim} (${fixture.statement}) still fails — ${fixture.replay}`,
      async () => {
        await expectStillFails(fixture);
      },
      60_000,
    );
  }

  it("one of them went through an external simulator (the replay path above is exercised)", () => {
    expect(fixtures.some(([, f]) => f.simulator !== undefined)).toBe(true);
  });
});
