// Fastify 5. Fastify reads and parses a body before the route runs (up to its
// bodyLimit), so the webhook route lives in a scope of its own whose only content-type
// parser leaves the body unread: the adapter then checks the secret before a byte of it
// is read, and reads the stream counted up to maxBodyBytes. `reply.hijack()` tells
// Fastify that the adapter writes the response itself. (Outside such a scope, pass
// Fastify's parsed `request.body` as the adapter's third argument: that works too, but
// the body has then been read before the secret was checked.)
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
await app.register(async (webhooks) => {
  webhooks.removeAllContentTypeParsers();
  webhooks.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined)); // leave the body unread
  webhooks.post("/webhooks/chirp", (request, reply) => {
    reply.hijack();
    return listener(request.raw, reply.raw);
  });
});

const url = await app.listen({ port: Number(process.env.PORT ?? 3000), host: "127.0.0.1" });
console.log(`listening on ${url}`);
