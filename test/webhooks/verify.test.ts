import { describe, expect, it } from "vitest";
import { ChirpConfigError, Webhooks, WebhookVerificationError } from "../../src/index.js";
import { webhookEvent } from "../../src/testing/webhooks.js";
import { readHeader, timingSafeEqual } from "../../src/webhooks/verify.js";

const SECRET = "whsec-correct-horse-battery";
const opts = { secretHeader: "X-Webhook-Secret", secret: SECRET };
const body = JSON.stringify(webhookEvent("messages.sms.received"));
// A client built with no keys at all: unwrap needs none.
const webhooks = new Webhooks();

function failure(run: () => unknown): WebhookVerificationError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error;
    throw error;
  }
  throw new Error("expected a WebhookVerificationError");
}

describe("the secret header", () => {
  it.each([
    ["lower-case plain object", { "x-webhook-secret": SECRET }],
    ["as registered", { "X-Webhook-Secret": SECRET }],
    ["upper-case", { "X-WEBHOOK-SECRET": SECRET }],
    ["a one-element array (Node)", { "x-webhook-secret": [SECRET] }],
    ["a Headers object", new Headers({ "X-WEBHOOK-SECRET": SECRET })],
  ])("matches from %s", (_name, headers) => {
    expect(webhooks.unwrap(body, headers, opts).event).toBe("messages.sms.received");
  });

  it("is matched case-insensitively whatever case the option uses", () => {
    const event = webhooks.unwrap(body, { "x-webhook-secret": SECRET }, { ...opts, secretHeader: "X-WEBHOOK-secret" });
    expect(event.event).toBe("messages.sms.received");
  });

  it.each([
    ["wrong", { "x-webhook-secret": "whsec-correct-horse-batterx" }, "mismatch"],
    ["a prefix of the secret", { "x-webhook-secret": SECRET.slice(0, -1) }, "mismatch"],
    ["longer than the secret", { "x-webhook-secret": `${SECRET}x` }, "mismatch"],
    ["empty", { "x-webhook-secret": "" }, "mismatch"],
    ["missing", { "content-type": "application/json" }, "missing_header"],
    ["in another header", { "x-app-id": SECRET }, "missing_header"],
    ["sent twice (array)", { "x-webhook-secret": [SECRET, SECRET] }, "repeated_header"],
    ["sent twice (two cases)", { "x-webhook-secret": SECRET, "X-Webhook-Secret": SECRET }, "repeated_header"],
    [
      "joined by Headers",
      new Headers([
        ["x-webhook-secret", SECRET],
        ["x-webhook-secret", SECRET],
      ]),
      "mismatch",
    ],
  ])("rejects a secret that is %s", (_name, headers, reason) => {
    const error = failure(() => webhooks.unwrap(body, headers, opts));
    expect(error.reason).toBe(reason);
    expect(error.header).toBe("X-Webhook-Secret");
  });

  it("never echoes the secret or the received value", () => {
    const error = failure(() => webhooks.unwrap(body, { "x-webhook-secret": "guess-123456" }, opts));
    const dump = `${error.message} ${error.stack} ${JSON.stringify(error)}`;
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain("guess-123456");
    expect(error.message).toBe(
      "Webhook verification failed: the secret header does not match (header X-Webhook-Secret)",
    );
  });

  it("is checked before the body is parsed", () => {
    expect(() => webhooks.unwrap("not json", {}, opts)).toThrow(WebhookVerificationError);
  });

  it("accepts any of several secrets during a rotation", () => {
    const rotation = { ...opts, secret: ["old-secret", SECRET] };
    expect(webhooks.unwrap(body, { "x-webhook-secret": SECRET }, rotation).event).toBe("messages.sms.received");
    expect(webhooks.unwrap(body, { "x-webhook-secret": "old-secret" }, rotation).event).toBe("messages.sms.received");
    expect(failure(() => webhooks.unwrap(body, { "x-webhook-secret": "other" }, rotation)).reason).toBe("mismatch");
  });

  it.each([
    ["an empty secret", { ...opts, secret: "" }],
    ["no secrets", { ...opts, secret: [] }],
    ["an empty header name", { ...opts, secretHeader: " " }],
  ])("refuses %s as a setup error", (_name, bad) => {
    expect(() => webhooks.unwrap(body, { "x-webhook-secret": "" }, bad)).toThrow(ChirpConfigError);
  });
});

describe("timingSafeEqual", () => {
  it.each([
    ["abc", "abc", true],
    ["abc", "abd", false],
    ["ab", "abc", false],
    ["abcd", "abc", false],
    ["", "abc", false],
    ["", "", true],
    ["héllo", "héllo", true],
    ["héllo", "hello", false],
  ])("%j vs %j → %s", (a, b, equal) => {
    expect(timingSafeEqual(a, b)).toBe(equal);
  });
});

describe("readHeader", () => {
  it("skips undefined values", () => {
    expect(readHeader({ "x-a": undefined, "X-A": "1" }, "x-a")).toBe("1");
  });
});
