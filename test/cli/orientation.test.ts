import { describe, expect, it } from "vitest";
import { SWAP_NOTE } from "../../src/cli/orientation.js";

describe("SWAP_NOTE", () => {
  it("is one line that says which labels the times and statistics use", () => {
    expect(SWAP_NOTE).not.toContain("\n");
    expect(SWAP_NOTE.startsWith("note: ")).toBe(true);
    // The two facts a reader needs: B was faster, and t_A/t_B use the theory's labels.
    expect(SWAP_NOTE).toContain("your modality B has the larger ‖Σ_yx‖");
    expect(SWAP_NOTE).toContain("(t_A, t_B)");
    expect(SWAP_NOTE).toContain("A = your B");
    // It cites a document that exists in the project (docs/theory.md).
    expect(SWAP_NOTE).toContain("docs/theory.md");
  });
});
