import type { ChirpWebhookEvent } from "./events.js";
import { parseWebhookEvent, type WebhookBody } from "./parse.js";
import { verifySecret, type WebhookHeaders, type WebhookSecretOptions } from "./verify.js";

/**
 * Receiving side of the API. Needs no API key and no client: `new Webhooks()` verifies
 * and parses deliveries (imported from `chirp-sdk/webhooks` it bundles nothing of the client).
 */
export class Webhooks {
  /**
   * Checks the secret header in constant time, then parses the body and its
   * envelope. The body may be raw (text, `Uint8Array`, `Buffer`) or the object a
   * JSON body parser already made of it (`req.body` after `express.json()`).
   *
   * @throws WebhookVerificationError when the secret header is missing, repeated or wrong (→ answer 401).
   * @throws WebhookParseError when the body is not a webhook event (→ answer 400).
   * @throws ChirpConfigError when `secretHeader` or `secret` is missing, empty or not a string, or could never
   *   match (a secret with surrounding whitespace, CR, LF or NUL; a `secretHeader` that is not a header name).
   * @example
   * const event = new Webhooks().unwrap(await request.text(), request.headers, {
   *   secretHeader: "X-Webhook-Secret",
   *   secret: process.env.CHIRP_WEBHOOK_SECRET!,
   * });
   * if (event.event === "messages.sms.received") console.log(event.data.message.text);
   */
  unwrap(rawBody: WebhookBody, headers: WebhookHeaders, options: WebhookSecretOptions): ChirpWebhookEvent {
    verifySecret(headers, options);
    return parseWebhookEvent(rawBody);
  }
}
