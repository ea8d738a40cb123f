// The order-notifications app tested against createSandbox() with vitest: the app runs
// unchanged (its client comes from CHIRP_BASE_URL, here the sandbox's loopback URL) and
// its Express endpoint receives the sandbox's status webhooks over real HTTP.
import type { Server } from "node:http";
import { Chirp, MessageUndeliverableError } from "chirp-sdk";
import { createSandbox, type SandboxRequest, testNumbers } from "chirp-sdk/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

const sandbox = createSandbox();
const SECRET = "whsec_order_notifications_test";
const SHOP_NUMBER = "+15551234567";
let app: typeof import("./order-notifications.js");
let server: Server;
let appUrl: string;

beforeAll(async () => {
  // The environment the app reads, as in production, pointed at the sandbox.
  process.env.CHIRP_BASE_URL = await sandbox.listen();
  process.env.CHIRP_APP_KEY = "sk_test_app_order_notifications";
  process.env.CHIRP_WEBHOOK_SECRET = SECRET;
  process.env.CHIRP_FROM_NUMBER = SHOP_NUMBER;
  app = await import("./order-notifications.js");
  ({ server, url: appUrl } = await app.listen(0));
  // Subscribe the app's endpoint the way it is set up for real: a webhook with the secret header.
  const admin = new Chirp({ appKey: process.env.CHIRP_APP_KEY, baseUrl: process.env.CHIRP_BASE_URL });
  await admin.createWebhook({
    body: {
      url: `${appUrl}/webhooks/chirp`,
      events: [
        "messages.sms.sent",
        "messages.sms.delivered",
        "messages.sms.failed",
        "messages.sms.received",
        "messages.whatsapp.sent",
        "messages.whatsapp.delivered",
        "messages.whatsapp.read",
        "messages.whatsapp.failed",
        "messages.whatsapp.received",
      ],
      headers: { "X-Webhook-Secret": SECRET },
    },
  });
});

afterAll(async () => {
  server?.close();
  await sandbox.close();
});

let sentBefore = 0;
beforeEach(() => {
  sentBefore = sandbox.requests().length;
});
/** The status the sandbox answered (or "dropped"). */
const status = (r: SandboxRequest) => (typeof r.answer === "string" ? r.answer : r.answer.status);
/** Requests the app made in this test. */
const requestsNow = () => sandbox.requests().slice(sentBefore);
const notification = async (orderId: string) => (await fetch(`${appUrl}/orders/${orderId}/notification`)).json();

describe("order notifications", () => {
  it("texts the customer, and the status webhooks reach the app's endpoint", async () => {
    const n = await app.notifyShipped({ id: "A-1", customerName: "Ada", phone: testNumbers.delivered });
    expect(n).toMatchObject({ channel: "sms", status: "queued" });
    // What was sent: to whom, from where, which words.
    const [send] = requestsNow();
    expect(send).toMatchObject({
      operationId: "sendSms",
      body: { from: SHOP_NUMBER, to: [testNumbers.delivered], text: "Hi Ada, your order A-1 has shipped." },
      headers: { authorization: "Bearer sk_test_app_…" },
    });
    await sandbox.settle();
    expect(await notification("A-1")).toMatchObject({ messageId: n.messageId, status: "delivered" });
    const delivered = sandbox
      .webhooks()
      .filter((d) => d.payload.data.message && (d.payload.data.message as { id: string }).id === n.messageId);
    expect(delivered.map((d) => [d.event, d.attempts.at(-1)?.status])).toEqual([
      ["messages.sms.sent", 200],
      ["messages.sms.delivered", 200],
    ]);
  });

  it("falls back to WhatsApp when the carrier rejects the SMS (message_undeliverable)", async () => {
    sandbox.answer("sendSms", { status: 402, example: "message_undeliverable" });
    const n = await app.notifyShipped({ id: "A-2", customerName: "Grace", phone: "+15557654321" });
    expect(n.channel).toBe("whatsapp");
    expect(requestsNow().map((r) => [r.operationId, status(r)])).toEqual([
      ["sendSms", 402],
      ["sendWhatsAppMessage", 200],
    ]);
    expect(requestsNow()[1]?.body).toMatchObject({
      to: "+15557654321",
      type: "text",
      text: { body: "Hi Grace, your order A-2 has shipped." },
    });
    await sandbox.settle();
    expect(await notification("A-2")).toMatchObject({ channel: "whatsapp", status: "read" });
  });

  it("a number undeliverable on both channels: the app's call fails with the WhatsApp refusal", async () => {
    const error = await app
      .notifyShipped({ id: "A-3", customerName: "Alan", phone: testNumbers.undeliverable })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageUndeliverableError);
    expect(requestsNow().map((r) => [r.operationId, status(r)])).toEqual([
      ["sendSms", 402],
      ["sendWhatsAppMessage", 402],
    ]);
  });

  it("records a failure reported later in the lifecycle", async () => {
    await app.notifyShipped({ id: "A-4", customerName: "Edsger", phone: testNumbers.failsAfterSent });
    await sandbox.settle();
    expect(await notification("A-4")).toMatchObject({ status: "failed", failure: "message_undeliverable" });
  });

  it("records the customer's reply through the Playground", async () => {
    const customer = new Chirp({ appKey: "sk_test_app_order_notifications", baseUrl: process.env.CHIRP_BASE_URL });
    await customer.simulateInboundSms({ body: { from: "+15550001111", to: SHOP_NUMBER, text: "Thanks!" } });
    await sandbox.settle();
    const replies = await (await fetch(`${appUrl}/replies`)).json();
    expect(replies).toContainEqual({ from: "+15550001111", channel: "sms", text: "Thanks!" });
  });

  it("rides out a 429 with the client's defaults, quickly", async () => {
    sandbox.answer("sendSms", { status: 429 });
    const n = await app.notifyShipped({ id: "A-5", customerName: "Barbara", phone: testNumbers.delivered });
    expect(n.channel).toBe("sms");
    expect(requestsNow().map(status)).toEqual([429, 200]);
  });
});
