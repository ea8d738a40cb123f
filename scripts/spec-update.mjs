#!/usr/bin/env node
// npm run spec:update -- <file-or-https-url> [--dry-run] [--fail-on-breaking] [--report-json <file>] [--no-typecheck]
//
// Brings a new upstream spec into openapi/openapi.json: reads it (a local file, an
// https URL, or http on loopback for tests), lints it (nothing is written if lint fails), prints what changed
// for SDK users — operations added/removed/changed, schemas changed, every
// breaking change marked — then writes it and regenerates src/generated/.
// --report-json writes the structured report (scripts/lib/spec-diff.mjs) for
// scripts/changelog.mjs and spec-sync; it is written even with --dry-run.
//
// Atomic: the new src/generated/ is rendered in memory and type-checked with the rest
// of src/ in a scratch copy (--no-typecheck skips that) before anything is written;
// then the spec and every generated file are written together (scripts/lib/write-together.mjs),
// or nothing is. A refusal says what construct, in which operation, and what to do;
// after one, `git status` is as clean as before.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { lintSpec, render } from "./generate.mjs";
import { readSource } from "./lib/fetch-spec.mjs";
import { diffSpecs, formatReport } from "./lib/spec-diff.mjs";
import { writeTogether } from "./lib/write-together.mjs";

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

/**
 * " (in SendSmsV2Params, operation send-sms-v2)" for a tsc error line in the generated
 * methods file: the named type or method the line belongs to, and the operation it is
 * for, so that a refusal names the operation. Empty for an error elsewhere.
 */
function operationAt(files, errorLine) {
  const m = /src\/generated\/methods\.ts\((\d+),/.exec(errorLine);
  if (!m) return "";
  const lines = files["methods.ts"].split("\n").slice(0, Number(m[1]));
  for (const line of lines.reverse()) {
    const named =
      /^\/\*\* The parameters of \{@link ChirpOperations\.(\w+)\}/.exec(line) ?? /^ {2}(\w+)\(params/.exec(line);
    if (named) return ` (in the method ${named[1]}'s types)`;
  }
  return "";
}

/**
 * Type-checks `files` (the new src/generated/) with the rest of src/ in a scratch copy,
 * so that a spec the generator accepts but whose output does not compile is refused
 * before anything is written. Skipped where there is no src/ to check against (the
 * pipeline tests' partial copies) or no TypeScript.
 */
async function typecheckScratch(files) {
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  if (!existsSync(join(root, "src/index.ts")) || !existsSync(tsc)) return "skipped (no src/ or no TypeScript here)";
  const scratch = mkdtempSync(join(tmpdir(), "chirp-generated-"));
  try {
    cpSync(join(root, "src"), join(scratch, "src"), { recursive: true });
    for (const [name, body] of Object.entries(files)) writeFileSync(join(scratch, "src/generated", name), body);
    symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"), "dir");
    // `"type": "module"` decides how NodeNext reads src/: the scratch copy needs the same package.json.
    cpSync(join(root, "package.json"), join(scratch, "package.json"));
    const base = JSON.parse(readFileSync(join(root, "tsconfig.json"), "utf8").replace(/^\s*\/\/.*$/gm, ""));
    const config = { compilerOptions: { ...base.compilerOptions, paths: {}, noEmit: true }, include: ["src"] };
    writeFileSync(join(scratch, "tsconfig.json"), JSON.stringify(config));
    const out = await new Promise((done) =>
      execFile(process.execPath, [tsc, "-p", scratch], { encoding: "utf8", maxBuffer: 64 << 20 }, (error, stdout) =>
        done(error ? stdout || String(error) : undefined),
      ),
    );
    if (out !== undefined) {
      const errors = out
        .split("\n")
        .filter((l) => /error TS\d+/.test(l))
        .map((l) => `${l}${operationAt(files, l)}`);
      throw new Error(
        `the regenerated code does not type-check (${errors.length} errors), so nothing was written:\n` +
          `${errors.slice(0, 20).join("\n")}\n` +
          "A construct of the new spec that the generator does not handle yet: fix scripts/lib/ (or report it), then run spec:update again.",
      );
    }
    return "passed";
  } finally {
    rmSync(scratch, { recursive: true, force: true });
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
  const typecheck = !rest.includes("--no-typecheck");
  const failOnBreaking = rest.includes("--fail-on-breaking");
  if (!source) {
    throw new Error(
      "usage: npm run spec:update -- <file-or-https-url> [--dry-run] [--fail-on-breaking] [--report-json <file>] [--no-typecheck]",
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

  // Generate before anything is written: a construct the generator refuses, or
  // output that does not compile, leaves the tree as it was.
  const files = await render(next);
  const report = diffSpecs(current, next);
  console.log(formatReport(report));
  if (reportJson) writeFileSync(resolve(reportJson), `${JSON.stringify(report, null, 2)}\n`);

  if (!dryRun) {
    if (typecheck) console.log(`Type-check of the regenerated code: ${await typecheckScratch(files)}.`);
    writeTogether({
      [target]: text,
      ...Object.fromEntries(Object.entries(files).map(([name, body]) => [join(generatedDir, name), body])),
    });
    console.log(`Wrote openapi/openapi.json and regenerated ${Object.keys(files).length} files in src/generated/.`);
  }
  if (failOnBreaking && report.breaking.length) process.exit(2);
}

main().catch((err) => {
  const refused = err?.name === "GenerationRefusal" ? "refused, nothing written: " : "";
  console.error(`spec:update: ${refused}${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
