import * as tf from "@tensorflow/tfjs-core";
import { InputError, requireInteger } from "../errors/inputError.js";
import type { NormalSource } from "../random/gaussian.js";
import { PIXELS } from "./digits.js";

export const CLASSES = 10;

/** The authors' fully connected fusion network: depth L, fusion layer Lf, width. */
export interface FcnShape {
  readonly depth: number;
  readonly fusion: number;
  readonly width: number;
}

/** One dense layer's sizes. */
export interface LayerShape {
  readonly inputs: number;
  readonly outputs: number;
}

/** The layer sizes of each part: per-modality encoders (Lf − 1 each), fusion, decoders. */
export interface FcnLayout {
  readonly encoder: readonly LayerShape[];
  readonly fuse: LayerShape;
  readonly decoder: readonly LayerShape[];
}

/** Throws InputError unless 1 ≤ Lf ≤ L, L ≥ 1 and width ≥ 1. */
export function validateShape(shape: FcnShape): FcnShape {
  requireInteger("depth", shape.depth, 1, 12);
  requireInteger("fusion", shape.fusion, 1, shape.depth);
  requireInteger("width", shape.width, 1, 4096);
  return shape;
}

/**
 * The authors' `FCN(depth, fuse_depth, hid_dim)` layer sizes: each modality's chain
 * 784→w, w→w, … below the fusion layer; the fusion layer on the concatenation (1 568→w at
 * Lf = 1, 2w→10 at Lf = L, else 2w→w); then w→w … and a last →10.
 */
export function fcnLayout(shape: FcnShape): FcnLayout {
  const { depth, fusion, width } = validateShape(shape);
  const encoder = Array.from({ length: fusion - 1 }, (_, i) => ({
    inputs: i === 0 ? PIXELS : width,
    outputs: width,
  }));
  const fuse = {
    inputs: fusion === 1 ? 2 * PIXELS : 2 * width,
    outputs: fusion === depth ? CLASSES : width,
  };
  const decoder = Array.from({ length: depth - fusion }, (_, i) => ({
    inputs: width,
    outputs: i === depth - fusion - 1 ? CLASSES : width,
  }));
  return { encoder, fuse, decoder };
}

/** A dense layer's parameters: weight [inputs, outputs] (x·W convention) and bias. */
export interface Dense {
  readonly weight: tf.Tensor2D;
  readonly bias: tf.Tensor1D;
}

/** The network's parameters, in the order of {@link fcnLayout}. */
export interface FcnParams {
  readonly shape: FcnShape;
  readonly encoderA: readonly Dense[];
  readonly encoderB: readonly Dense[];
  readonly fuse: Dense;
  readonly decoder: readonly Dense[];
}

/**
 * PyTorch's default `nn.Linear` initialisation, which the authors use (their
 * `init_weights` is never called): weight and bias ~ U(−1/√fan_in, 1/√fan_in)
 * (kaiming_uniform with a = √5 has bound √(6/((1 + 5)·fan_in)) = 1/√fan_in). Drawn
 * from `rng` in a fixed order: encoder A, encoder B, fusion, decoder; weight then bias.
 */
export function initFcn(shape: FcnShape, rng: NormalSource): FcnParams {
  const layout = fcnLayout(shape);
  const dense = ({ inputs, outputs }: LayerShape): Dense => {
    const bound = 1 / Math.sqrt(inputs);
    const draw = (n: number) =>
      Float32Array.from({ length: n }, () => (2 * rng.uniform() - 1) * bound);
    return {
      weight: tf.tensor2d(draw(inputs * outputs), [inputs, outputs]),
      bias: tf.tensor1d(draw(outputs)),
    };
  };
  return {
    shape,
    encoderA: layout.encoder.map(dense),
    encoderB: layout.encoder.map(dense),
    fuse: dense(layout.fuse),
    decoder: layout.decoder.map(dense),
  };
}

/** Every parameter tensor, in init order (for disposal and checksums). */
export function paramTensors(params: FcnParams): tf.Tensor[] {
  return [...params.encoderA, ...params.encoderB, params.fuse, ...params.decoder].flatMap((d) => [
    d.weight,
    d.bias,
  ]);
}

/** Frees the parameters' memory. */
export function disposeFcn(params: FcnParams): void {
  for (const t of paramTensors(params)) t.dispose();
}

const affine = (x: tf.Tensor2D, d: Dense): tf.Tensor2D => tf.add(tf.matMul(x, d.weight), d.bias);

/** The activations of one forward pass that the backward pass needs. */
interface Trace {
  /** Inputs of each encoder layer, then its ReLU output (length Lf: x, h1, …). */
  readonly a: tf.Tensor2D[];
  readonly b: tf.Tensor2D[];
  /** Input of the fusion layer (the concatenation), then each decoder layer's input. */
  readonly fused: tf.Tensor2D[];
  readonly logits: tf.Tensor2D;
}

function forwardTrace(params: FcnParams, xA: tf.Tensor2D, xB: tf.Tensor2D): Trace {
  const a = [xA];
  const b = [xB];
  for (const d of params.encoderA) a.push(tf.relu(affine(a[a.length - 1] as tf.Tensor2D, d)));
  for (const d of params.encoderB) b.push(tf.relu(affine(b[b.length - 1] as tf.Tensor2D, d)));
  const fused = [tf.concat2d([a[a.length - 1] as tf.Tensor2D, b[b.length - 1] as tf.Tensor2D], 1)];
  let z = affine(fused[0] as tf.Tensor2D, params.fuse);
  for (const d of params.decoder) {
    const h = tf.relu(z);
    fused.push(h);
    z = affine(h, d);
  }
  return { a, b, fused, logits: z };
}

/**
 * The logits of a batch (rows of xA and xB), ReLU between layers, none after the last.
 * The authors return log_softmax and apply cross-entropy to it, which equals the plain
 * cross-entropy of these logits (log_softmax is idempotent).
 */
export function fcnLogits(params: FcnParams, xA: tf.Tensor2D, xB: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => forwardTrace(params, xA, xB).logits);
}

/** Mean cross-entropy of logits against integer labels. */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits);
    const onehot = tf.oneHot(tf.cast(labels, "int32"), CLASSES);
    return tf.neg(tf.mean(tf.sum(tf.mul(onehot, logp), 1))) as tf.Scalar;
  });
}

/**
 * Gradient of a dense layer + its input's ReLU: given dL/dz of `d`'s output and `input`
 * (a ReLU output, or the data), returns the parameter gradients and dL/dz of the layer
 * below (the ReLU's derivative is 1 where input > 0, else 0, as in PyTorch, including 0
 * at 0), or dL/d(input) when `input` is not a ReLU output.
 */
function denseBackward(
  dz: tf.Tensor2D,
  input: tf.Tensor2D,
  d: Dense,
  inputIsRelu: boolean,
): { grad: Dense; below: tf.Tensor2D } {
  const grad = {
    weight: tf.matMul(input, dz, true, false) as tf.Tensor2D,
    bias: tf.sum(dz, 0) as tf.Tensor1D,
  };
  const dInput = tf.matMul(dz, d.weight, false, true) as tf.Tensor2D;
  return { grad, below: inputIsRelu ? (tf.mul(dInput, tf.step(input)) as tf.Tensor2D) : dInput };
}

/** Gradients of the mean cross-entropy, shaped like the parameters. */
export interface FcnGrads {
  readonly encoderA: Dense[];
  readonly encoderB: Dense[];
  readonly fuse: Dense;
  readonly decoder: Dense[];
}

/**
 * The loss and its gradient on one batch: the chain rule written out for this network
 * (dense layers, ReLU, concatenation, softmax cross-entropy) over tfjs kernels, because
 * tfjs-core's Node build ships no gradient registrations (only the @tensorflow/tfjs bundle,
 * with layers, converter and WebGL, does). test/mnist/fcn.test.ts checks it against
 * finite differences of a float64 forward pass.
 */
export function lossAndGrads(
  params: FcnParams,
  xA: tf.Tensor2D,
  xB: tf.Tensor2D,
  labels: tf.Tensor1D,
): { loss: tf.Scalar; grads: FcnGrads } {
  // tidy keeps every tensor of the returned object and frees the trace.
  const kept = tf.tidy(() => {
    const trace = forwardTrace(params, xA, xB);
    const batch = trace.logits.shape[0];
    const onehot = tf.oneHot(tf.cast(labels, "int32"), CLASSES);
    const logp = tf.logSoftmax(trace.logits);
    const loss = tf.neg(tf.div(tf.sum(tf.mul(onehot, logp)), batch)) as tf.Scalar;
    // d(mean CE)/d logits = (softmax − onehot) / batch.
    let dz = tf.div(tf.sub(tf.exp(logp), onehot), batch) as tf.Tensor2D;
    const decoder: Dense[] = [];
    for (let i = params.decoder.length - 1; i >= 0; i--) {
      const step = denseBackward(
        dz,
        trace.fused[i + 1] as tf.Tensor2D,
        params.decoder[i] as Dense,
        true,
      );
      decoder.unshift(step.grad);
      dz = step.below;
    }
    const lf = params.encoderA.length;
    const fuseStep = denseBackward(dz, trace.fused[0] as tf.Tensor2D, params.fuse, lf > 0);
    const [dzA, dzB] = tf.split(fuseStep.below, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    const encoder = (chain: readonly Dense[], acts: tf.Tensor2D[], top: tf.Tensor2D): Dense[] => {
      const grads: Dense[] = [];
      let g = top;
      for (let i = chain.length - 1; i >= 0; i--) {
        const step = denseBackward(g, acts[i] as tf.Tensor2D, chain[i] as Dense, i > 0);
        grads.unshift(step.grad);
        g = step.below;
      }
      return grads;
    };
    const grads = {
      encoderA: encoder(params.encoderA, trace.a, dzA),
      encoderB: encoder(params.encoderB, trace.b, dzB),
      fuse: fuseStep.grad,
      decoder,
    };
    return { loss, grads } as unknown as tf.TensorContainer;
  });
  return kept as unknown as { loss: tf.Scalar; grads: FcnGrads };
}

/** Plain SGD: θ ← θ − lr·∇θ; returns new parameters and frees the old ones and `grads`. */
export function sgdStep(params: FcnParams, grads: FcnGrads, lr: number): FcnParams {
  if (!(lr > 0)) throw new InputError("lr", `must be > 0, got ${lr}`);
  const update = (d: Dense, g: Dense): Dense => ({
    weight: tf.tidy(() => tf.sub(d.weight, tf.mul(g.weight, lr))),
    bias: tf.tidy(() => tf.sub(d.bias, tf.mul(g.bias, lr))),
  });
  const next: FcnParams = {
    shape: params.shape,
    encoderA: params.encoderA.map((d, i) => update(d, grads.encoderA[i] as Dense)),
    encoderB: params.encoderB.map((d, i) => update(d, grads.encoderB[i] as Dense)),
    fuse: update(params.fuse, grads.fuse),
    decoder: params.decoder.map((d, i) => update(d, grads.decoder[i] as Dense)),
  };
  disposeFcn(params);
  for (const d of [...grads.encoderA, ...grads.encoderB, grads.fuse, ...grads.decoder]) {
    d.weight.dispose();
    d.bias.dispose();
  }
  return next;
}
