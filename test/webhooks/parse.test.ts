import { describe, expect, it } from "vitest";
import {
  legacyWebhookEventTypes,
  parseWebhookEvent,
  WebhookParseError,
  Webhooks,
  webhookEventTypes,
} from "../../src/index.js";
import { webhookEvent } from "../../src/testing/webhooks.js";
import { specFacts } from "../spec-facts.js";

const opts = { secretHeader: "X-Webhook-Secret", secret: "s3cret" };
const headers = { "x-webhook-secret": "s3cret" };
const unwrap = (body: string | Uint8Array) => new Webhooks().unwrap(body, headers, opts);

describe("every documented event type parses", () => {
  it.each([...webhookEventTypes])("%s", (type) => {
    const event = webhookEvent(type);
    const parsed = unwrap(JSON.stringify(event));
    expect(parsed).toEqual(event);
    expect(parsed.event).toBe(type);
  });

  it("covers every event of the spec's WebhookEventType enum", () => {
    expect([...webhookEventTypes]).toEqual(specFacts().webhookEvents);
  });
});

describe("payload shapes from the docs", () => {
  it("SMS received, as in the webhook reference", () => {
    const body = {
      event: "messages.sms.received",
      timestamp: "2026-01-05T10:00:00Z",
      data: {
        message: {
          ...{ id: "msg_sms_2abc", direction: "inbound", from: "+15559876543", to: "+15551234567", text: "Hi" },
          ...{ type: "sms", mediaUrl: null, mediaId: null, receivedAt: "2026-01-05T10:00:00Z" },
          ...{ sentAt: null, completedAt: null, occurredAt: "2026-01-05T10:00:00Z" },
        },
        app: { id: "app_2xyz" },
      },
    };
    const event = unwrap(JSON.stringify(body));
    if (event.event !== "messages.sms.received") throw new Error("wrong event");
    expect(event.data.message.text).toBe("Hi");
    expect(event.data.app.id).toBe("app_2xyz");
  });

  it("WhatsApp received carries the conversation window", () => {
    const event = unwrap(JSON.stringify(webhookEvent("messages.whatsapp.received")));
    if (event.event !== "messages.whatsapp.received") throw new Error("wrong event");
    expect(event.data.message.direction).toBe("inbound");
    expect(event.data.message.conversationWindow?.id).toMatch(/^wacw_test_/);
  });

  it("calls carry eventId and data.call", () => {
    const event = unwrap(JSON.stringify(webhookEvent("calls.initiated")));
    if (event.event !== "calls.initiated") throw new Error("wrong event");
    expect(event.eventId).toMatch(/^evt_test_/);
    expect(event.data.call.fromChannel).toBe("pstn");
  });

  it.each(["messages.sms.failed", "messages.whatsapp.failed", "calls.failed"] as const)(
    "%s carries the API error object",
    (type) => {
      const event = unwrap(JSON.stringify(webhookEvent(type)));
      if (!event.event.endsWith(".failed") || !("error" in (event.data as object))) throw new Error("no error");
      expect((event.data as { error: { type: string } }).error.type).toBe("provider_error");
    },
  );
});

describe("legacy flat events", () => {
  it.each([...legacyWebhookEventTypes])("%s from the fixture", (type) => {
    const event = webhookEvent(type);
    expect(unwrap(JSON.stringify(event))).toEqual(event);
  });

  it("MESSAGE_CREATED exactly as the older SMS guide shows it (no timestamp, no app)", () => {
    const body = {
      event: "MESSAGE_CREATED",
      data: {
        ...{ id: "msg_sms_1", from: "+15559876543", to: "+15551234567", text: null, subject: "Pic" },
        ...{ mediaUrls: ["https://x.test/a.jpg"], type: "MMS", direction: "INBOUND", status: "RECEIVED" },
        createdAt: "2026-01-05T10:00:00Z",
      },
    };
    const event = unwrap(JSON.stringify(body));
    if (event.event !== "MESSAGE_CREATED") throw new Error("wrong event");
    expect(event.data.mediaUrls).toEqual(["https://x.test/a.jpg"]);
  });
});

describe("unknown events", () => {
  it("parse as a typed unknown event with the raw body", () => {
    const body = { event: "groups.whatsapp.created", timestamp: "2026-01-05T10:00:00Z", data: { group: { id: "g1" } } };
    const event = unwrap(JSON.stringify(body));
    expect(event).toEqual({
      event: "unknown",
      name: "groups.whatsapp.created",
      timestamp: "2026-01-05T10:00:00Z",
      data: { group: { id: "g1" } },
      raw: body,
    });
  });

  it("need no particular envelope beyond a name", () => {
    expect(parseWebhookEvent('{"event":"x.y"}')).toMatchObject({ event: "unknown", name: "x.y", data: undefined });
  });
});

describe("bodies that are not events", () => {
  const sms = () => webhookEvent("messages.sms.sent") as unknown as Record<string, Record<string, unknown>>;
  const without = (path: string[]) => {
    const event = sms();
    let at: Record<string, unknown> = event;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
    delete at[path.at(-1)!];
    return JSON.stringify(event);
  };
  it.each([
    ["not JSON", "{nope", ""],
    ["an array", "[]", ""],
    ["no event", JSON.stringify({ data: {} }), "event"],
    ["no timestamp", without(["timestamp"]), "timestamp"],
    ["no data.app", without(["data", "app"]), "data.app"],
    ["no data.message", without(["data", "message"]), "data.message"],
    ["no message id", without(["data", "message", "id"]), "data.message.id"],
    ["a call without eventId", JSON.stringify({ ...webhookEvent("calls.answered"), eventId: undefined }), "eventId"],
    [
      "a failure without error",
      JSON.stringify({ ...webhookEvent("messages.sms.failed"), data: sms().data }),
      "data.error",
    ],
    ["a legacy event without data.id", JSON.stringify({ event: "MESSAGE_SENT", data: {} }), "data.id"],
  ])("%s → WebhookParseError naming the field", (_name, body, path) => {
    let error: unknown;
    try {
      unwrap(body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WebhookParseError);
    expect((error as WebhookParseError).path).toBe(path);
  });

  it.each([
    ["no body at all", undefined, "no_body"],
    ["an empty body", "", "no_body"],
    ["a blank body", " \n", "no_body"],
    ["bytes that are not UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), "not_utf8"],
    ["not JSON", "{nope", "not_json"],
    ["a JSON array", "[]", "not_an_object"],
    ["a JSON string", '"hi"', "not_an_object"],
    ["no event", JSON.stringify({ data: {} }), "invalid_field"],
    ["no message id", without(["data", "message", "id"]), "invalid_field"],
  ] as const)("%s → WebhookParseError with its reason", (_name, body, reason) => {
    let error: unknown;
    try {
      parseWebhookEvent(body as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WebhookParseError);
    expect((error as WebhookParseError).reason).toBe(reason);
  });

  it("bytes that are not UTF-8", () => {
    expect(() => unwrap(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow(/not UTF-8/);
  });

  it("accepts the body as bytes", () => {
    const event = webhookEvent("messages.whatsapp.read");
    expect(unwrap(new TextEncoder().encode(JSON.stringify(event)))).toEqual(event);
  });
});
