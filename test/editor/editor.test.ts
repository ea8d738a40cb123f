// What a person sees in the editor, driven through the TypeScript language service
// (the same one VS Code runs): the documentation on hover, methods completing as
// methods, named parameter types, and results spelled out.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { hover, languageService, sampleFile } from "./language-service.js";

const spec = JSON.parse(readFileSync(join(import.meta.dirname, "../../openapi/openapi.json"), "utf8"));
const sendSmsOp = spec.paths["/v1/sms"].post;

const SAMPLE = `import { Chirp } from "../../src/index.js";
const chirp = new Chirp({ appKey: process.env.CHIRP_APP_KEY });
export async function main() {
  const sent = await chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "hi" } });
  const profile = await chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } });
  const apps = await chirp.listApps();
  return [sent, profile, apps];
}
`;
const service = languageService({ "sample.ts": SAMPLE });

describe("hover and completion in an editor", () => {
  it("the sample compiles", () => {
    expect(service.getSemanticDiagnostics(sampleFile("sample.ts")).map((d) => d.messageText)).toEqual([]);
  });

  it("hovering chirp.sendSms shows the spec's summary, description, key, errors and an example", () => {
    const text = hover(service, "sample.ts", SAMPLE, "sendSms");
    expect(text).toContain(sendSmsOp.summary);
    expect(text).toContain(sendSmsOp.description);
    expect(text).toContain("needs an app key");
    expect(text).toMatch(/@throws \{[^}]*MessageUndeliverableError[^}]*\} 402/);
    expect(text).toMatch(/@throws \{RateLimitError\} 429/);
    expect(text).toContain("@example");
    expect(text).toContain("chirp.sendSms({");
    expect(text.length).toBeGreaterThan(800);
  });

  it("an admin operation says it needs the admin key", () => {
    expect(hover(service, "sample.ts", SAMPLE, "listApps")).toContain("needs an admin key");
  });

  it("sendSms completes as a method, like every operation", () => {
    const at = SAMPLE.indexOf("chirp.sendSms") + "chirp.".length;
    const entries = service.getCompletionsAtPosition(sampleFile("sample.ts"), at, {})?.entries ?? [];
    const kinds = new Map(entries.map((e) => [e.name, e.kind]));
    expect(kinds.get("sendSms")).toBe(ts.ScriptElementKind.memberFunctionElement);
    const operationIds = Object.values(spec.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).flatMap((op) => op.operationId ?? []),
    );
    expect(operationIds.length).toBeGreaterThan(0);
    for (const id of operationIds) expect(kinds.get(id), id).toBe(ts.ScriptElementKind.memberFunctionElement);
  });

  it("the parameter is a named type, and so is the result", () => {
    const signature = hover(service, "sample.ts", SAMPLE, "sendSms").split("\n")[0];
    expect(signature).toBe("(method) ChirpOperations.sendSms(params: SendSmsParams): Promise<SendSmsResult>");
  });

  it("a result hover lists its fields, nested objects spelled out, no index into components", () => {
    const text = hover(service, "sample.ts", SAMPLE, "profile =");
    expect(text).toContain("businessName: string | null;");
    expect(text).toContain("phoneNumbers: {");
    expect(text).toContain("displayPhoneNumber: string;");
    // the allOf of the spec is one object, not `{…} & {…}`
    expect(text).not.toContain("} & {");
    expect(text).not.toContain("components[");
  });
});
