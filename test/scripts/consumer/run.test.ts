import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// scripts/consumer/run.sh (issue 14 item 7) packs the package, installs it into a fresh
// project and uses it from TypeScript, JavaScript, the bin and vitest. It needs the build
// (dist/) and an npm install, so it runs only when asked: UBIAS_CONSUMER=1. The syntax check
// always runs.
const SCRIPT = fileURLToPath(new URL("../../../scripts/consumer/run.sh", import.meta.url));

describe("scripts/consumer/run.sh", () => {
  it("is valid bash", () => {
    expect(() => execFileSync("bash", ["-n", SCRIPT])).not.toThrow();
  });

  it.runIf(process.env.UBIAS_CONSUMER === "1")(
    "the packed package works in a fresh project (UBIAS_CONSUMER=1)",
    () => {
      execFileSync("bash", [SCRIPT], { stdio: "inherit", timeout: 900_000 });
    },
    900_000,
  );
});
