// Express 5, webhook route with no body parser in front: the adapter reads the stream.
// Run: CHIRP_WEBHOOK_SECRET=… npx tsx examples/webhooks/express.ts  (PORT, default 3000)
import type { AddressInfo } from "node:net";
import { createWebhookHandler, toNodeListener } from "chirp-sdk";
import express from "express";

const handler = createWebhookHandler({
  secretHeader: "X-Webhook-Secret",
  secret: process.env.CHIRP_WEBHOOK_SECRET!,
  on: { "messages.sms.received": (event) => console.log(`handled ${event.event} ${event.data.message.id}`) },
});

const app = express();
app.post("/webhooks/chirp", toNodeListener(handler));

const server = app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
