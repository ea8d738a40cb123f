// The release the issue-14 goals were filed against, built from git into
// .bench-out/baseline/ and measured in the same run as the current build: "no
// regression" is then read off two figures taken on the same machine at the same
// time, not off a number recorded on another day (a shared 2-core machine's speed
// drifts by more than the margins in question).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./sizes.mjs";

/**
 * The commit issue 14 was filed against; `CHIRP_BENCH_BASELINE=<rev>` measures against
 * another (issue 18's "no regression" is read against 7d6f3e7, the release it was filed on).
 */
export const BASELINE_REV = process.env.CHIRP_BENCH_BASELINE || "972ea20";

/** Where the baseline's dist/ is copied, beside the current build's snapshot. */
export const BASELINE_DIR = join(ROOT, ".bench-out", "baseline");

/**
 * Builds the baseline (`rev`, BASELINE_REV unless given) from git (a detached worktree
 * sharing node_modules) into BASELINE_DIR, and records which revision it is (REV). Returns
 * undefined, or why it could not (no git history here).
 */
export function buildBaseline(log, rev = BASELINE_REV) {
  const src = join(ROOT, ".bench-out", "baseline-src");
  rmSync(BASELINE_DIR, { recursive: true, force: true });
  try {
    execFileSync("git", ["worktree", "remove", "--force", src], { cwd: ROOT, stdio: "ignore" });
  } catch {
    // none left from an earlier run
  }
  rmSync(src, { recursive: true, force: true });
  try {
    execFileSync("git", ["worktree", "add", "--detach", src, rev], { cwd: ROOT, stdio: "pipe" });
    symlinkSync(join(ROOT, "node_modules"), join(src, "node_modules"), "dir");
    execFileSync(join(ROOT, "node_modules/.bin/tsup"), [], { cwd: src, stdio: "pipe" });
    mkdirSync(BASELINE_DIR, { recursive: true });
    cpSync(join(src, "dist"), join(BASELINE_DIR, "dist"), { recursive: true });
    cpSync(join(src, "package.json"), join(BASELINE_DIR, "package.json"));
    writeFileSync(join(BASELINE_DIR, "REV"), rev);
    return undefined;
  } catch (error) {
    const why = String(error.stderr ?? error.message).split("\n")[0];
    log(`baseline ${rev} not built: ${why}`);
    return why;
  } finally {
    try {
      execFileSync("git", ["worktree", "remove", "--force", src], { cwd: ROOT, stdio: "ignore" });
    } catch {
      rmSync(src, { recursive: true, force: true });
    }
  }
}

/** Whether a baseline build is there to measure. */
export const hasBaseline = () => existsSync(join(BASELINE_DIR, "dist", "index.js"));

/** The revision BASELINE_DIR was built from (undefined when none, or built before REV was recorded). */
export function builtBaselineRev() {
  try {
    return readFileSync(join(BASELINE_DIR, "REV"), "utf8");
  } catch {
    return undefined;
  }
}
