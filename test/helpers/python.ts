import { execFileSync } from "node:child_process";

/**
 * Whether python3 with NumPy is here: the reference simulator adapter needs it (Debian:
 * python3-numpy; .ci/run installs it). Tests that need it skip with a message otherwise.
 */
export function hasNumpy(): boolean {
  try {
    execFileSync("python3", ["-c", "import numpy"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
