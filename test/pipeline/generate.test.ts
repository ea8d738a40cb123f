import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../src/generated/operations.js";
import { makeWorkspace, root, type Workspace } from "./workspace.js";

const spec = JSON.parse(readFileSync(join(root, "openapi/openapi.json"), "utf8"));
const specOperationIds: string[] = Object.values(spec.paths as Record<string, Record<string, { operationId?: string }>>)
  .flatMap((item) => Object.values(item))
  .flatMap((op) => (op && typeof op === "object" && op.operationId ? [op.operationId] : []));

describe("generated code", () => {
  it("has every operation of the vendored spec in the operation table and the types", async () => {
    const types = readFileSync(join(root, "src/generated/openapi.ts"), "utf8");
    expect(specOperationIds.length).toBeGreaterThanOrEqual(75);
    expect(Object.keys(operations).sort()).toEqual([...specOperationIds].sort());
    for (const id of specOperationIds) expect(types).toContain(`    ${id}: {`);
  });

  it("is fresh: src/generated matches openapi/openapi.json", async () => {
    const ws = makeWorkspace();
    try {
      const r = await ws.run("scripts/generate.mjs", ["--check", "--skip-lint"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    } finally {
      ws.dispose();
    }
  });
});

describe("freshness check and determinism", () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = makeWorkspace();
  });
  afterAll(() => ws.dispose());

  it("fails after one schema is edited without regenerating, passes after regenerating", async () => {
    const specPath = join(ws.dir, "openapi/openapi.json");
    const edited = JSON.parse(readFileSync(specPath, "utf8"));
    edited.components.schemas.SendSmsRequest.properties.text.description = "Edited by the freshness test.";
    writeFileSync(specPath, JSON.stringify(edited, null, 2));

    const stale = await ws.run("scripts/generate.mjs", ["--check", "--skip-lint"]);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("stale: src/generated/openapi.ts");

    const regenerated = await ws.run("scripts/generate.mjs");
    expect(regenerated.status).toBe(0);
    expect(readFileSync(join(ws.dir, "src/generated/openapi.ts"), "utf8")).toContain("Edited by the freshness test.");
    expect((await ws.run("scripts/generate.mjs", ["--check", "--skip-lint"])).status).toBe(0);
  });

  it("writes byte-identical output on two runs", async () => {
    const read = () =>
      ["openapi.ts", "operations.ts", "errors.ts", "webhook-events.ts"].map((f) =>
        readFileSync(join(ws.dir, "src/generated", f), "utf8"),
      );
    expect((await ws.run("scripts/generate.mjs", ["--skip-lint"])).status).toBe(0);
    const first = read();
    expect((await ws.run("scripts/generate.mjs", ["--skip-lint"])).status).toBe(0);
    expect(read()).toEqual(first);
  });

  it("refuses a spec that fails lint (an operation without operationId)", async () => {
    const specPath = join(ws.dir, "openapi/openapi.json");
    const broken = JSON.parse(readFileSync(specPath, "utf8"));
    delete broken.paths["/v1/sms"].post.operationId;
    writeFileSync(specPath, JSON.stringify(broken));
    const r = await ws.run("scripts/generate.mjs");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("spec lint failed");
  });
});
