// The same tests of the order-notifications app with node:test, for apps that use Node's
// own runner: node --import tsx --test examples/testing/order-notifications.node-test.ts
import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, before, beforeEach, describe, it } from "node:test";
import { Chirp, MessageUndeliverableError } from "chirp-sdk";
import { createSandbox, type SandboxRequest, testNumbers } from "chirp-sdk/testing";

const sandbox = createSandbox();
const SECRET = "whsec_order_notifications_node_test";
const SHOP_NUMBER = "+15551234567";
let app: typeof import("./order-notifications.js");
let server: Server;
let appUrl: string;

before(async () => {
  process.env.CHIRP_BASE_URL = await sandbox.listen();
  process.env.CHIRP_APP_KEY = "sk_test_app_order_notifications";
  process.env.CHIRP_WEBHOOK_SECRET = SECRET;
  process.env.CHIRP_FROM_NUMBER = SHOP_NUMBER;
  app = await import("./order-notifications.js");
  ({ server, url: appUrl } = await app.listen(0));
  const chirp = new Chirp({ appKey: process.env.CHIRP_APP_KEY, baseUrl: process.env.CHIRP_BASE_URL });
  await chirp.createWebhook({
    body: {
      url: `${appUrl}/webhooks/chirp`,
      events: ["messages.sms.sent", "messages.sms.delivered", "messages.sms.failed", "messages.sms.received"],
      headers: { "X-Webhook-Secret": SECRET },
    },
  });
});

after(async () => {
  server?.close();
  await sandbox.close();
});

let seen = 0;
beforeEach(() => {
  seen = sandbox.requests().length;
});
const status = (r: SandboxRequest) => (typeof r.answer === "string" ? r.answer : r.answer.status);
const requestsNow = () => sandbox.requests().slice(seen);
const notification = async (orderId: string) => (await fetch(`${appUrl}/orders/${orderId}/notification`)).json();

describe("order notifications (node:test)", () => {
  it("texts the customer; status webhooks reach the app's endpoint", async () => {
    const n = await app.notifyShipped({ id: "B-1", customerName: "Ada", phone: testNumbers.delivered });
    assert.equal(n.channel, "sms");
    const [send] = requestsNow();
    assert.deepEqual(send?.body, {
      from: SHOP_NUMBER,
      to: [testNumbers.delivered],
      text: "Hi Ada, your order B-1 has shipped.",
    });
    await sandbox.settle();
    assert.equal((await notification("B-1")).status, "delivered");
  });

  it("falls back to WhatsApp on message_undeliverable", async () => {
    sandbox.answer("sendSms", { status: 402, example: "message_undeliverable" });
    const n = await app.notifyShipped({ id: "B-2", customerName: "Grace", phone: "+15557654321" });
    assert.equal(n.channel, "whatsapp");
    assert.deepEqual(
      requestsNow().map((r) => [r.operationId, status(r)]),
      [
        ["sendSms", 402],
        ["sendWhatsAppMessage", 200],
      ],
    );
  });

  it("surfaces a number undeliverable on both channels", async () => {
    await assert.rejects(
      app.notifyShipped({ id: "B-3", customerName: "Alan", phone: testNumbers.undeliverable }),
      MessageUndeliverableError,
    );
  });

  it("records a later failure", async () => {
    await app.notifyShipped({ id: "B-4", customerName: "Edsger", phone: testNumbers.failsAfterSent });
    await sandbox.settle();
    const n = await notification("B-4");
    assert.equal(n.status, "failed");
    assert.equal(n.failure, "message_undeliverable");
  });

  it("records the customer's reply through the Playground", async () => {
    const customer = new Chirp({ appKey: "sk_test_app_order_notifications", baseUrl: process.env.CHIRP_BASE_URL });
    await customer.simulateInboundSms({ body: { from: "+15550001111", to: SHOP_NUMBER, text: "Thanks!" } });
    await sandbox.settle();
    const replies = await (await fetch(`${appUrl}/replies`)).json();
    assert.deepEqual(replies, [{ from: "+15550001111", channel: "sms", text: "Thanks!" }]);
  });

  it("rides out a 429 with the client's defaults", async () => {
    sandbox.answer("sendSms", { status: 429 });
    const n = await app.notifyShipped({ id: "B-5", customerName: "Barbara", phone: testNumbers.delivered });
    assert.equal(n.channel, "sms");
    assert.deepEqual(requestsNow().map(status), [429, 200]);
  });
});
