// The mock is worth testing against only if it refuses what the SDK must never
// send, and the suite's own checks are worth something only if they can fail.
import { describe, expect, inject, it } from "vitest";
import { AuthenticationError, Chirp, type ChirpApiError, InvalidRequestError } from "../../src/index.js";
import { expectedErrorClass } from "./expected-error.js";
import { recordingFetch } from "./recorder.js";
import { nullableEnums, problems, strict } from "./schemas.js";
import { deref, type Schema } from "./spec.js";

const schema = (name: string) => deref({ $ref: `#/components/schemas/${name}` }) as Schema;
const sms = { from: "+15551234567", to: ["+15559876543"], text: "Hi" };

describe("the mock rejects what the SDK must never send", () => {
  // The SDK never sends without a key, so the recorder strips it on the way out.
  const keyless = () => {
    const { fetch, log } = recordingFetch((headers) => headers.delete("authorization"));
    return { chirp: new Chirp({ appKey: "sk_test_app_x", baseUrl: inject("prismUrl"), fetch, maxRetries: 0 }), log };
  };

  it("no key, where the spec documents no 401: Prism's own 401, and the SDK throws AuthenticationError", async () => {
    const { chirp, log } = keyless();
    const error = await chirp
      .getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_x" } })
      .catch((e: unknown) => e);
    expect(log[0]?.headers.authorization).toBeUndefined();
    expect(log[0]?.status).toBe(401);
    expect(log[0]?.responseHeaders.get("content-type")).toContain("application/problem+json");
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
  });

  it("no key, where the spec documents a 401: that 401, mapped like any documented error", async () => {
    const { chirp, log } = keyless();
    const error = await chirp.sendSms({ body: sms }).catch((e: unknown) => e);
    expect(log[0]?.status).toBe(401);
    // Prism answers with a body generated from ApiError, which has no per-status
    // example: its code decides the class (see expected-error.ts), its status stays 401.
    const expected = expectedErrorClass(401, log[0]?.responseText ?? "");
    expect(error).toBeInstanceOf(expected.Class);
    expect((error as ChirpApiError).status).toBe(401);
  });

  it("a body missing a required field: a 4xx with sl-violations, and the SDK throws InvalidRequestError", async () => {
    const { fetch, log } = recordingFetch();
    const chirp = new Chirp({ appKey: "sk_test_app_x", baseUrl: inject("prismUrl"), fetch, maxRetries: 0 });
    const { to: _missing, ...body } = sms;
    const error = await chirp.sendSms({ body: body as typeof sms }).catch((e: unknown) => e);
    expect(log[0]?.status).toBeGreaterThanOrEqual(400);
    expect(log[0]?.status).toBeLessThan(500);
    expect(log[0]?.responseHeaders.get("sl-violations")).toContain("to");
    expect(error).toBeInstanceOf(InvalidRequestError);
  });
});

describe("the suite's checks can fail", () => {
  const template = { from: "+15551234567", to: "+15559876543", templateName: "t", languageCode: "en_US" };

  it("strict request schemas reject a misspelt optional field that the spec itself allows", () => {
    const request = schema("SendWhatsAppTemplateRequest");
    const misspelt = { ...template, headerVariabels: { header_text: "x" } };
    expect(problems(request, misspelt)).toEqual([]);
    expect(problems(strict(request), misspelt).join("\n")).toContain("unevaluated");
    expect(problems(strict(request), { ...template, headerVariables: { header_text: "x" } })).toEqual([]);
  });

  it("strict schemas see through allOf and oneOf: a branch's properties are not extra", () => {
    const composed: Schema = {
      allOf: [{ type: "object", properties: { a: { type: "string" } } }],
      oneOf: [{ type: "object", properties: { b: { type: "string" } }, required: ["b"] }],
    };
    expect(problems(strict(composed), { a: "1", b: "2" })).toEqual([]);
    expect(problems(strict(composed), { a: "1", b: "2", c: "3" })).not.toEqual([]);
  });

  it("an enum whose type allows null accepts null only after the nullable-enum fix", () => {
    const quirk: Schema = { type: ["string", "null"], enum: ["RETAIL", "OTHER"] };
    expect(problems(quirk, null)).not.toEqual([]);
    expect(problems(nullableEnums(quirk), null)).toEqual([]);
    expect(problems(nullableEnums(quirk), "NOPE")).not.toEqual([]);
  });

  it("response validation rejects a renamed required field", () => {
    const response = schema("ApiError");
    expect(problems(response, { error: { type: "api_error", message: "m" } })).toEqual([]);
    expect(problems(response, { error: { type: "api_error", msg: "m" } })).not.toEqual([]);
  });
});
