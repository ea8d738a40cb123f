// The CHANGELOG is written from the spec-update report, never by hand: these tests
// pin the version rule CONTRIBUTING states and the Keep a Changelog shape of an entry.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
// @ts-expect-error -- plain .mjs script library, no type declarations
import { changelogEntry, insertEntry } from "../../scripts/lib/changelog.mjs";
// @ts-expect-error -- plain .mjs script library, no type declarations
import { bumpFor, bumpVersion } from "../../scripts/lib/version-bump.mjs";
import { specRevision } from "../fixtures/specs.js";
import { makeWorkspace, root, type Workspace } from "./workspace.js";

const r1 = specRevision(1);
const r2 = specRevision(2);
const empty = { added: [], removed: [], changed: [], schemas: [], breaking: [] };
const breaking = {
  ...empty,
  removed: ["createCallToken (POST /v1/calls/token)"],
  breaking: ["operation createCallToken removed"],
};
const added = { ...empty, added: ["newThing (GET /v1/new)"] };
const changed = { ...empty, changed: [{ id: "sendSms", changes: ["sendSms: response 402 added"], breaking: [] }] };

describe("the version rule", () => {
  it("while 0.x: breaking → minor, anything else → patch, nothing → no release", () => {
    expect(bumpFor("0.4.2", breaking)).toBe("minor");
    expect(bumpFor("0.4.2", added)).toBe("patch");
    expect(bumpFor("0.4.2", changed)).toBe("patch");
    expect(bumpFor("0.4.2", empty)).toBeNull();
  });

  it("from 1.0: breaking → major, an operation added → minor, else patch", () => {
    expect(bumpFor("1.4.2", breaking)).toBe("major");
    expect(bumpFor("1.4.2", added)).toBe("minor");
    expect(bumpFor("1.4.2", changed)).toBe("patch");
    expect(["major", "minor", "patch"].map((k) => bumpVersion("1.4.2", k))).toEqual(["2.0.0", "1.5.0", "1.4.3"]);
    expect(() => bumpVersion("1.4", "patch")).toThrow(/not a plain semver/);
  });
});

describe("a changelog entry", () => {
  it("marks breaking changes and folds a change shared by several operations into one line", () => {
    const report = {
      ...breaking,
      changed: [
        { id: "a", changes: ["a: response 429 added"], breaking: ["a body.x: now required"] },
        { id: "b", changes: ["b: response 429 added", "b: response 400 changed"], breaking: [] },
      ],
      schemas: ["Thing: added", "Old: removed"],
      breaking: [...breaking.breaking, "a body.x: now required"],
    };
    const entry = changelogEntry(report, { version: "0.2.0", date: "2026-01-02", source: "up.json" });
    expect(entry).toMatch(/^## \[0\.2\.0\] - 2026-01-02\n/);
    expect(entry).toContain("### Added\n\n- Response 429 added on 2 operations: `a`, `b`\n- Schema `Thing`\n");
    expect(entry).toContain("- **Breaking:** `a body.x: now required`");
    expect(entry).toContain("- `b`: response 400 changed");
    expect(entry).toContain("### Removed\n\n- **Breaking:** operation `createCallToken (POST /v1/calls/token)`");
    expect(entry).toContain("2 breaking change(s)");
  });

  it("goes above the newest release and leaves the Unreleased notes where they are", () => {
    const before = "# Changelog\n\n## [Unreleased]\n\n- a note\n\n## [0.1.0] - 2026-01-01\n\n- first\n";
    const after = insertEntry(before, "## [0.1.1] - 2026-01-02\n\n- second\n");
    expect(after).toBe(
      "# Changelog\n\n## [Unreleased]\n\n- a note\n\n## [0.1.1] - 2026-01-02\n\n- second\n\n## [0.1.0] - 2026-01-01\n\n- first\n",
    );
    expect(insertEntry("", "## [0.1.1] - x\n")).toMatch(/## \[Unreleased\]\n\n## \[0\.1\.1\] - x\n$/);
    expect(() => insertEntry("# Changelog\n", "## [1.0.0]")).toThrow(/Unreleased/);
  });
});

describe("scripts/changelog.mjs", () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = makeWorkspace();
  });
  afterEach(() => ws.dispose());

  it("writes the revision-2 entry the repository carries, and bumps the version", async () => {
    const pkg = join(ws.dir, "package.json");
    writeFileSync(pkg, readFileSync(pkg, "utf8").replace(/"version": "[^"]*"/, '"version": "0.1.0"'));
    const source = "../shared/chirp/openapi.json (revision 2; was revision 1)";
    const r = await ws.run("scripts/changelog.mjs", [
      "--from",
      r1,
      "--to",
      r2,
      "--source",
      source,
      "--date",
      "2026-11-29",
    ]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("0.1.0 → 0.1.1 (patch: no breaking change)");
    expect(JSON.parse(readFileSync(pkg, "utf8")).version).toBe("0.1.1");
    const written = readFileSync(join(ws.dir, "CHANGELOG.md"), "utf8");
    // The committed 0.1.1 entry is exactly what the script writes: no hand edits.
    const entry = (text: string) => /^## \[0\.1\.1\][\s\S]*?(?=^## \[|(?![\s\S]))/m.exec(text)?.[0];
    expect(entry(written)).toContain("## [0.1.1] - 2026-11-29");
    expect(entry(readFileSync(join(root, "CHANGELOG.md"), "utf8"))).toBe(entry(written));
    expect(written).toContain("- Response 429 added (examples: rate_limit_exceeded) on 74 operations:");
  });

  it("writes nothing for an empty report", async () => {
    const report = join(ws.dir, "report.json");
    writeFileSync(report, JSON.stringify(empty));
    const before = readFileSync(join(ws.dir, "package.json"), "utf8");
    const r = await ws.run("scripts/changelog.mjs", ["--report", report]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("No change");
    expect(readFileSync(join(ws.dir, "package.json"), "utf8")).toBe(before);
  });
});
