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
import { withinTolerance } from "../../src/claims/claim.js";
import { checkClaim, DEFAULT_SEED } from "../../src/claims/runner.js";

interface Row {
  claim: string;
  index: number;
  kind: string;
  /** withinTolerance(verdict): the case's own pass/fail. */
  passes: boolean;
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
  interface Summary {
    cases: number;
    kindChanged: number;
    passChanged: number;
    exactChanged: number;
    worstError: number;
    worstTolerance: number;
    worstMargin: number;
  }
  const perClaim = new Map<string, Summary>();
  for (const b of before) {
    const a = after.get(`${b.claim}#${b.index}`);
    const s = perClaim.get(b.claim) ?? {
      cases: 0,
      kindChanged: 0,
      passChanged: 0,
      exactChanged: 0,
      worstError: 0,
      worstTolerance: 0,
      worstMargin: 0,
    };
    s.cases++;
    perClaim.set(b.claim, s);
    // Pass/fail first: a case that turns unmeasurable (a kind change) fails as surely.
    if (!a || a.passes !== b.passes) s.passChanged++;
    if (!a || a.kind !== b.kind) {
      s.kindChanged++;
      continue;
    }
    if (b.error === undefined || a.error === undefined) continue;
    const tb = b.tolerance ?? 0;
    const ta = a.tolerance ?? 0;
    if (tb === 0) {
      // An exact claim (tolerance 0: T8's order, T10.over-late, T10.unimodal-excess): any
      // change of the error counts.
      if (a.error !== b.error || ta !== tb) s.exactChanged++;
      continue;
    }
    s.worstError = Math.max(s.worstError, Math.abs(a.error - b.error) / tb);
    s.worstTolerance = Math.max(s.worstTolerance, Math.abs(ta - tb) / tb);
    // The margin |error| − tolerance, in units of the tolerance: what decides the verdict.
    const margin = (r: Row) => (Math.abs(r.error!) - (r.tolerance ?? 0)) / tb;
    s.worstMargin = Math.max(s.worstMargin, Math.abs(margin(a) - margin(b)));
  }
  const seen = new Set(before.map((r) => `${r.claim}#${r.index}`));
  const onlyAfter = [...after.keys()].filter((k) => !seen.has(k));
  if (onlyAfter.length > 0) console.log(`cases only in ${args[2]}: ${onlyAfter.join(", ")}`);
  console.log(
    "claim  cases  kind changed  pass/fail changed  exact (tolerance 0) changed  max |Δerror|/tol  max |Δtol|/tol  max |Δ(|error| − tol)|/tol",
  );
  for (const [claim, s] of perClaim)
    console.log(
      `${claim}  ${s.cases}  ${s.kindChanged}  ${s.passChanged}  ${s.exactChanged}  ${s.worstError.toExponential(2)}  ${s.worstTolerance.toExponential(2)}  ${s.worstMargin.toExponential(2)}`,
    );
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
            passes: withinTolerance(v),
            ...(m.error !== undefined ? { error: m.error, tolerance: m.tolerance } : {}),
          }),
        );
      },
    });
  }
  writeFileSync(out!, `${rows.join("\n")}\n`);
}
