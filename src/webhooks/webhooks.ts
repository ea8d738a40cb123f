import { WebhookParseError } from "./errors.js";
import type { ChirpWebhookEvent } from "./events.js";
import { parseWebhookEvent, type WebhookBody } from "./parse.js";
import { checkMaxBodyBytes } from "./read-body.js";
import { verifySecret, type WebhookHeaders, type WebhookSecretOptions } from "./verify.js";

/** Options of `Webhooks.unwrap`. */
export interface UnwrapOptions extends WebhookSecretOptions {
  /**
   * Largest raw body accepted (text, bytes), in bytes; over it `unwrap` throws
   * `WebhookParseError` with reason `too_large` before decoding or parsing it. A body a
   * JSON parser already made into an object is not measured: the parser's own limit
   * bounded it (`express.json()`: 100 kB by default). @default 1048576 (1 MiB)
   */
  readonly maxBodyBytes?: number | undefined;
}

/** The UTF-8 size of a raw body, counting only until it passes `max` (a huge string costs no more than `max`). */
function exceeds(body: WebhookBody, max: number): boolean {
  if (typeof body === "string") {
    // Each UTF-16 unit is at least one UTF-8 byte, so a string this long is over already.
    if (body.length > max) return true;
    let bytes = 0;
    for (let i = 0; i < body.length && bytes <= max; i++) {
      const unit = body.charCodeAt(i);
      // A surrogate pair is 4 bytes over two units: 2 each.
      bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit < 0xe000) ? 2 : 3;
    }
    return bytes > max;
  }
  if (ArrayBuffer.isView(body)) return body.byteLength > max;
  if (Object.prototype.toString.call(body) === "[object ArrayBuffer]") return (body as ArrayBuffer).byteLength > max;
  return false;
}

/**
 * Receiving side of the API. Needs no API key and no client: `new Webhooks()` verifies
 * and parses deliveries (imported from `chirp-sdk/webhooks` it bundles nothing of the client).
 */
export class Webhooks {
  /**
   * Checks the secret header in constant time, then the body's size, then parses the
   * body and its envelope. The body may be raw (text, `Uint8Array`, `Buffer`) or the
   * object a JSON body parser already made of it (`req.body` after `express.json()`).
   *
   * `unwrap` gets a body that is already read, so bound the reading yourself (your
   * framework's body limit), or use `createWebhookHandler`, which checks the secret
   * before reading a byte and reads at most `maxBodyBytes`.
   *
   * @throws WebhookVerificationError when the secret header is missing, repeated or wrong (→ answer 401).
   * @throws WebhookParseError when the body is over `maxBodyBytes` (reason `too_large` → answer 413) or is not a
   *   webhook event (→ answer 400).
   * @throws ChirpConfigError when `maxBodyBytes` is not a whole number ≥ 1, when `secretHeader` or `secret` is missing, empty or not a string, or could never
   *   match (a secret with surrounding whitespace, CR, LF or NUL; a `secretHeader` that is not a header name).
   * @example
   * // Express: a raw body, read with a limit by express.raw() before the route.
   * app.post("/webhooks/chirp", express.raw({ type: () => true, limit: "1mb" }), (req, res) => {
   *   const event = new Webhooks().unwrap(req.body, req.headers, {
   *     secretHeader: "X-Webhook-Secret",
   *     secret: process.env.CHIRP_WEBHOOK_SECRET!,
   *   });
   *   res.sendStatus(200);
   * });
   * if (event.event === "messages.sms.received") console.log(event.data.message.text);
   */
  unwrap(rawBody: WebhookBody, headers: WebhookHeaders, options: UnwrapOptions): ChirpWebhookEvent {
    verifySecret(headers, options);
    const max = checkMaxBodyBytes(options.maxBodyBytes);
    if (rawBody !== undefined && rawBody !== null && exceeds(rawBody, max)) {
      throw new WebhookParseError("too_large", `the body is larger than ${max} bytes`);
    }
    return parseWebhookEvent(rawBody);
  }
}
