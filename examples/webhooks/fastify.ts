// Fastify 5. Fastify keeps the parsed body on `request.body`, apart from the raw
// request, so it is passed as the adapter's third argument; `reply.hijack()` tells
// Fastify that the adapter writes the response itself.
// Run: CHIRP_WEBHOOK_SECRET=… npx tsx examples/webhooks/fastify.ts  (PORT, default 3000)
import { createWebhookHandler, toNodeListener } from "chirp-sdk";
import Fastify from "fastify";

const listener = toNodeListener(
  createWebhookHandler({
    secretHeader: "X-Webhook-Secret",
    secret: process.env.CHIRP_WEBHOOK_SECRET!,
    on: { "messages.sms.received": (event) => console.log(`handled ${event.event} ${event.data.message.id}`) },
  }),
);

const app = Fastify();
app.post("/webhooks/chirp", (request, reply) => {
  reply.hijack();
  return listener(request.raw, reply.raw, request.body);
});

const url = await app.listen({ port: Number(process.env.PORT ?? 3000), host: "127.0.0.1" });
console.log(`listening on ${url}`);
