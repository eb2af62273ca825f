import { execFileSync } from "node:child_process";

function imports(python: string, module: string): boolean {
  try {
    execFileSync(python, ["-c", `import ${module}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether python3 with NumPy is here: the reference simulator adapter needs it (Debian:
 * python3-numpy; .ci/run installs it). Tests that need it skip with a message otherwise.
 */
export function hasNumpy(): boolean {
  return imports("python3", "numpy");
}

/**
 * Whether python3 has SciPy too: the reference adapter's stiff gradient-flow path (Radau, on
 * the plateaus of deep networks) needs it (Debian: python3-scipy; .ci/run installs it).
 */
export function hasScipy(): boolean {
  return hasNumpy() && imports("python3", "scipy");
}

/**
 * A Python with PyTorch, or undefined: `python3` on the PATH, else Debian's /usr/bin/python3
 * (python3-torch installs there, and a PATH python3 may be another interpreter, e.g. pyenv's).
 * The PyTorch adapter's tests skip with a message without one.
 */
export function torchPython(): string | undefined {
  return ["python3", "/usr/bin/python3"].find((python) => imports(python, "torch"));
}
