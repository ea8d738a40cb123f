import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { describe, expectTypeOf, it } from "vitest";
import {
  type ChirpWebhookEvent,
  type components,
  createWebhookHandler,
  type NodeRequestLike,
  type NodeResponseLike,
  type WebhookEvent,
  type WebhookEventOf,
  type WebhookEventType,
  type WebhookHeaders,
  Webhooks,
} from "../../src/index.js";
import { webhookEvent } from "../../src/testing/webhooks.js";

declare const event: ChirpWebhookEvent;

describe("ChirpWebhookEvent", () => {
  it("narrows on event, including unknown and legacy events", () => {
    switch (event.event) {
      case "messages.sms.received":
        expectTypeOf(event.data.message.text).toEqualTypeOf<string | null>();
        expectTypeOf(event.data.app.id).toBeString();
        break;
      case "messages.whatsapp.received":
        expectTypeOf(event.data.message.direction).toEqualTypeOf<"inbound">();
        expectTypeOf(event.data.message.conversationWindow?.expiresAt).toEqualTypeOf<string | undefined>();
        break;
      case "calls.failed":
        expectTypeOf(event.eventId).toBeString();
        expectTypeOf(event.data.error).toEqualTypeOf<components["schemas"]["ApiError"]["error"]>();
        break;
      case "MESSAGE_CREATED":
        expectTypeOf(event.data.type).toEqualTypeOf<"SMS" | "MMS">();
        break;
      case "unknown":
        expectTypeOf(event.name).toBeString();
        expectTypeOf(event.data).toBeUnknown();
        break;
    }
  });

  it("has no error on events that are not failures, and no call on messages", () => {
    const sent = {} as WebhookEvent<"messages.sms.sent">;
    // @ts-expect-error only *.failed events carry an error
    sent.data.error;
    // @ts-expect-error a message event has no call
    sent.data.call;
  });

  it("types an event the spec may add to a known family", () => {
    expectTypeOf<WebhookEventOf<"calls.ringing">["data"]["call"]["id"]>().toBeString();
    expectTypeOf<WebhookEventOf<"calls.ringing">["eventId"]>().toBeString();
  });

  it("covers every spec event name", () => {
    expectTypeOf<WebhookEventType>().toExtend<Exclude<ChirpWebhookEvent["event"], "unknown">>();
  });
});

describe("createWebhookHandler", () => {
  it("gives each handler its own event type and refuses unknown names", () => {
    createWebhookHandler({
      secretHeader: "X-Webhook-Secret",
      secret: "s",
      on: {
        "messages.whatsapp.read": (e) => expectTypeOf(e.data.message.readAt).toEqualTypeOf<string | null | undefined>(),
        MESSAGE_DELIVERED: (e) => expectTypeOf(e.data.id).toBeString(),
        // @ts-expect-error not an event name
        "messages.sms.recieved": () => {},
      },
    });
  });
});

describe("webhookEvent", () => {
  it("returns the event type of its name and checks overrides", () => {
    expectTypeOf(webhookEvent("calls.initiated").data.call.id).toBeString();
    // @ts-expect-error text is a string
    webhookEvent("messages.sms.received", { data: { message: { text: 1 } } });
  });
});

describe("Node types", () => {
  it("accepts IncomingHttpHeaders, IncomingMessage and ServerResponse structurally", () => {
    expectTypeOf<IncomingHttpHeaders>().toExtend<WebhookHeaders>();
    expectTypeOf<IncomingMessage>().toExtend<NodeRequestLike>();
    expectTypeOf<ServerResponse>().toExtend<NodeResponseLike>();
    expectTypeOf(new Webhooks().unwrap).parameter(1).toEqualTypeOf<WebhookHeaders>();
  });
});
