// A Web-standard webhook endpoint: (Request) => Promise<Response>, which is what
// Bun.serve, Deno.serve, Workers' fetch and Request/Response frameworks (Hono,
// Next.js route handlers, …) take; node:http goes through toNodeListener.
import { dedupeDeliveries } from "./dedupe-run.js";
import type { WebhookDedupeStore } from "./dedupe-store.js";
import { WebhookParseError, WebhookVerificationError } from "./errors.js";
import type { ChirpWebhookEvent, ChirpWebhookEventName, WebhookEvent } from "./events.js";
import { parseWebhookEvent } from "./parse.js";
import { checkMaxBodyBytes, discardBody, readBoundedBody } from "./read-body.js";
import { checkSecretOptions, verifySecret, type WebhookSecretOptions } from "./verify.js";

/** What a handler gets besides the event. */
export interface WebhookContext {
  /** The delivery, e.g. to read other custom headers (`X-App-Id`). Its body is already read. */
  readonly request: Request;
}

/** A handler per event name; each receives that event's type. */
export type WebhookHandlers = {
  readonly [E in ChirpWebhookEventName]?: (event: WebhookEvent<E>, context: WebhookContext) => unknown;
};

/** Options of `createWebhookHandler`. */
export interface WebhookHandlerOptions extends WebhookSecretOptions {
  /** Handlers by event name. Events with no handler (and no `fallback`) are answered 200 unhandled. */
  readonly on: WebhookHandlers;
  /** Runs for unknown events and for events with no handler in `on`. */
  readonly fallback?: ((event: ChirpWebhookEvent, context: WebhookContext) => unknown) | undefined;
  /** Remembers handled deliveries; share one across machines. @default memoryDedupeStore() */
  readonly store?: WebhookDedupeStore | undefined;
  /** How long a handled delivery is remembered, in ms; covers Chirp's 5 attempts. @default 86400000 (24 h) */
  readonly dedupeTtlMs?: number | undefined;
  /** How long a running handler's claim holds before a redelivery may run it again, in ms. @default 60000 */
  readonly leaseMs?: number | undefined;
  /** The key a delivery is recognised by; `undefined` turns dedupe off for it. @default webhookDedupeKey */
  readonly dedupeKey?: ((event: ChirpWebhookEvent) => string | undefined) | undefined;
  /** Told about a handler or store failure (answered 500); the error never reaches the response. @default logger.error */
  readonly onError?: ((error: unknown, event: ChirpWebhookEvent) => void) | undefined;
  /**
   * Where setup problems are written: a delivery with no body at all (a body parser
   * read it first) is logged here once, with the fix, besides being answered 400.
   * @default console
   */
  readonly logger?: WebhookLogger | undefined;
  /**
   * Largest body accepted, in bytes: a declared `Content-Length` over it is answered 413
   * before a byte is read, a body that grows past it at the first byte too many (its
   * stream cancelled). Chirp's deliveries are a few kB. @default 1048576 (1 MiB)
   */
  readonly maxBodyBytes?: number | undefined;
}

/** Where the webhook handler writes what an operator must fix (`console`, pino, winston …). */
export interface WebhookLogger {
  error(message: string, ...details: unknown[]): void;
}

/** A Web-standard request handler. */
export type WebhookRequestHandler = (request: Request) => Promise<Response>;

function reply(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/**
 * Builds the endpoint Chirp posts to. Answers 401 for a missing or wrong secret
 * (checked before a byte of the body is read; the rest is discarded unread), 413 for
 * a body over `maxBodyBytes` (read as a counted stream and cancelled at the first byte
 * too many), 400 for a body that is not an event, 200 once the event's handler has run (or
 * when nothing handles it, so Chirp does not retry it for nothing), 500 when the
 * handler throws (Chirp retries), and 409 while the same event is still being
 * handled (Chirp retries later, and the first attempt's outcome decides).
 * A redelivery of a handled event is answered 200 without running the handler.
 *
 * @throws ChirpConfigError at construction when `maxBodyBytes` is not a whole number ≥ 1, when `secret` or
 *   `secretHeader` is missing, empty or not a string,
 *   when `secretHeader` is not a header name, or when a secret starts or ends with whitespace or holds CR, LF or
 *   NUL (a header value cannot carry those, so it could never match: trim a secret read from a file).
 * @example
 * const handler = createWebhookHandler({
 *   secretHeader: "X-Webhook-Secret",
 *   secret: process.env.CHIRP_WEBHOOK_SECRET!,
 *   on: { "messages.sms.received": async (event) => console.log(event.data.message.text) },
 * });
 * Bun.serve({ port: 3000, fetch: handler }); // or Deno.serve(handler), or toNodeListener(handler)
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookRequestHandler {
  checkSecretOptions(options);
  const max = checkMaxBodyBytes(options.maxBodyBytes);
  const logger = options.logger ?? console;
  const run = dedupeDeliveries({
    ...options,
    onError: options.onError ?? ((error: unknown) => logger.error("chirp-sdk: webhook handler failed", error)),
  });
  // A missing body is a setup mistake that repeats on every delivery: say it once, not per request.
  let toldMissingBody = false;
  return async (request) => {
    // Nothing below reads a body byte before the secret matched: the endpoint is public,
    // and a flood of unauthenticated uploads must cost the server nothing but the headers.
    if (request.method !== "POST") {
      discardBody(request);
      return reply(405, { error: "method not allowed" }, { allow: "POST" });
    }
    try {
      verifySecret(request.headers, options);
    } catch (error) {
      discardBody(request);
      if (error instanceof WebhookVerificationError) return reply(401, { error: "unauthorized" });
      throw error;
    }
    const body = await readBoundedBody(request, max);
    if (body === "too_large") return reply(413, { error: `body larger than ${max} bytes` });
    // The sender went away or broke the stream mid-body: answered (if anyone still listens), never logged,
    // since a sender can cause it at will.
    if (body === "unreadable") return reply(400, { error: "body not readable" });
    let event: ChirpWebhookEvent;
    try {
      event = parseWebhookEvent(body);
    } catch (error) {
      if (error instanceof WebhookParseError) {
        if (error.reason === "no_body" && !toldMissingBody) {
          toldMissingBody = true;
          logger.error(`chirp-sdk: ${error.message} (logged once; every such delivery is answered 400)`);
        }
        return reply(400, { error: error.message });
      }
      throw error;
    }
    const on = options.on as Record<string, ((e: ChirpWebhookEvent, c: WebhookContext) => unknown) | undefined>;
    const handle = (event.event === "unknown" ? undefined : on[event.event]) ?? options.fallback;
    if (handle === undefined) return reply(200, { received: true, handled: false });
    const outcome = await run(event, () => handle(event, { request }));
    if (outcome === "in_progress") return reply(409, { error: "this event is being handled" }, { "retry-after": "5" });
    if (outcome === "failed") return reply(500, { error: "handler failed" });
    return reply(200, { received: true, handled: true, duplicate: outcome === "duplicate" });
  };
}
