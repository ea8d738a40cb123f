#!/usr/bin/env node
// npm run spec:sync -- --from <url-or-file> [--branch spec-sync/update] [--remote origin]
//   [--report-file <path>] [--verify "<command>"] [--no-push] [--date YYYY-MM-DD]
//
// What the scheduled spec-sync workflow runs, so that all of it is tested here:
// 1. fetch the vendor's document; when it is byte-identical to the vendored spec, or to
//    the spec already proposed on the sync branch, stop: nothing is run or committed;
// 2. `spec:update` it: lint, then generate in memory; a document that fails lint or a
//    construct the generator refuses (scripts/lib/naming.mjs) writes nothing, and the
//    refusal (construct, operation, what to do) is the job's error. The type-check of
//    the regenerated code is left to --verify on the sync branch (`npm run check`
//    type-checks, and more), so spec:update runs with --no-typecheck here;
// 3. write the CHANGELOG entry and bump the version (scripts/lib/changelog-file.mjs);
// 4. commit spec + src/generated + CHANGELOG + version as ONE commit on a branch made
//    fresh from the current branch, run --verify (e.g. "npm run check"), and force-push
//    it — one branch, one pull request, updated in place;
// 5. write the PR body to --report-file, and `changed`, `breaking`, `version`, `branch`,
//    `report` to $GITHUB_OUTPUT for the workflow.
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { applyChangelog } from "./lib/changelog-file.mjs";
import { readSource } from "./lib/fetch-spec.mjs";
import { git, identityArgs, remoteFile } from "./lib/git.mjs";
import { syncReport } from "./lib/sync-report.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SPEC = "openapi/openapi.json";
const COMMITTED = [SPEC, "src/generated", "CHANGELOG.md", "package.json", "package-lock.json"];

function parseArgs(argv) {
  const args = {
    branch: "spec-sync/update",
    remote: "origin",
    push: true,
    reportFile: join(process.env.RUNNER_TEMP ?? tmpdir(), "spec-sync-report.md"),
    date: new Date().toISOString().slice(0, 10),
  };
  const names = { "--from": "from", "--branch": "branch", "--remote": "remote", "--report-file": "reportFile" };
  Object.assign(names, { "--verify": "verify", "--date": "date" });
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-push") args.push = false;
    else if (a in names && argv[i + 1] !== undefined) args[names[a]] = argv[++i];
    else throw new Error(`unknown or incomplete argument ${a}`);
  }
  if (!args.from) throw new Error("usage: npm run spec:sync -- --from <url-or-file> [options]");
  args.reportFile = resolve(args.reportFile);
  return args;
}

/** Step outputs for the workflow (`$GITHUB_OUTPUT`), also printed for a person reading the log. */
function output(values) {
  const lines = Object.entries(values).map(([k, v]) => `${k}=${v}`);
  for (const line of lines) console.log(`spec-sync: ${line}`);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${lines.join("\n")}\n`);
}

function node(script, args) {
  const r = spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}); nothing was committed`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (git(root, ["status", "--porcelain", "--untracked-files=no"])) {
    throw new Error("the working tree has uncommitted changes; spec:sync runs on a clean checkout");
  }
  const text = await readSource(args.from);
  const unchanged = (why) => output({ changed: false, breaking: false, reason: why });
  if (text === readFileSync(join(root, SPEC), "utf8")) return unchanged("same as the vendored spec");
  if (args.push && remoteFile(root, args.remote, args.branch, SPEC) === text) {
    return unchanged(`already proposed on ${args.branch}`);
  }

  const base = git(root, ["rev-parse", "--abbrev-ref", "HEAD"]);
  const tmp = mkdtempSync(join(tmpdir(), "chirp-sync-"));
  try {
    const candidate = join(tmp, "openapi.json");
    const reportJson = join(tmp, "report.json");
    writeFileSync(candidate, text);
    node("scripts/spec-update.mjs", [candidate, "--report-json", reportJson, "--no-typecheck"]);
    const report = JSON.parse(readFileSync(reportJson, "utf8"));
    const notes = applyChangelog(root, report, { date: args.date, source: args.from });

    git(root, ["checkout", "--quiet", "-B", args.branch]);
    git(root, ["add", "--all", "--", ...COMMITTED]);
    const title = notes.kind ? `Spec sync: ${notes.version}` : "Spec sync (no API change)";
    const body = `From ${args.from}. ${report.breaking.length} breaking change(s).`;
    git(root, [...identityArgs(root), "commit", "--quiet", "-m", title, "-m", body]);
    if (args.verify) {
      const r = spawnSync(args.verify, { cwd: root, shell: true, stdio: "inherit" });
      if (r.status !== 0) throw new Error(`--verify "${args.verify}" failed (exit ${r.status}); nothing was pushed`);
    }
    if (args.push) git(root, ["push", "--quiet", "--force", args.remote, `HEAD:refs/heads/${args.branch}`]);
    writeFileSync(args.reportFile, syncReport(report, { source: args.from, verified: args.verify, ...notes }));
    output({
      changed: true,
      breaking: report.breaking.length > 0,
      version: notes.version,
      branch: args.branch,
      report: args.reportFile,
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // Back where we started, with the sync commit kept only on its branch; whatever
    // failed, the tracked files are as they were (spec:update itself writes all or nothing).
    if (git(root, ["rev-parse", "--abbrev-ref", "HEAD"]) !== base) {
      git(root, ["checkout", "--quiet", "--force", base]);
    } else {
      git(root, ["checkout", "--quiet", "--force", "--", "."]);
    }
  }
}

main().catch((err) => {
  console.error(`spec:sync: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
