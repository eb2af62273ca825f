import { describe, expect, it } from "vitest";
import { trajectoryCsv, trajectoryHeader } from "../../src/cli/trajectoryCsv.js";
import { InternalError } from "../../src/errors/internalError.js";

describe("trajectoryHeader", () => {
  it("is t, loss, then wA_1 … wA_dA and wB_1 … wB_dB (1-based)", () => {
    expect(trajectoryHeader(1, 1)).toEqual(["t", "loss", "wA_1", "wB_1"]);
    expect(trajectoryHeader(2, 3)).toEqual(["t", "loss", "wA_1", "wA_2", "wB_1", "wB_2", "wB_3"]);
  });
});

describe("trajectoryCsv", () => {
  it("one line per row plus the header, newline-terminated, no eg column without E_g", () => {
    const csv = trajectoryCsv(
      [
        { t: 0, loss: 1, wTot: [0, 0.5] },
        { t: 2.5, loss: 0.25, wTot: [1, -2] },
      ],
      1,
      1,
    );
    expect(csv).toBe("t,loss,wA_1,wB_1\n0,1,0,0.5\n2.5,0.25,1,-2\n");
  });

  it("adds an eg column when the rows carry E_g", () => {
    const csv = trajectoryCsv([{ t: 1, loss: 2, wTot: [3, 4, 5], eg: 0.125 }], 2, 1);
    expect(csv).toBe("t,loss,wA_1,wA_2,wB_1,eg\n1,2,3,4,5,0.125\n");
  });

  it("writes shortest round-trip numbers: parsing gives back the same doubles", () => {
    const values = [0.1 + 0.2, 1e-300, 5e-324, -1 / 3, 123456789.12345679, 1e21];
    const rows = values.map((v, i) => ({ t: i, loss: v, wTot: [v, -v] }));
    const lines = trajectoryCsv(rows, 1, 1).trimEnd().split("\n").slice(1);
    lines.forEach((line, i) => {
      const [, loss, a, b] = line.split(",").map(Number);
      expect(loss).toBe(values[i]);
      expect(a).toBe(values[i]);
      expect(b).toBe(-values[i]!);
    });
  });

  it("an empty run is the header alone", () => {
    expect(trajectoryCsv([], 1, 2)).toBe("t,loss,wA_1,wB_1,wB_2\n");
  });

  it("a later row without E_g when the first has one is an internal error, not a blank cell", () => {
    expect(() =>
      trajectoryCsv(
        [
          { t: 0, loss: 1, wTot: [0, 0], eg: 1 },
          { t: 1, loss: 1, wTot: [0, 0] },
        ],
        1,
        1,
      ),
    ).toThrow(InternalError);
  });
});
