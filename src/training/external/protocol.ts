import { NotRunnableHere } from "../../errors/notRunnableHere.js";
import type { ParameterLayout } from "../../network/layout.js";
import type { NormThreshold, RunStatus, StopRule, TrainingRun } from "../run.js";
import { ChannelError, LineChannel } from "./channel.js";

/**
 * The client side of the external simulator protocol `ubias-simulator/1`
 * (docs/simulator-protocol.md): it turns a run into a `train` request, sends it over a
 * LineChannel, and checks the answer before it becomes a TrainingRun. Every way an answer can
 * be wrong (not JSON, another id, a missing field, a non-finite time, a W^tot of the wrong
 * length, an unknown status) is a ChannelError with a one-line reason: the case is then
 * unmeasurable, never a pass.
 */
export const PROTOCOL = "ubias-simulator/1";

/** What an adapter says it can do (hello); the defaults of the protocol for missing keys. */
export interface SimulatorCapabilities {
  readonly methods: readonly ("flow" | "gd")[];
  readonly activations: readonly string[];
  readonly data: readonly string[];
  readonly plateau: boolean;
  readonly trajectory: boolean;
}

/** The statistics of a population run, as the protocol carries them. */
export interface PopulationData {
  readonly kind: "population";
  readonly dA: number;
  readonly dB: number;
  readonly sigma: readonly (readonly number[])[];
  readonly sigmaYX: readonly number[];
  readonly sigmaYY: number;
}

/** One train request, before its id. */
export interface TrainRequest {
  readonly data: PopulationData;
  readonly layout: ParameterLayout;
  readonly theta0: Float64Array;
  readonly method:
    | { readonly kind: "flow"; readonly rtol: number }
    | { readonly kind: "gd"; readonly learningRate: number };
  readonly thresholds: readonly NormThreshold[];
  readonly stop: StopRule;
  readonly maxTime?: number;
  readonly maxSteps?: number;
}

const STATUSES: readonly RunStatus[] = ["completed", "diverged", "time-budget", "step-budget"];

/** The weight matrices of θ0 with names and shapes (row-major values), as the request lists them. */
export function initLayers(layout: ParameterLayout, theta0: Float64Array) {
  return layout.blocks.map((b) => ({
    name: `${b.owner}.${b.layer}`,
    layer: b.layer,
    owner: b.owner,
    shape: [b.rows, b.cols],
    values: Array.from(theta0.subarray(b.offset, b.offset + b.rows * b.cols)),
  }));
}

/**
 * A crossing whose adapter gave no step index (it is optional): reading `step` refuses, so a
 * claim that counts steps (T9.gd-clock) is skipped instead of reading a made-up number.
 */
function withoutStep(crossing: { t: number; totalMap: number[] }) {
  return Object.defineProperty(crossing, "step", {
    enumerable: true,
    get: () => {
      throw new NotRunnableHere(
        "needs the step index of a crossing, which this simulator does not report (crossings.<name>.step)",
      );
    },
  });
}

/** A run whose plateau state (T3) the adapter does not report: reading it refuses. */
function plateauNotCarried(run: TrainingRun): TrainingRun {
  return Object.defineProperty(run, "plateau", {
    enumerable: true,
    get: () => {
      throw new NotRunnableHere(
        "needs the plateau state of a run, which this simulator does not report (capabilities.plateau)",
      );
    },
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function finiteNumber(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new ChannelError(`${what} is not a finite number`);
  return v;
}

function totalMap(v: unknown, d: number, what: string): number[] {
  if (!Array.isArray(v) || v.length !== d) {
    throw new ChannelError(`${what} must be an array of ${d} numbers (dA + dB)`);
  }
  return v.map((x, i) => finiteNumber(x, `${what}[${i}]`));
}

function state(v: unknown, d: number, what: string) {
  if (!isRecord(v)) throw new ChannelError(`${what} is missing`);
  return {
    t: finiteNumber(v.t, `${what}.t`),
    loss: finiteNumber(v.loss, `${what}.loss`),
    totalMap: totalMap(v.totalMap, d, `${what}.totalMap`),
  };
}

/** An adapter process and its capabilities; one request at a time. */
export class ExternalSimulator {
  private readonly channel: LineChannel;
  private nextId = 1;
  private capabilitiesSeen: SimulatorCapabilities | undefined;

  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    this.channel = new LineChannel(command);
  }

  /** The adapter's hello answer (asked once per child; a restarted child is asked again). */
  capabilities(): SimulatorCapabilities {
    if (this.capabilitiesSeen !== undefined) return this.capabilitiesSeen;
    const answer = this.exchange({ kind: "hello" });
    const c = isRecord(answer.capabilities) ? answer.capabilities : {};
    const list = (v: unknown, fallback: string[]) =>
      Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : fallback;
    this.capabilitiesSeen = {
      methods: list(c.methods, ["flow"]).filter(
        (m): m is "flow" | "gd" => m === "flow" || m === "gd",
      ),
      activations: list(c.activations, ["linear"]),
      data: list(c.data, ["population"]),
      plateau: c.plateau === true,
      trajectory: c.trajectory === true,
    };
    return this.capabilitiesSeen;
  }

  /** One run: the request's answer as a TrainingRun (theta and samples are not carried). */
  train(request: TrainRequest): TrainingRun {
    const { layout } = request;
    const d = request.data.dA + request.data.dB;
    // What the adapter said it cannot do is not asked of it: the claim is skipped, not failed.
    const can = this.capabilities();
    const refuse = (what: string) => {
      throw new NotRunnableHere(`needs ${what}, which this simulator does not offer (hello)`);
    };
    if (!can.methods.includes(request.method.kind))
      refuse(request.method.kind === "gd" ? "gradient descent" : "gradient flow");
    if (!can.activations.includes(layout.architecture.activation))
      refuse(`${layout.architecture.activation} units`);
    if (!can.data.includes(request.data.kind)) refuse(`${request.data.kind} data`);
    const answer = this.exchange({
      kind: "train",
      data: request.data,
      network: {
        depth: layout.architecture.depth,
        fusionLayer: layout.architecture.fusionLayer,
        width: layout.architecture.width,
        activation: layout.architecture.activation,
      },
      init: { layers: initLayers(layout, request.theta0) },
      method: request.method,
      thresholds: request.thresholds,
      stop: request.stop,
      budget: {
        ...(request.maxTime !== undefined ? { maxTime: request.maxTime } : {}),
        ...(request.maxSteps !== undefined ? { maxSteps: request.maxSteps } : {}),
      },
    });
    if (answer.status === "error") {
      const message = typeof answer.message === "string" ? answer.message.split("\n")[0] : "";
      throw new ChannelError(`simulator error: ${message || "(no message)"}`);
    }
    if (!STATUSES.includes(answer.status as RunStatus)) {
      throw new ChannelError(`unknown status ${JSON.stringify(answer.status)}`);
    }
    const crossings: TrainingRun["crossings"] = {};
    const given = isRecord(answer.crossings) ? answer.crossings : {};
    for (const threshold of request.thresholds) {
      const c = given[threshold.name];
      if (c === undefined) continue;
      if (!isRecord(c)) throw new ChannelError(`crossings.${threshold.name} is not an object`);
      const crossing = {
        t: finiteNumber(c.t, `crossings.${threshold.name}.t`),
        totalMap: totalMap(c.totalMap, d, `crossings.${threshold.name}.totalMap`),
      };
      (crossings as Record<string, unknown>)[threshold.name] =
        typeof c.step === "number" && Number.isInteger(c.step) && c.step >= 0
          ? { ...crossing, step: c.step }
          : withoutStep(crossing);
    }
    const final = state(answer.final, d, "final");
    const plateau = answer.plateau === undefined ? undefined : state(answer.plateau, d, "plateau");
    const steps =
      typeof answer.steps === "number" && Number.isInteger(answer.steps) ? answer.steps : 0;
    const run: TrainingRun = {
      method: request.method.kind,
      status: answer.status as RunStatus,
      crossings,
      ...(plateau !== undefined ? { plateau: { ...plateau, speed: Number.NaN } } : {}),
      final: { ...final, theta: new Float64Array(0) },
      samples: [],
      steps,
      rejectedSteps: 0,
      gradientEvaluations: 0,
    };
    // Both thresholds crossed, so a plateau exists, but the adapter does not report it.
    const unreported = plateau === undefined && !can.plateau && Object.keys(crossings).length > 1;
    return unreported ? plateauNotCarried(run) : run;
  }

  close(): void {
    this.channel.close();
  }

  private exchange(body: Record<string, unknown>): Record<string, unknown> {
    const id = this.nextId++;
    const line = this.channel.request(
      JSON.stringify({ protocol: PROTOCOL, id, ...body }),
      this.timeoutMs,
    );
    let answer: unknown;
    try {
      answer = JSON.parse(line);
    } catch {
      this.restart();
      throw new ChannelError(`answer is not JSON: ${line.slice(0, 80)}`);
    }
    if (!isRecord(answer)) {
      this.restart();
      throw new ChannelError("answer is not a JSON object");
    }
    if (answer.id !== id) {
      // Out of step: a fresh child starts in step again.
      this.restart();
      throw new ChannelError(`answer carries id ${JSON.stringify(answer.id)}, the request ${id}`);
    }
    return answer;
  }

  private restart(): void {
    this.channel.kill();
    this.capabilitiesSeen = undefined;
  }
}
