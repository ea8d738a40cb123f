// Express 5 in an app that uses express.json() — the most common setup. The webhook
// route is mounted before the parser, so its secret is checked before a byte of the
// body is read (a parser in front would read up to its `limit`, 100 kB by default, of
// every unauthenticated upload first). The handler still takes a body a parser already
// read (req.body), should yours run first: Chirp checks a header, not a signature.
// Run: CHIRP_WEBHOOK_SECRET=… npx tsx examples/webhooks/express-json.ts  (PORT, default 3000)
import type { AddressInfo } from "node:net";
import { createWebhookHandler, toNodeListener } from "chirp-sdk";
import express from "express";

const handler = createWebhookHandler({
  secretHeader: "X-Webhook-Secret",
  secret: process.env.CHIRP_WEBHOOK_SECRET!,
  on: { "messages.sms.received": (event) => console.log(`handled ${event.event} ${event.data.message.id}`) },
});

const app = express();
app.post("/webhooks/chirp", toNodeListener(handler)); // before the parser
app.use(express.json()); // the rest of the app
app.post("/api/echo", (req, res) => {
  res.json(req.body);
});

const server = app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
