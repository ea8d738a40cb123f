#!/usr/bin/env node
// npm run spec:update -- <file-or-https-url> [--dry-run] [--fail-on-breaking]
//
// Brings a new upstream spec into openapi/openapi.json: reads it (a local file, or
// an https URL), lints it (nothing is written if lint fails), prints what changed
// for SDK users — operations added/removed/changed, schemas changed, every
// breaking change marked — then writes it and regenerates src/generated/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { lintSpec, render } from "./generate.mjs";
import { diffSpecs, formatReport } from "./lib/spec-diff.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "openapi/openapi.json");
const generatedDir = join(root, "src/generated");

async function readSource(source) {
  if (/^https:\/\//i.test(source)) {
    const res = await fetch(source, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`GET ${source} answered ${res.status} ${res.statusText}`);
    return res.text();
  }
  if (/^[a-z]+:\/\//i.test(source)) throw new Error(`only local files and https URLs are accepted, not ${source}`);
  return readFileSync(resolve(source), "utf8");
}

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
  const source = argv.find((a) => !a.startsWith("--"));
  const dryRun = argv.includes("--dry-run");
  const failOnBreaking = argv.includes("--fail-on-breaking");
  if (!source) throw new Error("usage: npm run spec:update -- <file-or-https-url> [--dry-run] [--fail-on-breaking]");

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
