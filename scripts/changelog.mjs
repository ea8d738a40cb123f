#!/usr/bin/env node
// node scripts/changelog.mjs --report <report.json> [--source <name>] [--date YYYY-MM-DD] [--dry-run]
// node scripts/changelog.mjs --from <old-spec.json> --to <new-spec.json> [...]
//
// Turns a spec-update report (the JSON `spec:update --report-json` writes, or the diff of
// two documents) into a CHANGELOG.md entry and bumps the version in package.json and
// package-lock.json by the rule of scripts/lib/version-bump.mjs. Prints the new version.
// An empty report writes nothing.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { applyChangelog } from "./lib/changelog-file.mjs";
import { diffSpecs } from "./lib/spec-diff.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const args = { dryRun: false, date: new Date().toISOString().slice(0, 10) };
  const value = (i) => {
    if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dry-run") args.dryRun = true;
    else if (["--report", "--from", "--to", "--source", "--date"].includes(a)) args[a.slice(2)] = value(i++);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.date)) throw new Error(`--date must be YYYY-MM-DD, not ${args.date}`);
  if (!args.report && !(args.from && args.to)) throw new Error("usage: --report <file> | --from <spec> --to <spec>");
  return args;
}

const readJson = (p) => JSON.parse(readFileSync(resolve(p), "utf8"));

function main() {
  const args = parseArgs(process.argv.slice(2));
  const report = args.report ? readJson(args.report) : diffSpecs(readJson(args.from), readJson(args.to));
  const { current, version, kind, entry } = applyChangelog(root, report, args);
  if (!kind) {
    console.log(`No change in the report: version stays ${current}, CHANGELOG.md untouched.`);
    return;
  }
  if (args.dryRun) console.log(entry);
  const breaking = report.breaking.length ? `${report.breaking.length} breaking` : "no breaking";
  console.log(`${current} → ${version} (${kind}: ${breaking} change)`);
}

try {
  main();
} catch (err) {
  console.error(`changelog: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
