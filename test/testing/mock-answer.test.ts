// mockAnswer against startMockServer(): each documented error of revision 2 is asked
// for by name and must come back as the SDK's error class with the example's details.
import { afterAll, describe, expect, it } from "vitest";
import {
  Chirp,
  ChirpConfigError,
  ChirpError,
  InvalidPhoneNumberError,
  MessageUndeliverableError,
  RateLimitError,
} from "../../src/index.js";
import { mockAnswer, startMockServer } from "../../src/testing/index.js";

const from = "+15551234567";
const to = "+15559876543";

describe("mockAnswer: documented answers by name", () => {
  const started = startMockServer();
  afterAll(async () => (await started).close());
  const chirp = async () =>
    new Chirp({ appKey: "sk_test_app_kit", adminKey: "sk_admin_kit", baseUrl: (await started).url, maxRetries: 0 });

  it("sendSms 402 message_undeliverable → MessageUndeliverableError with the Telnyx details", async () => {
    const headers = mockAnswer("sendSms", { status: 402, example: "message_undeliverable" });
    expect(headers).toEqual({ prefer: "code=402, example=message_undeliverable" });
    const error = await (await chirp()).sendSms({ body: { from, to: [to], text: "Hi" }, headers }).catch((e) => e);
    expect(error).toBeInstanceOf(MessageUndeliverableError);
    expect(error.status).toBe(402);
    expect(error.provider).toEqual({ source: "telnyx", code: "40300", message: "Carrier rejected the message" });
    expect(error.message).toContain("The carrier rejected the message.");
  });

  it("sendWhatsAppMessage 402 message_undeliverable → the Meta details", async () => {
    const headers = mockAnswer("sendWhatsAppMessage", { status: 402, example: "message_undeliverable" });
    const body = { from, to, type: "text" as const, text: { body: "Hi" } };
    const error = await (await chirp()).sendWhatsAppMessage({ body, headers }).catch((e) => e);
    expect(error).toBeInstanceOf(MessageUndeliverableError);
    expect(error.provider).toEqual({ source: "meta", code: 131026, message: "Unable to deliver message" });
  });

  it("sendSms 400 invalid_phone_number → InvalidPhoneNumberError naming the param", async () => {
    const headers = mockAnswer("sendSms", { status: 400, example: "invalid_phone_number" });
    const error = await (await chirp()).sendSms({ body: { from, to: [to], text: "Hi" }, headers }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidPhoneNumberError);
    expect(error.param).toBe("from");
  });

  it("429 in the string form → RateLimitError whose message is the server's sentence", async () => {
    const headers = mockAnswer("listWebhooks", { status: 429, example: "rate_limit_exceeded" });
    const error = await (await chirp()).listWebhooks({ headers }).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/^429 Too Many Requests: GET \/v1\/webhooks/);
    expect(error.message).toContain("Rate limit exceeded. Try again in 30 seconds.");
  });

  it("without an example, asks for the status alone", () => {
    expect(mockAnswer("sendSms", { status: 424 })).toEqual({ prefer: "code=424" });
  });

  it("refuses what the spec does not document (for callers without the types)", () => {
    const loose = mockAnswer as (op: string, choice: { status: number; example?: string }) => unknown;
    expect(() => loose("sendSms", { status: 403 })).toThrow(/sendSms documents no 403 answer \(it documents 200, 400/);
    expect(() => loose("sendSms", { status: 402, example: "nope" })).toThrow(
      /sendSms 402 has no example "nope" \(its named examples: message_undeliverable\)/,
    );
    expect(() => loose("sendSms", { status: 424, example: "x" })).toThrow(/it has no named example/);
    expect(() => loose("noSuchOperation", { status: 200 })).toThrow(/no operation "noSuchOperation"/);
  });

  it("finds no operation, status or example among Object.prototype's names", () => {
    const loose = mockAnswer as (op: string, choice: { status: number | string; example?: string }) => unknown;
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(() => loose(name, { status: 200 })).toThrow(ChirpConfigError);
      expect(() => loose(name, { status: 200 })).toThrow(`mockAnswer: the spec has no operation "${name}"`);
      for (const example of [undefined, "x"]) {
        const choice = { status: name, ...(example === undefined ? {} : { example }) };
        expect(() => loose("sendSms", choice)).toThrow(ChirpConfigError);
        expect(() => loose("sendSms", choice)).toThrow(
          `mockAnswer: sendSms documents no ${name} answer (it documents 200,`,
        );
      }
      expect(() => loose("sendSms", { status: 402, example: name })).toThrow(
        `mockAnswer: sendSms 402 has no example "${name}" (its named examples: message_undeliverable)`,
      );
    }
  });
});

describe("the mock's cursor lists end", () => {
  const listAll = async (url: string) => {
    const admin = new Chirp({ adminKey: "sk_admin_kit", baseUrl: url, maxRetries: 0 });
    const ids: string[] = [];
    for await (const m of admin.paginate("listOrganizationSmsMessages", { query: { limit: "1" } })) ids.push(m.id);
    return ids;
  };

  it("a request carrying a cursor gets the last page: two pages, then paginate stops", async () => {
    const mock = await startMockServer();
    try {
      const ids = await listAll(mock.url);
      expect(ids.length).toBeGreaterThanOrEqual(2);
      expect(ids.length % 2).toBe(0);
    } finally {
      await mock.close();
    }
  });

  it("the SDK's repeated-cursor guard is untouched: Prism alone still trips it", async () => {
    const mock = await startMockServer({ endLists: false });
    try {
      await expect(listAll(mock.url)).rejects.toThrow(ChirpError);
      await expect(listAll(mock.url)).rejects.toThrow(/repeated cursor/);
    } finally {
      await mock.close();
    }
  });
});
