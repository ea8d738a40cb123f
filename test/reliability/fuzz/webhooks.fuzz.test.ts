// Property: whatever body and headers reach a webhook endpoint, `unwrap` returns an
// event or throws a ChirpError (never a TypeError from a missing field), and neither
// the webhook secret nor an API key in the delivery shows in the error.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChirpError, Webhooks, webhookEventTypes } from "../../../src/index.js";
import { SECRET as KEY_SECRET } from "../clients.js";
import { everyStringForm } from "../string-forms.js";
import { INHERITED, jsonText, printable } from "./arbitraries.js";
import { check } from "./seed.js";

const WEBHOOK_SECRET = "whsec-fuzz-never-leaks-4242";
const options = { secretHeader: "X-Webhook-Secret", secret: WEBHOOK_SECRET };
const webhooks = new Webhooks();

const eventName = fc.oneof(
  fc.constantFrom(...webhookEventTypes),
  fc.constantFrom(...INHERITED),
  fc.string({ maxLength: 30 }),
);
const leaf = fc.oneof(
  jsonText.map((t) => `"${t}"`),
  fc.constantFrom("null", "1", "true", "[]", "{}"),
);
const body = fc.oneof(
  fc
    .record({
      event: fc.option(eventName),
      timestamp: fc.option(leaf),
      eventId: fc.option(leaf),
      id: fc.option(leaf),
      app: fc.option(leaf),
    })
    .map((r) => {
      const data = `{"app": ${r.app === null ? "{}" : `{"id": ${r.app}}`}, "message": {"id": ${r.id ?? "null"}}, "error": {}}`;
      const fields = [`"data": ${data}`];
      if (r.event !== null) fields.push(`"event": ${JSON.stringify(r.event)}`);
      if (r.timestamp !== null) fields.push(`"timestamp": ${r.timestamp}`);
      if (r.eventId !== null) fields.push(`"eventId": ${r.eventId}`);
      return `{${fields.join(", ")}}`;
    }),
  fc.string({ maxLength: 100 }),
  // Not JSON, with a key inside: a parser's message quotes the start of the text.
  printable,
  fc.uint8Array({ maxLength: 64 }),
);
const secretValue = fc.oneof(fc.constant(WEBHOOK_SECRET), printable, fc.constant(`${WEBHOOK_SECRET} `));
const headers = fc.oneof(
  fc.record({ "x-webhook-secret": secretValue }, { requiredKeys: [] }),
  fc.record({
    "X-Webhook-Secret": fc.array(secretValue, { maxLength: 3 }),
    "x-webhook-secret": fc.option(secretValue, { nil: undefined }),
  }),
  fc.dictionary(fc.constantFrom(...INHERITED, "x-webhook-secret", "X-WEBHOOK-SECRET"), secretValue),
  secretValue.map((v) => new Headers({ "x-webhook-secret": v })),
);

describe("fuzz: webhook deliveries", () => {
  it("unwrap returns an event or throws a ChirpError holding neither secret", async () => {
    await check(
      fc.asyncProperty(body, headers, async (b, h) => {
        try {
          webhooks.unwrap(b, h as Record<string, string>, options);
        } catch (error) {
          expect(error).toBeInstanceOf(ChirpError);
          for (const form of everyStringForm(error)) {
            expect(form).not.toContain(WEBHOOK_SECRET);
            expect(form).not.toContain(KEY_SECRET);
          }
        }
      }),
      2500,
    );
  });
});
