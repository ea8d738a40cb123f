// createSandbox() as an app's test meets it: the real Chirp client (and plain fetch)
// against the sandbox, one describe per promise of issue 17. After each test every
// answer the sandbox gave is checked against openapi/openapi.json by ajv (spec-check.ts).
import { setupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import {
  Chirp,
  ChirpConnectionError,
  ChirpTimeoutError,
  ConversationWindowExpiredError,
  createWebhookHandler,
  InvalidPhoneNumberError,
  MessageUndeliverableError,
  PhoneNumberNotAssignedError,
  RateLimitError,
  RecipientNotOnWhatsappError,
  TestAppRequiredError,
} from "../../src/index.js";
import {
  createSandbox,
  DELIVERED_AFTER_MS,
  type Sandbox,
  type SandboxOptions,
  SENT_AFTER_MS,
  testNumbers,
} from "../../src/testing/index.js";
import { deliveryProblems, recordedProblems } from "./spec-check.js";

const APP_KEY = "sk_test_app_sandbox_suite_0123456789";
const LIVE_KEY = "sk_live_app_sandbox_suite_0123456789";
const ADMIN_KEY = "sk_admin_sandbox_suite_0123456789";
const FROM = "+15551234567";
const CUSTOMER = "+15559876543";

const opened: Sandbox[] = [];
function sandboxFor(options?: SandboxOptions): Sandbox {
  const s = createSandbox({ startTime: Date.UTC(2026, 0, 1), ...options });
  opened.push(s);
  return s;
}
const clientOf = (s: Sandbox, extra: Partial<ConstructorParameters<typeof Chirp>[0]> = {}) =>
  new Chirp({ appKey: APP_KEY, adminKey: ADMIN_KEY, fetch: s.fetch, ...extra });

afterEach(async () => {
  // The independent check: every answer of the test valid against the spec, every webhook a documented event.
  for (const s of opened.splice(0)) {
    expect(recordedProblems(s)).toEqual([]);
    expect(deliveryProblems(s.webhooks())).toEqual([]);
    await s.close();
  }
});

/** A webhook receiver that keeps what it got; answers `status` (200). */
function receiver(status = 200) {
  // biome-ignore lint/suspicious/noExplicitAny: payloads are read field by field
  const got: { headers: Headers; body: { event: string; data: Record<string, any> } }[] = [];
  const handler = async (request: Request) => {
    got.push({ headers: request.headers, body: await request.json() });
    return new Response("ok", { status });
  };
  return { got, handler, events: () => got.map((g) => g.body.event) };
}

describe("plugs in without touching the app", () => {
  it("sandbox.fetch is a fetch function: the client sends through it, no port opened", async () => {
    const s = sandboxFor();
    const sent = await clientOf(s).sendSms({ body: { from: FROM, to: [CUSTOMER], text: "hi" } });
    expect(sent.id).toMatch(/^msg_sms_test_[a-zA-Z0-9]{27}$/);
    expect(s.url).toBeUndefined();
    expect(s.requests("sendSms")).toHaveLength(1);
  });

  it("listen() serves the same sandbox on 127.0.0.1; close() stops it", async () => {
    const s = sandboxFor();
    const url = await s.listen();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: url });
    const sent = await chirp.sendSms({ body: { from: FROM, to: [CUSTOMER], text: "over http" } });
    expect(s.requests("sendSms")[0]?.body).toEqual({ from: FROM, to: [CUSTOMER], text: "over http" });
    expect(sent.status).toBe("QUEUED");
    await s.close();
    expect(s.url).toBeUndefined();
    await expect(fetch(`${url}/v1/sms`)).rejects.toThrow();
  });

  it("handlers() answers through MSW's setupServer", async () => {
    const s = sandboxFor();
    const server = setupServer(...((await s.handlers()) as Parameters<typeof setupServer>));
    server.listen({ onUnhandledRequest: "error" });
    try {
      const chirp = new Chirp({ appKey: APP_KEY });
      const sent = await chirp.sendSms({ body: { from: FROM, to: [CUSTOMER], text: "via msw" } });
      expect(s.requests("sendSms")[0]?.body).toMatchObject({ text: "via msw" });
      expect(sent.id).toMatch(/^msg_sms_test_/);
    } finally {
      server.close();
    }
  });
});

describe("answers like Chirp", () => {
  it("app operations refuse an admin key, admin operations an app key (401)", async () => {
    const s = sandboxFor();
    const wrong = new Chirp({ appKey: ADMIN_KEY.replace("sk_admin_", "sk_test_app_"), fetch: s.fetch });
    const viaFetch = await s.fetch("https://api.buildwithchirp.com/v1/organization/sms/messages", {
      headers: { authorization: `Bearer ${APP_KEY}` },
    });
    expect(viaFetch.status).toBe(401);
    expect(await viaFetch.json()).toMatchObject({ error: { type: "authentication_error" } });
    const adminOnApp = await s.fetch("https://api.buildwithchirp.com/v1/sms", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ from: FROM, to: [CUSTOMER] }),
    });
    expect(adminOnApp.status).toBe(401);
    const none = await s.fetch("https://api.buildwithchirp.com/v1/webhooks");
    expect(none.status).toBe(401);
    await expect(wrong.listWebhooks()).resolves.toEqual({ webhooks: [] });
  });

  it("a live key on a Playground endpoint gets test_app_required", async () => {
    const s = sandboxFor();
    const live = new Chirp({ appKey: LIVE_KEY, fetch: s.fetch });
    const error = await live
      .simulateInboundSms({ body: { from: CUSTOMER, to: FROM, text: "hello" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestAppRequiredError);
    expect(s.webhooks()).toEqual([]);
  });

  it("a body that breaks the schema is a 400 naming the field", async () => {
    const s = sandboxFor();
    const post = (body: unknown) =>
      s.fetch("https://api.buildwithchirp.com/v1/sms", {
        method: "POST",
        headers: { authorization: `Bearer ${APP_KEY}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const missing = await post({ to: [CUSTOMER] });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { type: "invalid_request_error", param: "from" } });
    const emptyTo = await post({ from: FROM, to: [] });
    expect(await emptyTo.json()).toMatchObject({ error: { param: "to" } });
    const badEnum = await post({ from: FROM, to: [CUSTOMER], transport: "fax" });
    expect(await badEnum.json()).toMatchObject({ error: { param: "transport" } });
    const phone = await post({ from: FROM, to: [CUSTOMER, "+1abc"] });
    expect(await phone.json()).toMatchObject({ error: { code: "invalid_phone_number", param: "to[1]" } });
    const notJson = await s.fetch("https://api.buildwithchirp.com/v1/sms", {
      method: "POST",
      headers: { authorization: `Bearer ${APP_KEY}` },
      body: "{",
    });
    expect(notJson.status).toBe(400);
    expect(s.requests("sendSms")).toHaveLength(5);
  });

  it("query parameters are checked against their enums", async () => {
    const s = sandboxFor();
    const res = await s.fetch("https://api.buildwithchirp.com/v1/organization/sms/messages?direction=SIDEWAYS", {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { param: "direction" } });
  });

  it("an operation without behaviour of its own answers its documented success body", async () => {
    const s = sandboxFor();
    const call = await clientOf(s).createCall({ body: { from: FROM, to: CUSTOMER } } as never);
    expect(call).toMatchObject({ id: expect.any(String) });
  });
});

describe("is stateful", () => {
  it("a sent SMS is listed with the status it reached, newest first, paged by cursor", async () => {
    const s = sandboxFor();
    const chirp = clientOf(s);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await chirp.sendSms({ body: { from: FROM, to: [CUSTOMER], text: `n${i}` } })).id);
    const first = await chirp.listOrganizationSmsMessages({ query: { limit: "2" } });
    expect(first.messages.map((m) => m.id)).toEqual([ids[4], ids[3]]);
    expect(first.totalCount).toBe(5);
    expect(first.messages[0]?.recipients?.[0]?.status).toBe("QUEUED");
    const second = await chirp.listOrganizationSmsMessages({ query: { limit: "2", cursor: first.nextCursor! } });
    expect(second.messages.map((m) => m.id)).toEqual([ids[2], ids[1]]);
    const all: string[] = [];
    for await (const m of chirp.paginate("listOrganizationSmsMessages", { query: { limit: "2" } })) all.push(m.id);
    expect(all).toEqual([...ids].reverse());
    await s.settle();
    const after = await chirp.listOrganizationSmsMessages({});
    expect(after.messages.every((m) => m.recipients?.[0]?.status === "DELIVERED")).toBe(true);
  });

  it("a sent WhatsApp message is read back with its timestamps as it moves", async () => {
    const s = sandboxFor();
    const chirp = clientOf(s);
    const { id } = await chirp.sendWhatsAppMessage({
      body: { from: FROM, to: CUSTOMER, type: "text", text: { body: "hello" } },
    });
    expect(await chirp.getOrganizationWhatsAppMessage({ path: { messageId: id } })).toMatchObject({
      id,
      direction: "OUTBOUND",
      textBody: "hello",
      recipients: [{ status: "QUEUED" }],
    });
    await s.advance(SENT_AFTER_MS);
    expect((await chirp.getOrganizationWhatsAppMessage({ path: { messageId: id } })).recipients?.[0]?.status).toBe(
      "SENT",
    );
    await s.settle();
    const read = await chirp.getOrganizationWhatsAppMessage({ path: { messageId: id } });
    expect(read.recipients?.[0]?.status).toBe("READ");
    expect(read.readAt).toBeDefined();
    await expect(chirp.getOrganizationWhatsAppMessage({ path: { messageId: "msg_wa_nope" } })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("webhooks are created, read, updated, listed and deleted", async () => {
    const s = sandboxFor();
    const chirp = clientOf(s);
    const w = await chirp.createWebhook({ body: { url: "https://example.com/hook", events: ["messages.sms.sent"] } });
    expect(await chirp.getWebhook({ path: { webhookId: w.id } })).toEqual(w);
    const updated = await chirp.updateWebhook({
      path: { webhookId: w.id },
      body: { events: ["messages.sms.delivered"] },
    });
    expect(updated.events).toEqual(["messages.sms.delivered"]);
    expect((await chirp.listWebhooks()).webhooks.map((x) => x.id)).toEqual([w.id]);
    await chirp.deleteWebhook({ path: { webhookId: w.id } });
    expect((await chirp.listWebhooks()).webhooks).toEqual([]);
    await expect(chirp.getWebhook({ path: { webhookId: w.id } })).rejects.toMatchObject({ status: 404 });
  });

  it("templates are created and read back; app keys page by offset", async () => {
    const s = sandboxFor();
    const chirp = clientOf(s);
    const t = await chirp.createWhatsAppTemplate({
      body: {
        whatsappBusinessProfileId: "wabp_abc123",
        name: "order_update",
        language: "en_US",
        category: "UTILITY",
        components: [{ type: "BODY", text: "Your order {{order_id}} shipped" }],
      },
    });
    expect(await chirp.getWhatsAppTemplate({ path: { templateId: t.id } })).toMatchObject({
      name: "order_update",
      status: "PENDING",
    });
    const appId = "app_test_2SBX00000000000000000000001";
    for (let i = 0; i < 3; i++) await chirp.createAppKey({ body: { name: `k${i}`, appId } });
    const page = await chirp.listAppKeys({ query: { limit: "2", offset: "2" } });
    expect(page.keys.map((k) => k.name)).toEqual(["k2"]);
    expect(page.totalCount).toBe(3);
    const names: string[] = [];
    for await (const k of chirp.paginate("listAppKeys", { query: { limit: "2" } })) names.push(k.name);
    expect(names).toEqual(["k0", "k1", "k2"]);
  });
});

describe("plays the lifecycle and fires the documented webhooks", () => {
  it("SMS: queued → sent → delivered, each step one event with the secret header as registered", async () => {
    const r = receiver();
    const s = sandboxFor({ webhooks: { handler: r.handler, secretHeader: "X-Webhook-Secret", secret: "s3cret" } });
    const { id } = await clientOf(s).sendSms({ body: { from: FROM, to: [CUSTOMER], text: "hi" } });
    await s.settle();
    expect(r.events()).toEqual(["messages.sms.sent", "messages.sms.delivered"]);
    expect(r.got[0]?.headers.get("x-webhook-secret")).toBe("s3cret");
    expect(r.got[0]?.headers.get("content-type")).toBe("application/json");
    expect(r.got[1]?.body.data.message).toMatchObject({
      id,
      direction: "outbound",
      from: FROM,
      to: CUSTOMER,
      text: "hi",
      type: "sms",
    });
    expect(r.got[1]?.body.data.app.id).toMatch(/^app_/);
    expect(s.webhooks().map((d) => d.headers["X-Webhook-Secret"])).toEqual(["[secret]", "[secret]"]);
  });

  it("advance(ms) moves the clock step by step; nothing happens until the test moves it", async () => {
    const r = receiver();
    const s = sandboxFor({ webhooks: { handler: r.handler } });
    await clientOf(s).sendWhatsAppMessage({ body: { from: FROM, to: CUSTOMER, type: "text", text: { body: "x" } } });
    expect(r.events()).toEqual([]);
    await s.advance(SENT_AFTER_MS - 1);
    expect(r.events()).toEqual([]);
    await s.advance(1);
    expect(r.events()).toEqual(["messages.whatsapp.sent"]);
    await s.advance(DELIVERED_AFTER_MS);
    expect(r.events()).toEqual(["messages.whatsapp.sent", "messages.whatsapp.delivered"]);
    await s.settle();
    expect(r.events().at(-1)).toBe("messages.whatsapp.read");
    expect(r.got.at(-1)?.body.data.message).toMatchObject({ status: "read", readAt: expect.any(String) });
  });

  it("a magic number fails after being sent: messages.sms.failed with the error object", async () => {
    const r = receiver();
    const s = sandboxFor({ webhooks: { handler: r.handler } });
    await clientOf(s).sendSms({ body: { from: FROM, to: [testNumbers.failsAfterSent], text: "x" } });
    await s.settle();
    expect(r.events()).toEqual(["messages.sms.sent", "messages.sms.failed"]);
    expect(r.got[1]?.body.data.error).toMatchObject({
      type: "provider_error",
      code: "message_undeliverable",
      provider: { source: "telnyx" },
    });
  });

  it("delivers to a loopback URL, and retries an endpoint that answers 500 (5 attempts at most)", async () => {
    const { createServer } = await import("node:http");
    let calls = 0;
    const server = createServer((req, res) => {
      calls++;
      req.resume().on("end", () => res.writeHead(500).end("down"));
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    try {
      const port = (server.address() as { port: number }).port;
      const s = sandboxFor({
        webhooks: { url: `http://127.0.0.1:${port}/hooks`, secret: "x", events: ["messages.sms.sent"] },
      });
      await clientOf(s).sendSms({ body: { from: FROM, to: [CUSTOMER], text: "x" } });
      await s.settle();
      const [d] = s.webhooks();
      expect(calls).toBe(5);
      expect(d?.state).toBe("failed");
      expect(d?.attempts.map((a) => a.status)).toEqual([500, 500, 500, 500, 500]);
      expect(d?.attempts[1]?.body).toBe("down");
    } finally {
      server.close();
    }
  });

  it("a handler that never answers fails its attempts after the timeout instead of hanging settle()", async () => {
    const s = sandboxFor({
      webhooks: { handler: () => new Promise<Response>(() => {}), timeoutMs: 20, events: ["messages.sms.sent"] },
    });
    await clientOf(s).sendSms({ body: { from: FROM, to: [CUSTOMER], text: "x" } });
    await s.settle();
    const [d] = s.webhooks();
    expect(d?.state).toBe("failed");
    expect(d?.attempts).toHaveLength(5);
    expect(d?.attempts[0]?.error).toMatch(/no answer within 20 ms/);
  });

  it("refuses a webhook target it could not honour, naming the problem", () => {
    const handler = async () => new Response("ok");
    expect(() => createSandbox({ webhooks: { url: "https://example.com/hook" } })).toThrow(/loopback/);
    // @ts-expect-error not an event of the spec
    expect(() => createSandbox({ webhooks: { handler, events: ["messages.sms.sent", "sms.sent"] } })).toThrow(
      /"sms.sent", which is not a webhook event/,
    );
    expect(() => createSandbox({ webhooks: { handler, timeoutMs: 0 } })).toThrow(/timeoutMs/);
    expect(() => createSandbox({ appId: "my-app" })).toThrow(/appId/);
  });

  it("a webhook registered through the API gets deliveries when its URL is loopback, none otherwise", async () => {
    const s = sandboxFor();
    const chirp = clientOf(s);
    await chirp.createWebhook({
      body: { url: "https://example.com/hook", events: ["messages.sms.sent"], headers: { "X-Webhook-Secret": "a" } },
    });
    await chirp.sendSms({ body: { from: FROM, to: [CUSTOMER], text: "x" } });
    await s.settle();
    expect(s.webhooks().map((d) => [d.event, d.state, d.headers["X-Webhook-Secret"]])).toEqual([
      ["messages.sms.sent", "skipped", "[secret]"],
    ]);
  });

  it("the Playground and sandbox.inbound() fire messages.*.received", async () => {
    const r = receiver();
    const s = sandboxFor({ webhooks: { handler: r.handler } });
    const chirp = clientOf(s);
    const queued = await chirp.simulateInboundSms({ body: { from: CUSTOMER, to: FROM, text: "STOP" } });
    expect(queued.status).toBe("QUEUED");
    await chirp.simulateInboundWhatsAppMessage({ body: { from: CUSTOMER, to: FROM, text: "where is my order?" } });
    const { id } = s.inbound({ channel: "whatsapp", from: CUSTOMER, to: FROM, text: "hello?" });
    await s.settle();
    expect(r.events()).toEqual(["messages.sms.received", "messages.whatsapp.received", "messages.whatsapp.received"]);
    expect(r.got[0]?.body.data.message).toMatchObject({ direction: "inbound", from: CUSTOMER, to: FROM, text: "STOP" });
    expect(r.got[2]?.body.data.message).toMatchObject({
      id,
      direction: "inbound",
      conversationWindow: { originType: "user_initiated" },
    });
    const inbound = await chirp.listOrganizationSmsMessages({ query: { direction: "INBOUND" } });
    expect(inbound.messages.map((m) => m.text)).toEqual(["STOP"]);
    expect(() => s.inbound({ channel: "sms", from: "555", to: FROM, text: "x" })).toThrow(/E\.164/);
  });

  it("works with the SDK's own createWebhookHandler, whose 401 for a wrong secret is recorded", async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      secretHeader: "X-Webhook-Secret",
      secret: "right",
      on: { "messages.sms.delivered": (e) => void seen.push(e.data.message.id) },
    });
    const ok = sandboxFor({ webhooks: { handler, secret: "right" } });
    const { id } = await clientOf(ok).sendSms({ body: { from: FROM, to: [CUSTOMER], text: "x" } });
    await ok.settle();
    expect(seen).toEqual([id]);
    const wrong = sandboxFor({ webhooks: { handler, secret: "wrong", events: ["messages.sms.sent"] } });
    await clientOf(wrong).sendSms({ body: { from: FROM, to: [CUSTOMER], text: "x" } });
    await wrong.settle();
    expect(wrong.webhooks()[0]?.attempts.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
  });
});

describe("plays every documented answer on demand", () => {
  it("answer() forces the next call only, then the sandbox answers normally", async () => {
    const s = sandboxFor();
    const chirp = clientOf(s);
    s.answer("sendSms", { status: 402, example: "message_undeliverable" });
    const error = await chirp.sendSms({ body: { from: FROM, to: [CUSTOMER], text: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageUndeliverableError);
    expect((error as MessageUndeliverableError).provider).toMatchObject({ source: "telnyx" });
    await expect(chirp.sendSms({ body: { from: FROM, to: [CUSTOMER], text: "x" } })).resolves.toMatchObject({
      status: "QUEUED",
    });
  });

  it("times and 'always'; a status without a named example gets its first documented code", async () => {
    const s = sandboxFor();
    const chirp = clientOf(s, { maxRetries: 0 });
    s.answer("sendSms", { status: 424 }, { times: 2 });
    for (let i = 0; i < 2; i++) {
      await expect(chirp.sendSms({ body: { from: FROM, to: [CUSTOMER] } })).rejects.toMatchObject({
        status: 424,
        code: "telnyx_api_error",
      });
    }
    await expect(chirp.sendSms({ body: { from: FROM, to: [CUSTOMER] } })).resolves.toBeDefined();
    s.answer("listWebhooks", { status: 500 }, "always");
    for (let i = 0; i < 3; i++) await expect(chirp.listWebhooks()).rejects.toMatchObject({ status: 500 });
  });

  it("a 429 with the client's default settings: retried at once (Retry-After: 0), documented headers sent", async () => {
    const s = sandboxFor();
    const chirp = new Chirp({ appKey: APP_KEY, fetch: s.fetch });
    s.answer("sendSms", { status: 429 });
    await expect(chirp.sendSms({ body: { from: FROM, to: [CUSTOMER], text: "x" } })).resolves.toMatchObject({
      status: "QUEUED",
    });
    const [limited, retried] = s.requests("sendSms");
    expect(limited?.answer).toMatchObject({
      status: 429,
      headers: { "Retry-After": "0", "X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "100" },
    });
    expect(retried?.answer).toMatchObject({ status: 200 });
    // A Retry-After the test chooses (the real API's figure) is honoured: the client waits it out (here an injected sleep).
    s.answer("sendSms", { status: 429, retryAfter: 30 }, "always");
    const waits: number[] = [];
    const patient = clientOf(s, { sleep: async (ms: number) => void waits.push(ms) });
    const error = await patient.sendSms({ body: { from: FROM, to: [CUSTOMER] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(30_000);
    expect(waits).toEqual([30_000, 30_000]);
  });

  it("a dropped connection after the request arrived: the message exists, the client does not re-send", async () => {
    const r = receiver();
    const s = sandboxFor({ webhooks: { handler: r.handler } });
    const chirp = clientOf(s);
    s.answer("sendSms", { drop: true });
    const error = await chirp.sendSms({ body: { from: FROM, to: [CUSTOMER], text: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect(s.requests("sendSms").map((q) => q.answer)).toEqual(["dropped"]);
    await s.settle();
    expect(r.events()).toEqual(["messages.sms.sent", "messages.sms.delivered"]);
  });

  it("a dropped connection over listen() too", async () => {
    const s = sandboxFor();
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: await s.listen(), maxRetries: 0 });
    s.answer("listWebhooks", { drop: true });
    await expect(chirp.listWebhooks()).rejects.toBeInstanceOf(ChirpConnectionError);
    await expect(chirp.listWebhooks()).resolves.toEqual({ webhooks: [] });
  });

  it("a virtual delay: the answer comes when the clock reaches it, or the client times out", async () => {
    const s = sandboxFor();
    s.answer("listWebhooks", { delayMs: 60_000 });
    let done = false;
    const pending = clientOf(s)
      .listWebhooks()
      .then(() => {
        done = true;
      });
    await new Promise((ok) => setTimeout(ok, 10));
    await s.advance(59_999);
    expect(done).toBe(false);
    await s.advance(1);
    await pending;
    expect(done).toBe(true);
    s.answer("listWebhooks", { delayMs: 60_000 });
    await expect(clientOf(s, { timeout: 50, maxRetries: 0 }).listWebhooks()).rejects.toBeInstanceOf(ChirpTimeoutError);
  });

  it("refuses what the spec does not document, naming it", () => {
    const s = sandboxFor();
    // @ts-expect-error 418 is not a documented status of sendSms
    expect(() => s.answer("sendSms", { status: 418 })).toThrow(/documents no 418 answer/);
    // @ts-expect-error no such example
    expect(() => s.answer("sendSms", { status: 402, example: "nope" })).toThrow(/no example "nope"/);
    // @ts-expect-error no such operation
    expect(() => s.answer("sendFax", { status: 200 })).toThrow(/no operation "sendFax"/);
    expect(() => s.answer("sendSms", { status: 402 }, { times: 0 })).toThrow(/times/);
  });
});

describe("testNumbers", () => {
  const send = (s: Sandbox, to: string, from = FROM) =>
    clientOf(s)
      .sendSms({ body: { from, to: [to], text: "x" } })
      .catch((e: unknown) => e);
  const sendWa = (s: Sandbox, to: string) =>
    clientOf(s)
      .sendWhatsAppMessage({ body: { from: FROM, to, type: "text", text: { body: "x" } } })
      .catch((e: unknown) => e);

  it("SMS: invalid, undeliverable (Telnyx details), not assigned", async () => {
    const s = sandboxFor();
    const invalid = await send(s, testNumbers.invalid);
    expect(invalid).toBeInstanceOf(InvalidPhoneNumberError);
    expect((invalid as InvalidPhoneNumberError).param).toBe("to[0]");
    const undeliverable = await send(s, testNumbers.undeliverable);
    expect(undeliverable).toBeInstanceOf(MessageUndeliverableError);
    expect((undeliverable as MessageUndeliverableError).provider).toEqual({
      source: "telnyx",
      code: "40300",
      message: "Carrier rejected the message",
    });
    const notAssigned = await send(s, CUSTOMER, testNumbers.notAssigned);
    expect(notAssigned).toBeInstanceOf(PhoneNumberNotAssignedError);
    expect((await send(s, testNumbers.delivered)) as { status: string }).toMatchObject({ status: "QUEUED" });
  });

  it("WhatsApp: window expired, not on WhatsApp, undeliverable (Meta details)", async () => {
    const s = sandboxFor();
    expect(await sendWa(s, testNumbers.whatsappWindowExpired)).toBeInstanceOf(ConversationWindowExpiredError);
    expect(await sendWa(s, testNumbers.notOnWhatsApp)).toBeInstanceOf(RecipientNotOnWhatsappError);
    const undeliverable = await sendWa(s, testNumbers.undeliverable);
    expect(undeliverable).toBeInstanceOf(MessageUndeliverableError);
    expect((undeliverable as MessageUndeliverableError).provider).toMatchObject({ source: "meta" });
  });

  it("WhatsApp fails after sent with messages.whatsapp.failed", async () => {
    const r = receiver();
    const s = sandboxFor({ webhooks: { handler: r.handler } });
    await sendWa(s, testNumbers.failsAfterSent);
    await s.settle();
    expect(r.events()).toEqual(["messages.whatsapp.sent", "messages.whatsapp.failed"]);
    expect(r.got[1]?.body.data.error).toMatchObject({ code: "message_undeliverable", provider: { source: "meta" } });
  });
});

describe("records what the app did", () => {
  it("requests(): operation, method, path, query, parsed body, headers with the key shown as its kind, the answer", async () => {
    const s = sandboxFor();
    const chirp = clientOf(s);
    await chirp.sendSms({ body: { from: FROM, to: [CUSTOMER], text: "hi" } });
    await chirp.listOrganizationSmsMessages({ query: { limit: "5" } });
    const all = s.requests();
    expect(all.map((r) => r.operationId)).toEqual(["sendSms", "listOrganizationSmsMessages"]);
    const [send, list] = all;
    expect(send).toMatchObject({
      method: "POST",
      path: "/v1/sms",
      body: { from: FROM, to: [CUSTOMER], text: "hi" },
      headers: { authorization: "Bearer sk_test_app_…" },
      answer: { status: 200, body: { status: "QUEUED" } },
    });
    expect(list).toMatchObject({ query: { limit: "5" }, headers: { authorization: "Bearer sk_admin_…" } });
    expect(JSON.stringify(all)).not.toContain(APP_KEY);
    expect(JSON.stringify(all)).not.toContain(ADMIN_KEY);
    expect(s.requests("listOrganizationSmsMessages")).toHaveLength(1);
  });

  it("a path the spec does not have is recorded with operationId null and answered 404", async () => {
    const s = sandboxFor();
    const res = await s.fetch("https://api.buildwithchirp.com/v1/nope", {
      headers: { authorization: `Bearer ${APP_KEY}` },
    });
    expect(res.status).toBe(404);
    expect(s.requests()[0]).toMatchObject({ operationId: null, path: "/v1/nope" });
  });
});
