// Which mutants of the mutation catalogue (scripts/mutation/catalogue.ts) T13 alone kills:
// each mutant is applied to a scratch copy of src/ and properties/ and `ubias check --claim
// T13` runs there (exit 1 = killed). T13 reads no integrator, threshold or init, so it is
// expected to kill the gradient, loss and reference-solution mutants only.
// Run: npx tsx scripts/measure/t13Mutants.ts
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { MUTANTS } from "../mutation/catalogue.ts";

const root = resolve(import.meta.dirname, "../..");
const tsx = join(root, "node_modules", ".bin", "tsx");
let killed = 0;
for (const mutant of MUTANTS) {
  const dir = mkdtempSync(join(tmpdir(), "ubias-t13-mutant-"));
  for (const part of ["src", "properties", "package.json", "tsconfig.json"])
    cpSync(join(root, part), join(dir, part), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  for (const edit of mutant.edits) {
    const file = join(dir, edit.file);
    const text = readFileSync(file, "utf8");
    if (text.split(edit.search).length !== 2)
      throw new Error(`${mutant.id}: search not found once`);
    writeFileSync(file, text.replace(edit.search, edit.replace));
  }
  let verdict = "survives";
  try {
    execFileSync(tsx, ["src/cli/main.ts", "check", "--claim", "T13"], {
      cwd: dir,
      stdio: "ignore",
    });
  } catch {
    verdict = "KILLED";
    killed++;
  }
  console.log(`${mutant.id.padEnd(32)} ${verdict}`);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`T13 kills ${killed} of ${MUTANTS.length}`);
