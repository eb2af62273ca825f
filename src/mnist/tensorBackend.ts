import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";

/**
 * The tfjs backends ubias can train on: "wasm" (XNNPACK compiled to WebAssembly, the
 * binary ships inside @tensorflow/tfjs-backend-wasm) and "cpu" (plain JavaScript kernels).
 * The choice and its measurement are in README.md §"Noisy two-view MNIST".
 */
export type TensorBackend = "wasm" | "cpu";

export const TENSOR_BACKENDS: readonly TensorBackend[] = ["wasm", "cpu"];

/**
 * Makes `name` the active tfjs backend (once per process; switching is allowed). In Node
 * the WebAssembly backend runs its single-threaded build (tfjs detects no
 * SharedArrayBuffer workers there), so one thread is the only thread count: runs are
 * bit-for-bit repeatable for a seed (test/mnist/determinism.test.ts).
 */
export async function useTensorBackend(name: TensorBackend): Promise<void> {
  // PROD silences tfjs's console banner (which suggests tfjs-node) and its debug checks.
  tf.env().set("PROD", true);
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tfjs backend ${name} failed to initialise`);
  }
  await tf.ready();
}
