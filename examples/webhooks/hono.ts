// Hono 4 on Bun: Hono hands the Web Request straight to the handler.
// Run: CHIRP_WEBHOOK_SECRET=… bun run examples/webhooks/hono.ts  (PORT, default 3000)
import { createWebhookHandler } from "chirp-sdk";
import { Hono } from "hono";

const handler = createWebhookHandler({
  secretHeader: "X-Webhook-Secret",
  secret: process.env.CHIRP_WEBHOOK_SECRET!,
  on: { "messages.sms.received": (event) => console.log(`handled ${event.event} ${event.data.message.id}`) },
});

const app = new Hono();
app.post("/webhooks/chirp", (c) => handler(c.req.raw));

// Bun serves a default export with `fetch`; port 0 picks a free one.
export default { port: Number(process.env.PORT ?? 3000), hostname: "127.0.0.1", fetch: app.fetch };
