// The authenticity check. Chirp signs nothing (API-BEHAVIOUR.md §5.3): the app
// registers custom headers with its webhook and Chirp echoes them on every
// delivery, so the only check is comparing that header with the secret — in
// constant time, over UTF-8 bytes, with no node: import so it runs everywhere.
import { ChirpConfigError } from "../errors/chirp-error.js";
import { HTTP_TOKEN } from "../http-token.js";
import { WebhookVerificationError } from "./errors.js";

/** Request headers as a `Headers` object or a plain record (Node's `IncomingHttpHeaders`, a framework's). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Which header carries the shared secret, and its value. */
export interface WebhookSecretOptions {
  /** The custom header registered with the webhook, any case (e.g. `X-Webhook-Secret`). */
  readonly secretHeader: string;
  /** The secret; several during a rotation (any one matches). */
  readonly secret: string | readonly string[];
}

const encoder = /* @__PURE__ */ new TextEncoder();

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return `missing (${value})`;
  if (value === "") return "an empty string";
  // Only secretHeader gets here with a string: one with spaces, a newline or other non-token characters.
  if (typeof value === "string") return "not a header name";
  return `a ${typeof value}, not a string`;
}

// A field value loses its surrounding spaces and tabs (RFC 9110 §5.5; fetch's "normalize" strips CR and LF too)
// and cannot contain CR, LF or NUL at all, so a secret with any of these could never equal what arrives.
const UNSENDABLE = /^[ \t\r\n]|[ \t\r\n]$|[\r\n\0]/;

/**
 * Checks the options once, so a missing secret is a setup error naming the option
 * and where it usually comes from — not a TypeError, nor a 401 on every delivery.
 * A secret that cannot travel in a header (surrounding whitespace, CR, LF, NUL) is
 * refused rather than trimmed: silently comparing against another value than the one
 * configured would hide which of the two was registered with the webhook.
 * @throws ChirpConfigError when `secretHeader` is not a header name, or `secret` is missing, empty, not a
 * string, or could never match (surrounding whitespace, CR, LF or NUL).
 */
export function checkSecretOptions(options: WebhookSecretOptions): void {
  const header: unknown = options?.secretHeader;
  if (typeof header !== "string" || !HTTP_TOKEN.test(header)) {
    throw new ChirpConfigError(
      `Webhook option secretHeader is ${describeValue(header)}: set it to the name of the custom header ` +
        'registered with the webhook, e.g. secretHeader: "X-Webhook-Secret".',
    );
  }
  const secret: unknown = options.secret;
  const secrets: readonly unknown[] = Array.isArray(secret) ? secret : [secret];
  const bad = secrets.findIndex((s) => typeof s !== "string" || s === "");
  if (secrets.length === 0 || bad >= 0) {
    const what = secrets.length === 0 ? "an empty array" : describeValue(secrets[bad]);
    throw new ChirpConfigError(
      `Webhook option secret (header ${header}) is ${what}: set it to the value registered with the webhook, ` +
        "usually from the CHIRP_WEBHOOK_SECRET environment variable (secret: process.env.CHIRP_WEBHOOK_SECRET) — " +
        "check that the variable is set where this code runs.",
    );
  }
  // Never quotes the secret.
  if ((secrets as readonly string[]).some((one) => UNSENDABLE.test(one))) {
    throw new ChirpConfigError(
      `Webhook option secret (header ${header}) has surrounding whitespace or a CR, LF or NUL, which a header ` +
        "cannot carry, so it could never match: trim it (a file's newline?).",
    );
  }
}

/** The header's value, case-insensitively; `undefined` when absent, `null` when sent more than once. */
export function readHeader(headers: WebhookHeaders, name: string): string | undefined | null {
  if (typeof (headers as Headers).get === "function" && typeof (headers as Headers).has === "function") {
    return (headers as Headers).get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  let found: string | undefined | null;
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = (headers as Record<string, string | readonly string[] | undefined>)[key];
    if (value === undefined) continue;
    // Two keys differing only in case, or an array of values: the sender repeated it.
    if (found !== undefined || (typeof value !== "string" && value.length !== 1)) return null;
    found = typeof value === "string" ? value : value[0];
  }
  return found;
}

/**
 * Compares two strings in time that depends on the expected value's length only,
 * never on where they first differ, so the secret cannot be guessed byte by byte.
 */
export function timingSafeEqual(received: string, expected: string): boolean {
  const a = encoder.encode(received);
  const b = encoder.encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) {
    diff |= (a.length === 0 ? 0 : a[i % a.length]!) ^ b[i]!;
  }
  return diff === 0;
}

/** Throws `WebhookVerificationError` unless the secret header matches one of the secrets. */
export function verifySecret(headers: WebhookHeaders, options: WebhookSecretOptions): void {
  checkSecretOptions(options);
  const value = readHeader(headers, options.secretHeader);
  if (value === undefined) throw new WebhookVerificationError("missing_header", options.secretHeader);
  if (value === null) throw new WebhookVerificationError("repeated_header", options.secretHeader);
  const secrets = typeof options.secret === "string" ? [options.secret] : options.secret;
  let ok = false;
  // No early exit: every secret is compared, so timing does not say which one matched.
  for (const secret of secrets) ok = timingSafeEqual(value, secret) || ok;
  if (!ok) throw new WebhookVerificationError("mismatch", options.secretHeader);
}
