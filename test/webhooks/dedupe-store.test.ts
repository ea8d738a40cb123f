import { describe, expect, it } from "vitest";
import { memoryDedupeStore, webhookDedupeKey } from "../../src/index.js";
import { webhookEvent } from "../../src/testing/webhooks.js";
import { parseWebhookEvent } from "../../src/webhooks/parse.js";
import { dedupeStoreContract } from "./dedupe-store-contract.js";

dedupeStoreContract("memoryDedupeStore", () => {
  let now = 0;
  const lapse = async () => {
    now += 1000;
  };
  return { store: memoryDedupeStore({ now: () => now }), shortLeaseMs: 1000, lapse };
});

describe("memoryDedupeStore", () => {
  it("lets a claim lapse after its lease (a handler that died)", async () => {
    let now = 0;
    const store = memoryDedupeStore({ now: () => now });
    expect(await store.claim("k", 1000, "A")).toBe("claimed");
    now = 1000;
    expect(await store.claim("k", 1000, "B")).toBe("claimed");
  });

  it("forgets the oldest keys past maxEntries", async () => {
    const store = memoryDedupeStore({ maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await store.complete(key, 60_000, "o");
    expect(await store.claim("a", 1000, "o")).toBe("claimed");
    expect(await store.claim("c", 1000, "o")).toBe("done");
  });
});

describe("webhookDedupeKey", () => {
  const key = (event: object) => webhookDedupeKey(parseWebhookEvent(JSON.stringify(event)));

  it("uses eventId when there is one", () => {
    const event = webhookEvent("calls.recording.completed", { eventId: "evt_1" });
    expect(key(event)).toBe("calls.recording.completed:evt_1");
  });

  it("uses event + message id for messages (new and legacy)", () => {
    expect(key(webhookEvent("messages.whatsapp.read", { data: { message: { id: "msg_wa_1" } } }))).toBe(
      "messages.whatsapp.read:msg_wa_1",
    );
    expect(key(webhookEvent("MESSAGE_SENT", { data: { id: "msg_sms_1" } }))).toBe("MESSAGE_SENT:msg_sms_1");
  });

  it("adds the timestamp for events that recur for one resource (a template approved, then paused)", () => {
    const approved = webhookEvent("templates.whatsapp.updated", {
      timestamp: "2026-01-01T00:00:00Z",
      data: { template: { id: "tmpl_wa_1" } },
    });
    const paused = { ...approved, timestamp: "2026-01-02T00:00:00Z" };
    expect(key(approved)).toBe("templates.whatsapp.updated:tmpl_wa_1:2026-01-01T00:00:00Z");
    expect(key(paused)).not.toBe(key(approved));
  });

  it("gives no key to an unknown event without eventId (handled every time)", () => {
    expect(key({ event: "x.y", data: { thing: { id: "1" } } })).toBeUndefined();
    expect(key({ event: "x.y", eventId: "e1" })).toBe("x.y:e1");
  });
});
