import { ChirpError } from "../errors/chirp-error.js";

/** Why a delivery failed the authenticity check. */
export type WebhookVerificationReason = "missing_header" | "repeated_header" | "mismatch";

/**
 * A delivery did not carry the shared secret the webhook was registered with
 * (Chirp signs nothing, so the echoed custom header is the only proof of origin).
 * The message names the header and the reason, never the expected or received value.
 */
export class WebhookVerificationError extends ChirpError {
  override readonly name: string = "WebhookVerificationError";
  /** What was wrong with the header. */
  readonly reason: WebhookVerificationReason;
  /** The header that was checked, as configured (e.g. `X-Webhook-Secret`). */
  readonly header: string;

  constructor(reason: WebhookVerificationReason, header: string) {
    super(`Webhook verification failed: ${describe(reason)} (header ${header})`, { family: "webhook" });
    this.reason = reason;
    this.header = header;
  }
}

function describe(reason: WebhookVerificationReason): string {
  if (reason === "missing_header") return "the secret header is missing";
  if (reason === "repeated_header") return "the secret header was sent more than once";
  return "the secret header does not match";
}

/**
 * Why a body is not a webhook event, for code that branches on it (a missing body is a
 * setup mistake to log; the rest are bad deliveries): `no_body` (absent or empty: a body
 * parser read it first), `too_large` (raw body over `Webhooks.unwrap`'s `maxBodyBytes`;
 * answer 413), `not_utf8`, `not_json`, `not_an_object` (JSON, but an array or a
 * scalar), `invalid_field` (a field of the envelope is missing or of the wrong type; see `path`).
 */
export type WebhookParseReason = "no_body" | "too_large" | "not_utf8" | "not_json" | "not_an_object" | "invalid_field";

/**
 * A verified delivery whose body is not a webhook event: not UTF-8 JSON, not an
 * object, or missing a field the envelope of its event requires. `path` names the
 * field at fault (`data.message.id`), so logs say what Chirp sent wrong.
 */
export class WebhookParseError extends ChirpError {
  override readonly name: string = "WebhookParseError";
  /** What was wrong with the body. */
  readonly reason: WebhookParseReason;
  /** The envelope field at fault, or `""` when the body as a whole is wrong. */
  readonly path: string;

  constructor(reason: WebhookParseReason, message: string, path = "", cause?: unknown) {
    super(`Webhook body rejected: ${message}`, { cause, family: "webhook" });
    this.reason = reason;
    this.path = path;
  }
}
