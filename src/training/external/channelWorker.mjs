// The thread that owns an external simulator's child process (src/training/external/
// channel.ts). The main thread blocks in Atomics.wait while a request is out, so the child's
// pipes are read here; each answer (or the child's exit) is posted back and the main thread
// woken through the shared flag. Plain JavaScript: no loader is needed in this thread.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { workerData } from "node:worker_threads";

const { command, port, shared } = workerData;
const flag = new Int32Array(shared);

function wake(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

// Its own process group (detached), so that a kill reaches the command's children too.
const child = spawn("sh", ["-c", command], { stdio: ["pipe", "pipe", "inherit"], detached: true });
Atomics.store(flag, 1, child.pid ?? 0);
// The watchdog: a process of its own that outlives this one if it is killed (a signal kills
// the whole Node process, this thread included) and then kills the child's process group.
if (child.pid !== undefined) {
  const watch = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${child.pid} 2>/dev/null; do sleep 0.5; done; kill -KILL -${child.pid} 2>/dev/null`;
  spawn("sh", ["-c", watch], { stdio: "ignore", detached: true }).unref();
}
child.on("error", (error) => wake({ kind: "exit", reason: `could not start: ${error.message}` }));
child.on("exit", (code, signal) =>
  wake({ kind: "exit", reason: signal ? `killed by ${signal}` : `exited with code ${code}` }),
);
child.stdin.on("error", () => {}); // a dead child's stdin: reported by "exit"
createInterface({ input: child.stdout }).on("line", (line) => wake({ kind: "line", line }));
port.on("message", (message) => {
  if (message.kind === "line") child.stdin.write(`${message.line}\n`);
  else if (message.kind === "close") {
    child.stdin.end();
    port.close();
  }
});
