// The "Webhook events" page of the reference (scripts/webhook-reference.mjs): every event
// of the spec's WebhookEventType, the `data` fields the SDK's types give it, the type an
// `event.event` check narrows to, and a handler example that type-checks against the
// sources as written.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "../pipeline/workspace.js";
import { codeBlocks, snippetCompilerOptions } from "./code-blocks.js";

const { webhookReference } = (await import(join(root, "scripts/webhook-reference.mjs"))) as {
  webhookReference(spec: unknown): string;
};
const spec = JSON.parse(readFileSync(join(root, "openapi/openapi.json"), "utf8"));
const events: string[] = spec.components.schemas.WebhookEventType.enum;
const page = webhookReference(spec);

function section(name: string): string {
  const start = page.indexOf(`\n### ${name}\n`);
  expect(start, name).toBeGreaterThan(0);
  const next = page.indexOf("\n### ", start + 1);
  return page.slice(start, next === -1 ? undefined : next);
}

const dir = mkdtempSync(join(tmpdir(), "chirp-webhook-page-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the Webhook events page", () => {
  it("is a project document with one section per documented event, in the spec's order", () => {
    expect(page.startsWith("---\ntitle: Webhook events\n---\n")).toBe(true);
    const sections = [...page.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(events.length).toBe(24);
    expect(sections).toEqual(events);
  });

  it.each(events.map((e) => [e]))("%s: its data fields, its narrowed type and a handler for it", (name) => {
    const text = section(name);
    expect(text).toContain(`Narrowed type: \`WebhookEvent<${JSON.stringify(name)}>\``);
    expect(text).toContain('| `app` | {@link "chirp-sdk".WebhookApp | WebhookApp} |');
    expect(text).toContain(`    ${JSON.stringify(name)}: async (event) => {\n      console.`);
    expect(page).toContain(`| [\`${name}\`](#${name.replaceAll(".", "")}) |`);
  });

  it("reads each payload from the SDK's types: failures carry the error object, calls an eventId, inbound WhatsApp its direction", () => {
    expect(section("messages.sms.failed")).toContain(
      '| `error` | {@link "chirp-sdk".WebhookErrorObject | WebhookErrorObject} |',
    );
    expect(section("messages.sms.received")).not.toContain("`error`");
    expect(section("calls.completed")).toContain("always carries `eventId`");
    expect(section("messages.sms.sent")).not.toContain("always carries `eventId`");
    expect(section("calls.recording.completed")).toContain(
      '| `recording` (optional) | {@link "chirp-sdk".WebhookResource | WebhookResource} |',
    );
    expect(section("messages.whatsapp.received")).toContain(
      '| `message` | {@link "chirp-sdk".WhatsAppWebhookMessage | WhatsAppWebhookMessage} `& { direction: "inbound"; }` |',
    );
    expect(section("whatsapp.account.connected")).toContain("| any other field (not documented) | `unknown` |");
  });

  it("has handler examples that type-check against the sources (strict, exactOptionalPropertyTypes)", () => {
    const blocks = codeBlocks(page).filter((b) => b.lang === "ts");
    expect(blocks.length).toBe(events.length);
    const files = blocks.map((b, i) => {
      const file = join(dir, `event-${i}.ts`);
      writeFileSync(file, b.code);
      return file;
    });
    const program = ts.createProgram(files, {
      ...snippetCompilerOptions,
      typeRoots: [join(root, "node_modules/@types")],
      paths: { "chirp-sdk": [join(root, "src/index.ts")] },
    });
    const errors = files.flatMap((f) =>
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(f))
        .map((d) => `${f}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`),
    );
    expect(errors).toEqual([]);
  });
});
