import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeWorkspace, root, type Workspace } from "./workspace.js";

// The vendored document as a file outside the workspace, the way a maintainer passes a download.
const vendored = join(root, "openapi/openapi.json");

describe("npm run spec:update", () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = makeWorkspace();
  });
  afterEach(() => ws.dispose());

  it("reports no change for the document the project vendors", async () => {
    const r = await ws.run("scripts/spec-update.mjs", [vendored]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("No change");
    expect((await ws.run("scripts/generate.mjs", ["--check", "--skip-lint"])).status).toBe(0);
  });

  it("names a removed operation as breaking, writes the spec and regenerates", async () => {
    const spec = JSON.parse(readFileSync(vendored, "utf8"));
    delete spec.paths["/v1/calls/token"].post;
    const changed = join(ws.dir, "changed.json");
    writeFileSync(changed, JSON.stringify(spec, null, 2));

    const r = await ws.run("scripts/spec-update.mjs", [changed]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Operations removed \[BREAKING\] \(1\):\s+createCallToken \(POST \/v1\/calls\/token\)/);
    expect(r.stdout).toContain("- operation createCallToken removed");
    const table = readFileSync(join(ws.dir, "src/generated/operations.ts"), "utf8");
    expect(table).not.toContain("createCallToken");
    expect((await ws.run("scripts/generate.mjs", ["--check", "--skip-lint"])).status).toBe(0);
  });

  it("marks removed response fields, newly required request fields and narrowed enums", async () => {
    const spec = JSON.parse(readFileSync(vendored, "utf8"));
    delete spec.components.schemas.BusinessProfileResponse.properties.businessName;
    spec.components.schemas.SendSmsRequest.required = [
      ...(spec.components.schemas.SendSmsRequest.required ?? []),
      "text",
    ];
    spec.components.schemas.WebhookEventType.enum.pop();
    const changed = join(ws.dir, "changed.json");
    writeFileSync(changed, JSON.stringify(spec));

    const r = await ws.run("scripts/spec-update.mjs", [changed, "--dry-run", "--fail-on-breaking"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("getWhatsAppBusinessProfile 200.businessName: removed");
    expect(r.stdout).toContain("sendSms body.text: now required");
    expect(r.stdout).toMatch(/createWebhook body\.events\[\]: enum narrowed/);
    // --dry-run wrote nothing.
    expect(readFileSync(join(ws.dir, "openapi/openapi.json"), "utf8")).toBe(
      readFileSync(join(root, "openapi/openapi.json"), "utf8"),
    );
  });

  it("writes nothing when the new document fails lint, and rejects plain http beyond loopback", async () => {
    const before = readFileSync(join(ws.dir, "openapi/openapi.json"), "utf8");
    const bad = join(ws.dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({ openapi: "3.1.0", info: { title: "x", version: "1" }, paths: { "/a": { get: {} } } }),
    );
    const r = await ws.run("scripts/spec-update.mjs", [bad]);
    expect(r.status).toBe(1);
    expect(readFileSync(join(ws.dir, "openapi/openapi.json"), "utf8")).toBe(before);

    const http = await ws.run("scripts/spec-update.mjs", ["http://chirp.example/openapi.json"]);
    expect(http.status).toBe(1);
    expect(http.stderr).toContain("only local files, https URLs and http on loopback");
    const ftp = await ws.run("scripts/spec-update.mjs", ["ftp://127.0.0.1/openapi.json"]);
    expect(ftp.stderr).toContain("only local files, https URLs and http on loopback");
  });
});
