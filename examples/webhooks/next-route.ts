// A Next.js App Router route handler: save as app/webhooks/chirp/route.ts.
// Next passes the Web Request, so the handler is the route.
import { createWebhookHandler } from "chirp-sdk";

const handler = createWebhookHandler({
  secretHeader: "X-Webhook-Secret",
  secret: process.env.CHIRP_WEBHOOK_SECRET!,
  on: { "messages.sms.received": (event) => console.log(`handled ${event.event} ${event.data.message.id}`) },
});

/** Chirp's deliveries are POSTs. */
export async function POST(request: Request): Promise<Response> {
  return handler(request);
}
