// An "order notifications" app, written the way apps are: its Chirp client comes from
// the environment (CHIRP_APP_KEY, CHIRP_BASE_URL), nothing in it exists for tests.
// - notifyShipped(order) texts the customer; when the carrier rejects the SMS
//   (message_undeliverable) it falls back to WhatsApp;
// - POST /webhooks/chirp records each notification's delivery status and the customers'
//   replies (secret header X-Webhook-Secret = CHIRP_WEBHOOK_SECRET);
// - GET /orders/:id/notification shows what was sent and where it got to.
// Run: CHIRP_APP_KEY=… CHIRP_FROM_NUMBER=+1… CHIRP_WEBHOOK_SECRET=… npx tsx examples/testing/order-notifications.ts
// Its tests (order-notifications.test.ts, order-notifications.node-test.ts) run it against createSandbox().
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Chirp, createWebhookHandler, MessageUndeliverableError, toNodeListener } from "chirp-sdk";
import express from "express";

/** A shipped order to tell the customer about. */
export interface Order {
  readonly id: string;
  readonly customerName: string;
  /** The customer's mobile number, E.164. */
  readonly phone: string;
}

/** What the app sent for an order, and where it got to. */
export interface Notification {
  readonly orderId: string;
  readonly channel: "sms" | "whatsapp";
  readonly messageId: string;
  /** The last status Chirp reported: queued, sent, delivered, read or failed. */
  status: string;
  /** Why it failed, when it did. */
  failure?: string;
}

const chirp = new Chirp({ appKey: process.env.CHIRP_APP_KEY, baseUrl: process.env.CHIRP_BASE_URL });
const from = process.env.CHIRP_FROM_NUMBER ?? "+15551234567";

const notifications = new Map<string, Notification>();
const byMessage = new Map<string, Notification>();
/** Replies customers texted back (newest last). */
const replies: { from: string; channel: "sms" | "whatsapp"; text: string }[] = [];

function remember(n: Notification): Notification {
  notifications.set(n.orderId, n);
  byMessage.set(n.messageId, n);
  return n;
}

/** Tells the customer their order shipped: by SMS, or by WhatsApp when the carrier rejects the SMS. */
export async function notifyShipped(order: Order): Promise<Notification> {
  const text = `Hi ${order.customerName}, your order ${order.id} has shipped.`;
  try {
    const sms = await chirp.sendSms({ body: { from, to: [order.phone], text } });
    return remember({ orderId: order.id, channel: "sms", messageId: sms.id, status: "queued" });
  } catch (error) {
    if (!(error instanceof MessageUndeliverableError)) throw error;
    const wa = await chirp.sendWhatsAppMessage({ body: { from, to: order.phone, type: "text", text: { body: text } } });
    return remember({ orderId: order.id, channel: "whatsapp", messageId: wa.id, status: "queued" });
  }
}

/** A status report for one of our messages: the notification moves on, a failure keeps its reason. */
function report(messageId: string, status: Notification["status"], error?: { code?: string; message: string }) {
  const n = byMessage.get(messageId);
  if (!n) return;
  n.status = status;
  if (error) n.failure = error.code ?? error.message;
}

const webhook = createWebhookHandler({
  secretHeader: "X-Webhook-Secret",
  secret: process.env.CHIRP_WEBHOOK_SECRET!,
  on: {
    "messages.sms.sent": (e) => report(e.data.message.id, "sent"),
    "messages.sms.delivered": (e) => report(e.data.message.id, "delivered"),
    "messages.sms.failed": (e) => report(e.data.message.id, "failed", e.data.error),
    "messages.whatsapp.sent": (e) => report(e.data.message.id, "sent"),
    "messages.whatsapp.delivered": (e) => report(e.data.message.id, "delivered"),
    "messages.whatsapp.read": (e) => report(e.data.message.id, "read"),
    "messages.whatsapp.failed": (e) => report(e.data.message.id, "failed", e.data.error),
    "messages.sms.received": (e) =>
      void replies.push({ from: e.data.message.from, channel: "sms", text: e.data.message.text ?? "" }),
    "messages.whatsapp.received": (e) =>
      void replies.push({ from: e.data.message.from, channel: "whatsapp", text: e.data.message.text ?? "" }),
  },
});

/** The app's HTTP side: Chirp's webhooks in, the notification status out. */
export const app = express();
app.post("/webhooks/chirp", toNodeListener(webhook));
app.get("/orders/:id/notification", (req, res) => {
  const n = notifications.get(req.params.id);
  if (n) res.json(n);
  else res.status(404).json({ error: "no notification for this order" });
});
app.get("/replies", (_req, res) => {
  res.json(replies);
});

/** Starts the HTTP side on 127.0.0.1:`port` (0: any free port). */
export function listen(port: number): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(port, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await listen(Number(process.env.PORT ?? 3000));
  console.log(`order notifications on ${url}`);
}
