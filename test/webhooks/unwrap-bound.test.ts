// Webhooks.unwrap gets a body that is already read; it still refuses one over
// maxBodyBytes before decoding or parsing it, and only after the secret matched.
import { describe, expect, it } from "vitest";
import { ChirpConfigError, WebhookParseError, Webhooks, WebhookVerificationError } from "../../src/index.js";
import { webhookEvent } from "../../src/testing/webhooks.js";

const options = { secretHeader: "X-Webhook-Secret", secret: "s3cret" };
const headers = new Headers({ "x-webhook-secret": "s3cret" });
const MAX = 1_048_576;

function reason(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookParseError) return error.reason;
    throw error;
  }
  return undefined;
}

describe("Webhooks.unwrap bounds the raw body (default 1 MiB)", () => {
  const unwrap = (body: Parameters<Webhooks["unwrap"]>[0], max?: number) =>
    new Webhooks().unwrap(body, headers, { ...options, ...(max === undefined ? {} : { maxBodyBytes: max }) });

  it.each([
    ["a string", "a".repeat(MAX + 1)],
    ["a string of 2-byte characters", "é".repeat(MAX / 2 + 1)],
    ["a string of 4-byte characters (surrogate pairs)", "😀".repeat(MAX / 4 + 1)],
    ["a Uint8Array", new Uint8Array(MAX + 1)],
    ["an ArrayBuffer", new ArrayBuffer(MAX + 1)],
  ])("%s one byte over: WebhookParseError too_large", (_, body) => {
    expect(reason(() => unwrap(body))).toBe("too_large");
  });

  it.each([
    ["a string", "a".repeat(MAX)],
    ["a string of 2-byte characters", "é".repeat(MAX / 2)],
    ["a string of 4-byte characters", "😀".repeat(MAX / 4)],
    ["a Uint8Array", new Uint8Array(MAX)],
  ])("%s of exactly maxBodyBytes is measured as within (then rejected as not JSON)", (_, body) => {
    expect(reason(() => unwrap(body))).not.toBe("too_large");
  });

  it("takes its own maxBodyBytes", () => {
    const text = JSON.stringify(webhookEvent("messages.sms.received"));
    expect(reason(() => unwrap(text, text.length - 1))).toBe("too_large");
    expect(unwrap(text, text.length).event).toBe("messages.sms.received");
  });

  it("checks the secret first: a wrong secret with a huge body is a WebhookVerificationError", () => {
    const run = () => new Webhooks().unwrap("a".repeat(MAX * 4), new Headers({ "x-webhook-secret": "no" }), options);
    expect(run).toThrow(WebhookVerificationError);
  });

  it("does not measure a body a JSON parser already made into an object (its parser's limit bounded it)", () => {
    const event = webhookEvent("messages.sms.received", { data: { message: { text: "x".repeat(MAX) } } });
    expect(unwrap(JSON.parse(JSON.stringify(event))).event).toBe("messages.sms.received");
  });

  it.each([0, -5, 2.5, "1mb"])("maxBodyBytes %s is a ChirpConfigError", (max) => {
    expect(() => unwrap("{}", max as number)).toThrow(ChirpConfigError);
  });
});
