// The change report a maintainer acts on (issue 22): error codes by name, security
// schemes, deprecations, content types and header parameters — each in the spec-update
// report, the spec-sync PR body and the CHANGELOG entry, the breaking ones marked — and
// one line for a shared schema's change instead of one per response it reaches.
// Inputs: a small before/after pair under test/fixtures/specs/change-report/ holding
// one of each change, and the vendored spec with a code added to ApiError.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain .mjs script library, no type declarations
import { changelogEntry } from "../../scripts/lib/changelog.mjs";
// @ts-expect-error -- plain .mjs script library, no type declarations
import { diffSpecs, formatReport } from "../../scripts/lib/spec-diff.mjs";
// @ts-expect-error -- plain .mjs script library, no type declarations
import { syncReport } from "../../scripts/lib/sync-report.mjs";
// @ts-expect-error -- plain .mjs script library, no type declarations
import { bumpFor } from "../../scripts/lib/version-bump.mjs";
import { loadSpec, resolveRef, type Spec, specFacts } from "../spec-facts.js";
import { makeWorkspace } from "./workspace.js";

const fixture = (name: string) => loadSpec(join(import.meta.dirname, "../fixtures/specs/change-report", name));
const before = fixture("before.json");
const after = fixture("after.json");
const report = diffSpecs(before, after);
const text: string = formatReport(report);
const entry: string = changelogEntry(report, { version: "0.2.0", date: "2026-12-03", source: "after.json" });
const body: string = syncReport(report, {
  source: "https://example.test/openapi.json",
  current: "0.1.1",
  version: "0.2.0",
  kind: "minor",
  entry,
});

/** The lines of a CHANGELOG entry's `### title` section. */
function section(title: string): string[] {
  const block = entry.split("\n### ").find((part) => part.startsWith(`${title}\n`));
  return block ? block.split("\n").filter((line) => line.startsWith("- ")) : [];
}

describe("the change report", () => {
  it("names error codes added and removed; a removed code is breaking", () => {
    expect(report.errorCodes).toEqual({ added: ["quota_exceeded", "constructor"], removed: ["legacy_code"] });
    expect(report.breaking).toContain("error code legacy_code removed");
    expect(text).toMatch(/Error codes added \(2\):\n {2}quota_exceeded\n {2}constructor/);
    expect(text).toMatch(/Error codes removed \[BREAKING\] \(1\):\n {2}legacy_code/);
    expect(section("Added")).toEqual(
      expect.arrayContaining(["- Error code `quota_exceeded`", "- Error code `constructor`"]),
    );
    expect(section("Removed")).toContain("- **Breaking:** error code `legacy_code`");
  });

  it("names security schemes added and removed, and an operation whose requirement changed (breaking)", () => {
    expect(report.securitySchemes.added).toEqual(["oauth (oauth2, flows: clientCredentials)"]);
    expect(report.securitySchemes.removed).toEqual(["legacyKey"]);
    expect(report.breaking).toEqual(
      expect.arrayContaining([
        "security scheme legacyKey removed",
        "sendMessage: security changed from appAuth to oauth [messages:send]",
        "legacyLookup: security changed from legacyKey to appAuth",
      ]),
    );
    expect(section("Added")).toContain("- Security scheme `oauth` (oauth2, flows: clientCredentials)");
    expect(section("Removed")).toContain("- **Breaking:** security scheme `legacyKey`");
    expect(section("Changed")).toContain(
      "- **Breaking:** `sendMessage`: security changed from appAuth to oauth [messages:send]",
    );
  });

  it("lists deprecations (operation, parameter, schema property) apart, not breaking", () => {
    expect(report.deprecated).toEqual(
      expect.arrayContaining(["operation getMessage", "listMessages: query parameter limit", "schema Message.channel"]),
    );
    expect(report.breaking.join("\n")).not.toMatch(/deprecat|getMessage|limit|channel/);
    expect(section("Deprecated")).toEqual(
      expect.arrayContaining([
        "- Operation `getMessage`",
        "- `listMessages`: query parameter `limit`",
        "- Schema `Message.channel`",
      ]),
    );
    // A deprecation alone is not an empty "changed" entry with no detail.
    expect(report.changed.map((c: { id: string }) => c.id)).not.toContain("getMessage");
  });

  it("reports content types: added is news, removed is breaking (no field noise from the other media type)", () => {
    const lines = report.changed.flatMap((c: { changes: string[]; breaking: string[] }) => [
      ...c.changes,
      ...c.breaking,
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        "sendMessage: request content type multipart/form-data added",
        "exportMessages: response 200 content type text/csv added",
      ]),
    );
    expect(report.breaking).toContain("exportMessages: response 200 content type application/json removed");
    expect(report.breaking.filter((b: string) => b.startsWith("exportMessages 200."))).toEqual([]);
    expect(section("Added")).toContain("- `sendMessage`: request content type multipart/form-data added");
  });

  it("reports header parameters: a new required one and a removed one break, a new optional one does not", () => {
    expect(report.breaking).toEqual(
      expect.arrayContaining([
        "sendMessage: new required header parameter X-App-Id",
        "listMessages: header parameter X-Trace removed",
      ]),
    );
    expect(report.breaking).not.toContain("listMessages: new header parameter X-Request-Id");
    expect(section("Added")).toContain("- `listMessages`: new header parameter X-Request-Id");
    expect(section("Changed")).toContain("- **Breaking:** `sendMessage`: new required header parameter X-App-Id");
  });

  it("the PR body carries every breaking change first and the whole entry", () => {
    expect(body).toContain(`### ⚠️ ${report.breaking.length} breaking change(s)`);
    for (const b of report.breaking) expect(body).toContain(`- ${b}`);
    expect(body).toContain(entry.trimEnd());
    for (const heading of ["Error codes added", "Security schemes added", "Deprecated"])
      expect(body).toContain(heading);
  });

  it("a report with only new codes, schemes or deprecations is still a release", () => {
    const empty = { added: [], removed: [], changed: [], schemas: [], breaking: [] };
    expect(bumpFor("0.1.1", empty)).toBeNull();
    expect(bumpFor("0.1.1", { ...empty, errorCodes: { added: ["x"], removed: [] } })).toBe("patch");
    expect(bumpFor("0.1.1", { ...empty, deprecated: ["operation a"] })).toBe("patch");
    expect(bumpFor("0.1.1", { ...empty, securitySchemes: { added: ["s"], removed: [], changed: [] } })).toBe("patch");
  });
});

describe("a shared schema's change", () => {
  // The routine upstream change: one more code in ApiError, which every error response names.
  const vendored = loadSpec();
  const changed = structuredClone(vendored) as Spec;
  const codes = resolveRef<{ properties: { error: { properties: { code: { enum: string[] } } } } }>(
    changed,
    (changed.components as { schemas: Record<string, unknown> }).schemas.ApiError,
  ).properties.error.properties.code.enum;
  // A name the vendored spec does not have yet, whatever it has gained since.
  const fresh = ["quota_exceeded", "quota_exceeded_2", "quota_exceeded_3"].find((c) => !codes.includes(c)) as string;
  codes.push(fresh);
  const r = diffSpecs(vendored, changed);
  const out: string = formatReport(r);

  it("is one line naming the schema and how many responses it reaches, not a line per response", () => {
    expect(out).not.toMatch(/response \d{3} changed/);
    expect(r.changed).toEqual([]);
    // Every documented 4xx/5xx response of the spec names ApiError (directly or in a oneOf).
    const facts = specFacts(vendored);
    const errorResponses = facts.operationIds.reduce((n, id) => n + facts.errorStatuses(id).length, 0);
    const impact = r.schemaImpact.find((i: { schema: string }) => i.schema === "ApiError");
    expect(impact.operations).toBe(facts.operationIds.length);
    expect(impact.responses).toBeGreaterThan(facts.operationIds.length);
    expect(impact.responses).toBeLessThanOrEqual(errorResponses);
    expect(out).toContain(`ApiError: changed (in ${impact.responses} responses of ${impact.operations} operations)`);
    expect(out).toContain(`Error codes added (1):\n  ${fresh}\n`);
    expect(out.split("\n").length).toBeLessThan(15);
  });

  it("a response that changed by itself is still listed, beside the collapsed schema line", () => {
    const both = structuredClone(changed) as Spec;
    const post = (both.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)["/v1/sms"]
      ?.post;
    if (!post) throw new Error("the vendored spec has no POST /v1/sms");
    const status = Object.keys(post.responses).find((s) => s.startsWith("4")) as string;
    post.responses[status] = { ...resolveRef<object>(both, post.responses[status]), description: "Reworded." };
    const lines: string = formatReport(diffSpecs(vendored, both));
    expect(lines).toContain(`sendSms: response ${status} changed`);
    expect(lines).toContain("ApiError: changed (in ");
  });
});

describe("revision 1 → 2 (test/fixtures/specs)", () => {
  it("has no error code, security scheme or deprecation change, as CHANGES.md says", () => {
    const read = (n: number) =>
      JSON.parse(readFileSync(join(import.meta.dirname, `../fixtures/specs/openapi.r${n}.json`), "utf8"));
    const r = diffSpecs(read(1), read(2));
    expect(r.errorCodes).toEqual({ added: [], removed: [] });
    expect(r.securitySchemes).toEqual({ added: [], removed: [], changed: [] });
    expect(r.deprecated).toEqual([]);
  });
});

describe("npm run spec:update and npm run changelog", () => {
  it("print and write the named changes: report on stdout, report JSON, CHANGELOG entry", async () => {
    const ws = makeWorkspace();
    try {
      const spec = loadSpec(join(ws.dir, "openapi/openapi.json"));
      const schemas = (spec.components as { schemas: Record<string, { deprecated?: boolean }> }).schemas;
      const enumOf = resolveRef<{ properties: { error: { properties: { code: { enum: string[] } } } } }>(
        spec,
        schemas.ApiError,
      ).properties.error.properties.code.enum;
      const fresh = ["quota_exceeded", "quota_exceeded_2", "quota_exceeded_3"].find((c) => !enumOf.includes(c));
      enumOf.push(fresh as string);
      const first = Object.keys(schemas)[0] as string;
      (schemas[first] as { deprecated?: boolean }).deprecated = true;
      const file = join(ws.dir, "changed.json");
      writeFileSync(file, JSON.stringify(spec, null, 2));
      const json = join(ws.dir, "report.json");
      const r = await ws.run("scripts/spec-update.mjs", [file, "--dry-run", "--report-json", json]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Error codes added (1):\n  ${fresh}\n`);
      expect(r.stdout).toContain(`Deprecated (1):\n  schema ${first}`);
      expect(r.stdout).not.toMatch(/response \d{3} changed/);
      const c = await ws.run("scripts/changelog.mjs", ["--report", json, "--date", "2026-12-03", "--source", "x"]);
      expect(c.status, c.stderr).toBe(0);
      const log = readFileSync(join(ws.dir, "CHANGELOG.md"), "utf8");
      expect(log).toContain(`- Error code \`${fresh}\``);
      expect(log).toContain(`### Deprecated\n\n- Schema \`${first}\``);
    } finally {
      ws.dispose();
    }
  });
});
