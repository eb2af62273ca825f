/**
 * Every case's verdict of the given claims at the default seed and runs, as JSON lines
 * (claim, case index, kind, error, tolerance), for comparing two builds case by case: run it
 * before and after a change to the simulation's precision (issue 16: CLAIM_FLOW_RTOL,
 * src/claims/twoLayerCase.ts) and diff the errors with `--compare a.jsonl b.jsonl`.
 *   npx tsx scripts/measure/claimCaseErrors.ts out.jsonl T2 X5 …   (UBIAS_SEED=s: another seed)
 *   npx tsx scripts/measure/claimCaseErrors.ts --compare before.jsonl after.jsonl
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "../../src/claims/catalogue.js";
import { checkClaim, DEFAULT_SEED } from "../../src/claims/runner.js";

interface Row {
  claim: string;
  index: number;
  kind: string;
  error?: number;
  tolerance?: number;
}

const args = process.argv.slice(2);
if (args[0] === "--compare") {
  const read = (f: string) =>
    readFileSync(f, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Row);
  const before = read(args[1]!);
  const after = new Map(read(args[2]!).map((r) => [`${r.claim}#${r.index}`, r]));
  const perClaim = new Map<string, { cases: number; kindChanged: number; worst: number }>();
  for (const b of before) {
    const a = after.get(`${b.claim}#${b.index}`);
    const s = perClaim.get(b.claim) ?? { cases: 0, kindChanged: 0, worst: 0 };
    s.cases++;
    if (!a || a.kind !== b.kind) s.kindChanged++;
    else if (b.error !== undefined && a.error !== undefined && b.tolerance)
      s.worst = Math.max(s.worst, Math.abs(a.error - b.error) / b.tolerance);
    perClaim.set(b.claim, s);
  }
  console.log("claim  cases  verdict kind changed  max |Δerror|/tolerance");
  for (const [claim, s] of perClaim)
    console.log(`${claim}  ${s.cases}  ${s.kindChanged}  ${s.worst.toExponential(2)}`);
} else {
  const [out, ...ids] = args;
  const dir = fileURLToPath(new URL("../../properties/", import.meta.url));
  const claims = (await loadCatalogue(dir)).filter((c) =>
    ids.some((id) => c.id === id || c.id.startsWith(`${id}.`)),
  );
  const rows: string[] = [];
  for (const claim of claims) {
    checkClaim(claim, {
      seed: Number(process.env.UBIAS_SEED ?? DEFAULT_SEED),
      onCase: (index, v) => {
        const m = v as { kind: string; error?: number; tolerance?: number };
        rows.push(
          JSON.stringify({
            claim: claim.id,
            index,
            kind: m.kind,
            ...(m.error !== undefined ? { error: m.error, tolerance: m.tolerance } : {}),
          }),
        );
      },
    });
  }
  writeFileSync(out!, `${rows.join("\n")}\n`);
}
