#!/usr/bin/env node
// node test/pipeline/routine-update.mjs [<git ref>] [--full | <test file>…]
//
// Proof that the hand-written tests follow the spec instead of pinning it (issue 22):
// clones <ref> (default HEAD) into a temporary folder, applies a routine, correct
// upstream change to its openapi/openapi.json —
//   1. a new error code `quota_exceeded` in ApiError,
//   2. a new documented status on sendSms (409, naming that code),
//   3. a new operation `getWebhookStatus` (GET /v1/webhooks/{webhookId}/status),
// — regenerates src/generated/, and runs the type check and the test files that read
// counts, statuses and names (or, with --full, the README's whole `npm run check`).
// Prints one line per step and exits 1 when anything fails. Not part of the suite: it
// runs the suite's files in a copy, which is minutes of CPU; run it once after
// changing a test that reads spec facts (CONTRIBUTING.md, "Tests follow the spec").
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const full = args.includes("--full");
const ref = args.find((a) => !a.startsWith("--") && !a.startsWith("test/")) ?? "HEAD";
// Test files given on the command line run instead of the list below (and skip the type check).
const only = args.filter((a) => a.startsWith("test/"));

/** The test files that read spec facts (counts, status lists, names, the README's event list). */
export const FILES = [
  "test/client/errors.test.ts",
  "test/client/error-class-names.test.ts",
  "test/client/keys-and-config.test.ts",
  "test/editor/method-examples.test.ts",
  "test/editor/editor.test.ts",
  "test/pipeline/error-docs.test.ts",
  "test/pipeline/generate.test.ts",
  "test/pipeline/change-report.test.ts",
  "test/webhooks/parse.test.ts",
  "test/docs/readme-spec-facts.test.ts",
  "test/testing/mock-answer.test-d.ts",
  "test/types/named-types.test-d.ts",
  "test/types/operations.test-d.ts",
];

/** The routine change, applied to a parsed spec in place. */
export function routineChange(spec) {
  const code = spec.components.schemas.ApiError.properties.error.properties.code;
  code.enum.push("quota_exceeded");
  spec.paths["/v1/sms"].post.responses["409"] = {
    description: "The app's monthly quota is used up (`quota_exceeded`).",
    content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } },
  };
  const get = structuredClone(spec.paths["/v1/webhooks/{webhookId}"].get);
  get.operationId = "getWebhookStatus";
  get.summary = "Get webhook status";
  get.description = "Fetches the delivery status of one webhook subscription.";
  spec.paths["/v1/webhooks/{webhookId}/status"] = { get };
  return spec;
}

function step(name, cmd, argv, cwd) {
  const r = spawnSync(cmd, argv, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "true" },
  });
  const ok = r.status === 0;
  // The failed tests' names and first assertion lines, not the whole log.
  const tail = `${r.stdout}${r.stderr}`
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "") // colour codes
    .split("\n")
    .filter((line) => /^ FAIL |^(Assertion|Type)?Error|^ +(×|Test Files|Tests) /.test(line))
    .join("\n");
  console.log(`${ok ? "ok  " : "FAIL"} ${name}`);
  if (!ok) console.log(tail);
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = mkdtempSync(join(tmpdir(), "chirp-routine-"));
  const work = join(dir, "chirp-sdk");
  try {
    execFileSync("git", ["clone", "--quiet", "--no-checkout", root, work]);
    execFileSync("git", [
      "-C",
      work,
      "checkout",
      "--quiet",
      "--detach",
      execFileSync("git", ["-C", root, "rev-parse", ref], { encoding: "utf8" }).trim(),
    ]);
    symlinkSync(join(root, "node_modules"), join(work, "node_modules"), "dir");
    const file = join(work, "openapi/openapi.json");
    writeFileSync(file, `${JSON.stringify(routineChange(JSON.parse(readFileSync(file, "utf8"))), null, 2)}\n`);
    console.log(`${ref}: quota_exceeded code, sendSms 409, getWebhookStatus operation applied in ${work}`);
    let ok = step("npm run generate", process.execPath, ["scripts/generate.mjs"], work);
    if (ok && full) ok = step("npm run check", "npm", ["run", "check"], work);
    else if (ok) {
      if (!only.length) {
        const tsc = ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json", "--noEmit"];
        ok = step("npm run typecheck", process.execPath, tsc, work) && ok;
      }
      const files = only.length ? only : FILES;
      const vitest = ["node_modules/vitest/vitest.mjs", "run", ...files];
      ok = step(`vitest run (${files.length} files)`, process.execPath, vitest, work) && ok;
    }
    console.log(ok ? "the tests follow the spec" : "a test pins the spec (above)");
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
