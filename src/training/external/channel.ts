import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import { UnmeasurableRun } from "../../errors/unmeasurableRun.js";

/**
 * A synchronous line channel to a long-lived child process (the external simulator of
 * docs/simulator-protocol.md). Claims are synchronous fast-check properties, so a request
 * must block until its answer: a worker thread owns the child's pipes and wakes this thread
 * through a shared flag (Atomics.wait), and the answer is taken with receiveMessageOnPort —
 * the technique of synckit, written out here in 100 lines because the channel also needs
 * per-request timeouts and the child's pid to kill it.
 *
 * A timeout, an early exit or a crash leaves the channel dead: the child (its whole process
 * group) is killed and the next request starts a fresh one. The child never outlives this
 * process: it is killed on exit, and a watchdog (channelWorker.mjs) kills its process group
 * within half a second of this process dying by a signal (Ctrl-C included); it also sees end
 * of file on its stdin then (the protocol requires it to exit).
 */

type WorkerMessage =
  | { readonly kind: "line"; readonly line: string }
  | { readonly kind: "exit"; readonly reason: string };

/** Why a request got no answer: the case is unmeasurable for this reason. */
export class ChannelError extends UnmeasurableRun {
  override readonly name = "ChannelError";
}

const live = new Set<LineChannel>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // A normal exit kills the children at once. No SIGINT/SIGTERM handler: this thread may be
  // blocked in Atomics.wait, where a handler would never run and would only stop the default
  // termination; the watchdog of channelWorker.mjs kills the child once this process is gone.
  process.on("exit", () => {
    for (const channel of live) channel.kill();
  });
}

export class LineChannel {
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private flag: Int32Array | undefined;

  constructor(private readonly command: string) {}

  /** Sends one line and returns the child's next line, or throws ChannelError. */
  request(line: string, timeoutMs: number): string {
    const port = this.start();
    const flag = this.flag!;
    // A child that died (or printed) between requests: reported now, not taken as the answer.
    // Best effort for lines (one may still be in flight); the protocol's ids catch the rest.
    const early = receiveMessageOnPort(port)?.message as WorkerMessage | undefined;
    if (early !== undefined) this.fail(early, "before the request");
    port.postMessage({ kind: "line", line });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let got = receiveMessageOnPort(port)?.message as WorkerMessage | undefined;
      if (got === undefined) {
        Atomics.store(flag, 0, 0);
        // A message that arrived between the read and the reset must not be waited for.
        got = receiveMessageOnPort(port)?.message as WorkerMessage | undefined;
      }
      if (got !== undefined) {
        if (got.kind === "line") return got.line;
        this.fail(got, "instead of answering");
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        this.kill();
        throw new ChannelError(`no answer within ${timeoutMs / 1000} s (simulator killed)`);
      }
      Atomics.wait(flag, 0, 0, left);
    }
  }

  /** Ends the child's input (it exits) and forgets it. */
  close(): void {
    this.port?.postMessage({ kind: "close" });
    this.forget();
  }

  /** Kills the child's process group now (timeouts, exit, signals). */
  kill(): void {
    const pid = this.flag?.[1] ?? 0;
    if (pid > 0) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    void this.worker?.terminate();
    this.forget();
  }

  private start(): MessagePort {
    if (this.port !== undefined) return this.port;
    installExitHooks();
    const shared = new SharedArrayBuffer(8);
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(new URL("./channelWorker.mjs", import.meta.url), {
      workerData: { command: this.command, port: port2, shared },
      transferList: [port2],
    });
    this.worker.unref();
    port1.unref();
    this.port = port1;
    this.flag = new Int32Array(shared);
    live.add(this);
    return port1;
  }

  private fail(message: WorkerMessage, when: string): never {
    this.kill();
    if (message.kind === "exit") throw new ChannelError(`simulator ${message.reason} ${when}`);
    throw new ChannelError(`simulator printed a line ${when}: ${message.line.slice(0, 80)}`);
  }

  private forget(): void {
    live.delete(this);
    this.worker = undefined;
    this.port = undefined;
    this.flag = undefined;
  }
}
