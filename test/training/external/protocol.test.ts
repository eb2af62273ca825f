import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fusionArchitecture } from "../../../src/network/architecture.js";
import { parameterLayout } from "../../../src/network/layout.js";
import { ChannelError } from "../../../src/training/external/channel.js";
import type { TrainRequest } from "../../../src/training/external/protocol.js";
import { ExternalSimulator, initLayers } from "../../../src/training/external/protocol.js";

const layout = parameterLayout(
  fusionArchitecture({ depth: 2, fusionLayer: 2, width: 2, dA: 1, dB: 1 }),
);
const REQUEST: TrainRequest = {
  data: {
    kind: "population",
    dA: 1,
    dB: 1,
    sigma: [
      [1, 0],
      [0, 1],
    ],
    sigmaYX: [1, 1],
    sigmaYY: 2,
  },
  layout,
  theta0: Float64Array.from({ length: layout.size }, (_, i) => 1e-3 * (i + 1)),
  method: { kind: "flow", rtol: 1e-8 },
  thresholds: [
    { name: "A", start: 0, end: 1, level: 0.5 },
    { name: "B", start: 1, end: 2, level: 0.5 },
  ],
  stop: {},
};

/** An adapter in Python that answers every train request with `answer` (a Python expression of r). */
function adapter(answer: string): string {
  const program = [
    "import json,sys",
    "for line in sys.stdin:",
    "  r=json.loads(line)",
    "  if r['kind']=='hello': print(json.dumps({'id':r['id'],'capabilities':{}}),flush=True); continue",
    `  print(${answer},flush=True)`,
  ].join("\n");
  const file = join(mkdtempSync(join(tmpdir(), "ubias-adapter-")), "adapter.py");
  writeFileSync(file, `${program}\n`);
  return `python3 ${file}`;
}

const GOOD =
  "json.dumps({'id':r['id'],'status':'completed','crossings':{'A':{'t':1.5,'totalMap':[0.6,0]}},'final':{'t':2,'loss':0.5,'totalMap':[1,0.1]}})";

function trainWith(answer: string, timeoutMs = 10_000, request: TrainRequest = REQUEST) {
  const simulator = new ExternalSimulator(adapter(answer), timeoutMs);
  try {
    return simulator.train(request);
  } finally {
    simulator.close();
  }
}

describe("the train request", () => {
  it("lists every weight matrix of θ0 with its name, owner, shape and row-major values", () => {
    const layers = initLayers(layout, REQUEST.theta0);
    // Branch A's blocks, then B's (network/layout.ts), each named owner.layer.
    expect(layers.map((l) => [l.name, l.shape])).toEqual([
      ["A.1", [2, 1]],
      ["A.2", [1, 2]],
      ["B.1", [2, 1]],
      ["B.2", [1, 2]],
    ]);
    // Row-major, in θ's own order: concatenated they are θ0 itself.
    expect(layers.flatMap((l) => l.values)).toEqual(Array.from(REQUEST.theta0));
  });
});

describe("answers of an adapter", () => {
  it("a good answer becomes a TrainingRun with the crossing and final state", () => {
    const run = trainWith(GOOD);
    expect(run.status).toBe("completed");
    expect(run.crossings.A!.t).toBe(1.5);
    expect(run.crossings.A!.totalMap).toEqual([0.6, 0]);
    // No step index in the answer: reading it refuses (the claim is skipped), never -1.
    expect(() => run.crossings.A!.step).toThrow(/step index of a crossing/);
    const withStep = trainWith(GOOD.replace("'t':1.5,", "'t':1.5,'step':12,"));
    expect(withStep.crossings.A!.step).toBe(12);
    expect(run.crossings.B).toBeUndefined();
    expect(run.final.totalMap).toEqual([1, 0.1]);
  });

  const broken: [string, string, RegExp][] = [
    ["not JSON", "'{oops'", /not JSON/],
    ["another id", GOOD.replace("r['id']", "r['id']+1"), /carries id/],
    [
      "a null (non-finite) time",
      GOOD.replace("'t':1.5", "'t':None"),
      /crossings\.A\.t is not a finite number/,
    ],
    [
      "W^tot of the wrong length",
      GOOD.replace("[1,0.1]", "[1]"),
      /final\.totalMap must be an array of 2/,
    ],
    ["an unknown status", GOOD.replace("'completed'", "'fine'"), /unknown status/],
    [
      "the error status",
      "json.dumps({'id':r['id'],'status':'error','message':'out of memory\\nat line 3'})",
      /simulator error: out of memory$/,
    ],
    ["no final state", "json.dumps({'id':r['id'],'status':'completed'})", /final is missing/],
    ["a crash", "sys.exit(4)", /exited with code 4/],
  ];
  for (const [what, answer, reason] of broken) {
    it(`${what}: a ChannelError with a one-line reason`, () => {
      let error: unknown;
      try {
        trainWith(answer);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ChannelError);
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message).not.toContain("\n");
    });
  }

  it("what the adapter does not offer (its hello) is not asked: the claim is skipped", () => {
    // This adapter's hello has no capabilities: the protocol's defaults, flow only, no plateau.
    expect(() =>
      trainWith(GOOD, 10_000, {
        ...REQUEST,
        method: { kind: "gd", learningRate: 0.05 },
      }),
    ).toThrow(/needs gradient descent, which this simulator does not offer/);
    const both = GOOD.replace(
      "'crossings':{'A':{'t':1.5,'totalMap':[0.6,0]}}",
      "'crossings':{'A':{'t':1.5,'totalMap':[0.6,0]},'B':{'t':3,'totalMap':[1,0.5]}}",
    );
    expect(() => trainWith(both).plateau).toThrow(/plateau state of a run/);
  });

  it("a hang: a ChannelError after the timeout", () => {
    expect(() => trainWith("__import__('time').sleep(30)", 500)).toThrow(/no answer within 0.5 s/);
  });

  it("after a wrong answer the next request goes to a fresh child and succeeds", () => {
    // The first train answer carries a wrong id, later ones are right (a counter in a file).
    const simulator = new ExternalSimulator(
      adapter(`${GOOD.replace("r['id']", "r['id'] + (1 if r['id']==2 else 0)")}`),
      10_000,
    );
    simulator.capabilities();
    expect(() => simulator.train(REQUEST)).toThrow(/carries id/);
    // The restarted child is asked hello again (id 3), then answers train id 4 correctly.
    expect(simulator.train(REQUEST).status).toBe("completed");
    simulator.close();
  });
});
