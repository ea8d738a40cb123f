#!/usr/bin/env node
// npm run spec:update -- <file-or-https-url> [--dry-run] [--fail-on-breaking] [--report-json <file>]
//
// Brings a new upstream spec into openapi/openapi.json: reads it (a local file, an
// https URL, or http on loopback for tests), lints it (nothing is written if lint fails), prints what changed
// for SDK users — operations added/removed/changed, schemas changed, every
// breaking change marked — then writes it and regenerates src/generated/.
// --report-json writes the structured report (scripts/lib/spec-diff.mjs) for
// scripts/changelog.mjs and spec-sync; it is written even with --dry-run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { lintSpec, render } from "./generate.mjs";
import { readSource } from "./lib/fetch-spec.mjs";
import { diffSpecs, formatReport } from "./lib/spec-diff.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "openapi/openapi.json");
const generatedDir = join(root, "src/generated");

function parseJson(text, source) {
  try {
    const doc = JSON.parse(text);
    if (!doc || typeof doc !== "object" || !String(doc.openapi ?? "").startsWith("3.")) {
      throw new Error("not an OpenAPI 3.x document (no `openapi: 3.x` field)");
    }
    return doc;
  } catch (err) {
    throw new Error(`${source}: ${err instanceof Error ? err.message : err}`);
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const reportAt = argv.indexOf("--report-json");
  const reportJson = reportAt >= 0 ? argv[reportAt + 1] : undefined;
  if (reportAt >= 0 && !reportJson) throw new Error("--report-json needs a file");
  const rest = reportAt >= 0 ? argv.filter((_, i) => i !== reportAt && i !== reportAt + 1) : argv;
  const source = rest.find((a) => !a.startsWith("--"));
  const dryRun = rest.includes("--dry-run");
  const failOnBreaking = rest.includes("--fail-on-breaking");
  if (!source) {
    throw new Error(
      "usage: npm run spec:update -- <file-or-https-url> [--dry-run] [--fail-on-breaking] [--report-json <file>]",
    );
  }

  const text = await readSource(source);
  const next = parseJson(text, source);
  const current = JSON.parse(readFileSync(target, "utf8"));

  // Lint the candidate before anything is written: a broken upstream never lands.
  const tmp = mkdtempSync(join(tmpdir(), "chirp-spec-"));
  try {
    const candidate = join(tmp, "openapi.json");
    writeFileSync(candidate, text);
    lintSpec(candidate);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const report = diffSpecs(current, next);
  console.log(formatReport(report));
  if (reportJson) writeFileSync(resolve(reportJson), `${JSON.stringify(report, null, 2)}\n`);

  if (!dryRun) {
    writeFileSync(target, text);
    const files = await render(next);
    for (const [name, body] of Object.entries(files)) writeFileSync(join(generatedDir, name), body);
    console.log(`Wrote openapi/openapi.json and regenerated ${Object.keys(files).length} files in src/generated/.`);
  }
  if (failOnBreaking && report.breaking.length) process.exit(2);
}

main().catch((err) => {
  console.error(`spec:update: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
