// A Cloudflare Worker. The secret is a Worker secret (`wrangler secret put
// CHIRP_WEBHOOK_SECRET`), known only inside fetch, so the handler is built on the
// first request and kept for the isolate's life (with its in-memory dedupe store;
// use a shared store to dedupe across isolates).
import { createWebhookHandler, type WebhookRequestHandler } from "chirp-sdk";

/** The Worker's bindings. */
interface Env {
  readonly CHIRP_WEBHOOK_SECRET: string;
}

let handler: WebhookRequestHandler | undefined;

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    handler ??= createWebhookHandler({
      secretHeader: "X-Webhook-Secret",
      secret: env.CHIRP_WEBHOOK_SECRET,
      on: { "messages.sms.received": (event) => console.log(`handled ${event.event} ${event.data.message.id}`) },
    });
    return handler(request);
  },
};
