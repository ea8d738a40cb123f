import { describe, expect, it, vi } from "vitest";
import {
  ChirpConfigError,
  createWebhookHandler,
  memoryDedupeStore,
  type WebhookClaim,
  type WebhookDedupeStore,
  type WebhookHandlerOptions,
} from "../../src/index.js";
import { webhookEvent } from "../../src/testing/webhooks.js";

const SECRET = "s3cret";
const auth = { secretHeader: "X-Webhook-Secret", secret: SECRET };
const quiet = { onError: () => {} };

function post(event: object | string, headers: Record<string, string> = { "x-webhook-secret": SECRET }): Request {
  return new Request("http://localhost/webhooks", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof event === "string" ? event : JSON.stringify(event),
  });
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function handlerWith(on: WebhookHandlerOptions["on"], extra: Partial<WebhookHandlerOptions> = {}) {
  return createWebhookHandler({ ...auth, ...quiet, on, ...extra });
}

describe("answers", () => {
  it("200 once the handler has run, with the typed event", async () => {
    const seen: string[] = [];
    const handler = handlerWith({
      "messages.sms.received": async (event) => {
        seen.push(event.data.message.text ?? "");
      },
    });
    const response = await handler(post(webhookEvent("messages.sms.received", { data: { message: { text: "hi" } } })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, handled: true, duplicate: false });
    expect(seen).toEqual(["hi"]);
  });

  it.each([
    ["a missing secret", {}],
    ["a wrong secret", { "x-webhook-secret": "nope" }],
  ])("401 for %s, without running the handler or echoing the secret", async (_name, headers) => {
    const run = vi.fn();
    const response = await handlerWith({ "messages.sms.received": run })(
      post(webhookEvent("messages.sms.received"), headers),
    );
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain(SECRET);
    expect(run).not.toHaveBeenCalled();
  });

  it("400 for a body that is not an event, naming the field", async () => {
    const response = await handlerWith({})(post({ event: "messages.sms.sent", data: {} }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Webhook body rejected: timestamp must be a non-empty string" });
  });

  it("405 for anything but POST", async () => {
    const response = await handlerWith({})(new Request("http://localhost/webhooks"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("413 for a body over maxBodyBytes", async () => {
    const response = await handlerWith({}, { maxBodyBytes: 100 })(post(webhookEvent("messages.sms.received")));
    expect(response.status).toBe(413);
  });

  it("200 unhandled for unknown and unsubscribed events, so Chirp does not retry them", async () => {
    const handler = handlerWith({ "calls.initiated": vi.fn() });
    for (const event of [webhookEvent("templates.whatsapp.updated"), webhookEvent("groups.whatsapp.created")]) {
      const response = await handler(post(event));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, handled: false });
    }
  });

  it("runs the fallback for unknown and unsubscribed events", async () => {
    const names: string[] = [];
    const handler = handlerWith(
      {},
      { fallback: (event) => void names.push(event.event === "unknown" ? `?${event.name}` : event.event) },
    );
    await handler(post(webhookEvent("groups.whatsapp.created")));
    await handler(post(webhookEvent("MESSAGE_CREATED")));
    expect(names).toEqual(["?groups.whatsapp.created", "MESSAGE_CREATED"]);
  });

  it("500 when the handler throws, reported to onError but not to Chirp", async () => {
    const onError = vi.fn();
    const handler = handlerWith(
      {
        "calls.failed": () => {
          throw new Error("db down: password=hunter2");
        },
      },
      { onError },
    );
    const response = await handler(post(webhookEvent("calls.failed")));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("hunter2");
    expect(onError).toHaveBeenCalledOnce();
  });

  it("refuses a handler built without a secret", () => {
    expect(() => createWebhookHandler({ secretHeader: "X-Webhook-Secret", secret: "", on: {} })).toThrow(
      ChirpConfigError,
    );
  });
});

describe("redeliveries", () => {
  it("run the handler once; the redelivery is answered 200 duplicate", async () => {
    const run = vi.fn();
    const handler = handlerWith({ "messages.whatsapp.delivered": run });
    const event = webhookEvent("messages.whatsapp.delivered");
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++) answers.push(await (await handler(post(event))).json());
    expect(run).toHaveBeenCalledOnce();
    expect(answers.slice(1)).toEqual(Array(4).fill({ received: true, handled: true, duplicate: true }));
  });

  it("of calls dedupe by eventId, others by event + resource id", async () => {
    const run = vi.fn();
    const handler = handlerWith({ "calls.completed": run, "messages.sms.sent": run, "messages.sms.delivered": run });
    const call = webhookEvent("calls.completed");
    await handler(post(call));
    await handler(post({ ...call, timestamp: "2030-01-01T00:00:00Z" })); // same eventId
    await handler(post(webhookEvent("calls.completed", { data: { call: { id: call.data.call.id } } }))); // new eventId
    const sent = webhookEvent("messages.sms.sent");
    await handler(post(sent));
    await handler(post({ ...sent, timestamp: "2030-01-01T00:00:00Z" })); // same event + message id
    await handler(post({ ...sent, event: "messages.sms.delivered" })); // a different event of the same message
    expect(run).toHaveBeenCalledTimes(4);
  });

  it("run the handler again after it failed, and then no more", async () => {
    let calls = 0;
    const handler = handlerWith({
      "messages.sms.received": () => {
        calls++;
        if (calls === 1) throw new Error("transient");
      },
    });
    const event = webhookEvent("messages.sms.received");
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) statuses.push((await handler(post(event))).status);
    expect(statuses).toEqual([500, 200, 200]);
    expect(calls).toBe(2);
  });

  it("arriving while the first is still running get 409, never a second concurrent run", async () => {
    const gate = deferred();
    const started = deferred();
    const run = vi.fn(() => {
      started.resolve();
      return gate.promise;
    });
    const handler = handlerWith({ "messages.sms.received": run });
    const event = webhookEvent("messages.sms.received");
    const first = handler(post(event));
    await started.promise;
    const second = await handler(post(event));
    expect(second.status).toBe(409);
    gate.resolve();
    expect((await first).status).toBe(200);
    expect(await (await handler(post(event))).json()).toMatchObject({ duplicate: true });
    expect(run).toHaveBeenCalledOnce();
  });

  it("are recognised across machines sharing an async store", async () => {
    const shared = new Map<string, string>();
    // A Redis-like store: every call is async, the claim is one atomic step.
    const store: WebhookDedupeStore = {
      async claim(key): Promise<WebhookClaim> {
        await Promise.resolve();
        const state = shared.get(key);
        if (state === undefined) {
          shared.set(key, "pending");
          return "claimed";
        }
        return state === "done" ? "done" : "in_progress";
      },
      async complete(key) {
        shared.set(key, "done");
      },
      async release(key) {
        shared.delete(key);
      },
    };
    const run = vi.fn();
    const machineA = handlerWith({ "contacts.whatsapp.updated": run }, { store });
    const machineB = handlerWith({ "contacts.whatsapp.updated": run }, { store });
    const event = webhookEvent("contacts.whatsapp.updated");
    expect((await machineA(post(event))).status).toBe(200);
    expect(await (await machineB(post(event))).json()).toMatchObject({ duplicate: true });
    expect(run).toHaveBeenCalledOnce();
  });

  it("are handled again once the store has forgotten them (TTL)", async () => {
    let now = 1_000_000;
    const run = vi.fn();
    const store = memoryDedupeStore({ now: () => now });
    const handler = handlerWith({ "messages.sms.sent": run }, { store, dedupeTtlMs: 60_000 });
    const event = webhookEvent("messages.sms.sent");
    await handler(post(event));
    now += 59_999;
    await handler(post(event));
    expect(run).toHaveBeenCalledOnce();
    now += 1;
    await handler(post(event));
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("give each delivery its own owner token, the one its complete or release then carries", async () => {
    const inner = memoryDedupeStore();
    const calls: string[][] = [];
    const store: WebhookDedupeStore = {
      claim(key, leaseMs, owner) {
        calls.push(["claim", key, owner]);
        return inner.claim(key, leaseMs, owner);
      },
      complete(key, ttlMs, owner) {
        calls.push(["complete", key, owner]);
        return inner.complete(key, ttlMs, owner);
      },
      release(key, owner) {
        calls.push(["release", key, owner]);
        return inner.release(key, owner);
      },
    };
    let fail = true;
    const handler = handlerWith(
      {
        "messages.sms.sent": () => {
          if (fail) throw new Error("first attempt fails");
        },
      },
      { store },
    );
    const event = webhookEvent("messages.sms.sent");
    expect((await handler(post(event))).status).toBe(500);
    fail = false;
    expect((await handler(post(event))).status).toBe(200);
    expect(calls.map(([call]) => call)).toEqual(["claim", "release", "claim", "complete"]);
    const [first, second] = [calls[0]![2], calls[2]![2]];
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
    expect(calls[1]![2]).toBe(first);
    expect(calls[3]![2]).toBe(second);
  });

  it("answer 500 when the store fails before the handler, so Chirp retries", async () => {
    const run = vi.fn();
    const broken: WebhookDedupeStore = {
      claim: () => Promise.reject(new Error("redis down")),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    const response = await handlerWith(
      { "messages.sms.sent": run },
      { store: broken },
    )(post(webhookEvent("messages.sms.sent")));
    expect(response.status).toBe(500);
    expect(run).not.toHaveBeenCalled();
  });
});
