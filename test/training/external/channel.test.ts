import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ChannelError, LineChannel } from "../../../src/training/external/channel.js";

const ECHO = `sh -c 'while IFS= read -r l; do echo "got $l"; done'`;

function running(pattern: string): boolean {
  try {
    execFileSync("pgrep", ["-f", pattern]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Polls `running(pattern)` every 50 ms until it equals `wanted` or `seconds` pass; returns
 * the last answer. (Fixed sleeps of 1.5 s and 2.5 s held a test worker idle for 4 s.)
 */
async function becomes(pattern: string, wanted: boolean, seconds: number): Promise<boolean> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const now = running(pattern);
    if (now === wanted || Date.now() > until) return now;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("LineChannel (a synchronous line exchange with a long-lived child)", () => {
  it("answers each request with the child's next line, from one child", () => {
    const channel = new LineChannel(ECHO);
    expect(channel.request("a", 5000)).toBe("got a");
    expect(channel.request("b c", 5000)).toBe("got b c");
    channel.close();
  });

  it("a hung child: ChannelError after the timeout, the child killed, the next request a fresh child", () => {
    const marker = `ubias-hang-${process.pid}`;
    const channel = new LineChannel(`sh -c 'read l; sleep 30; echo ${marker}'`);
    const started = Date.now();
    expect(() => channel.request("x", 300)).toThrow(/no answer within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(5000);
    // SIGKILL to the process group: the sleep is gone too.
    expect(running(`sleep 30; echo ${marker}`)).toBe(false);
    expect(() => channel.request("x", 300)).toThrow(ChannelError);
    channel.close();
  });

  it("a child that exits or cannot run: ChannelError naming the exit", () => {
    const channel = new LineChannel("exit 3");
    expect(() => channel.request("x", 5000)).toThrow(/exited with code 3/);
    const missing = new LineChannel("/nonexistent/simulator");
    expect(() => missing.request("x", 5000)).toThrow(/exited with code 127/);
  });

  it("after kill(), the next request starts a fresh child", () => {
    const channel = new LineChannel(
      `sh -c 'echo first; while IFS= read -r l; do echo "got $l"; done'`,
    );
    expect(channel.request("a", 5000)).toBe("first");
    channel.kill();
    // Out of step is the protocol layer's to detect (ids); a fresh child starts in step.
    expect(channel.request("b", 5000)).toBe("first");
    channel.close();
  });
});

describe("the child never outlives ubias", () => {
  it("a process killed by SIGTERM while blocked in a request takes its simulator with it", async () => {
    const { spawn } = await import("node:child_process");
    const marker = `ubias-orphan-${process.pid}-${Date.now()}`;
    const script = `
      import { LineChannel } from ${JSON.stringify(new URL("../../../src/training/external/channel.ts", import.meta.url).href)};
      const c = new LineChannel("sh -c 'read l; sleep 60; echo ${marker}'");
      console.log("ready");
      c.request("x", 60000);
    `;
    // Node itself (with tsx's loader), so that the signal reaches the process that holds the channel.
    const parent = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await new Promise<void>((resolve) => parent.stdout.once("data", () => resolve()));
    expect(await becomes(`sleep 60; echo ${marker}`, true, 10)).toBe(true);
    parent.kill("SIGTERM");
    expect(await becomes(`sleep 60; echo ${marker}`, false, 10)).toBe(false);
  }, 30_000);
});
