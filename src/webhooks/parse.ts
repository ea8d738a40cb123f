// Body → typed event. Only the envelope is checked (what the types promise and
// what dedupe needs: event, timestamp, data.app, the resource id, eventId on
// calls, error on *.failed); resource fields are Chirp's to evolve.
import { type WebhookEventType, webhookEventTypes } from "../generated/webhook-events.js";
import { WebhookParseError } from "./errors.js";
import type { ChirpWebhookEvent } from "./events.js";
import { type LegacyWebhookEventType, legacyWebhookEventTypes } from "./legacy-events.js";

/** A body a framework has already parsed as JSON (`express.json()`, Fastify, `await request.json()`). */
export type WebhookJsonBody = { readonly [field: string]: unknown };

/**
 * A webhook body as received: text, its bytes (`Uint8Array`, Node's `Buffer`), or the
 * object a JSON body parser made of it. Chirp authenticates a delivery by a header,
 * not by a signature over the bytes, so a parsed body is as good as the raw one.
 */
export type WebhookBody = string | Uint8Array | ArrayBuffer | WebhookJsonBody;

type Json = Record<string, unknown>;

const known: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(webhookEventTypes);
const legacy: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(legacyWebhookEventTypes);
const decoder = /* @__PURE__ */ new TextDecoder("utf-8", { fatal: true });

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function need(value: unknown, path: string, kind: "object" | "string"): void {
  const ok = kind === "object" ? isObject(value) : typeof value === "string" && value !== "";
  if (!ok)
    throw new WebhookParseError(
      "invalid_field",
      `${path} must be ${kind === "object" ? "an object" : "a non-empty string"}`,
      path,
    );
}

/** The key under `data` that holds an event family's resource, if the docs name one. */
export function resourceKey(event: string): string | undefined {
  if (event.startsWith("messages.")) return "message";
  if (event.startsWith("calls.")) return "call";
  if (event.startsWith("templates.")) return "template";
  if (event.startsWith("contacts.")) return "contact";
  return undefined;
}

/**
 * Why a delivery has no body, and what to change: Chirp always posts JSON, so an
 * empty body means something in the app read it before the handler.
 */
export const MISSING_BODY_MESSAGE =
  "the request has no body. Chirp always posts a JSON body, so something read it before this handler — " +
  "usually a body parser mounted before the route (express.json(), express.text(), Fastify's content-type parser). " +
  "Fix: pass the parsed body on (toNodeListener(handler) uses req.body when the framework set it; " +
  "with Fastify call listener(request.raw, reply.raw, request.body)), " +
  "or mount the webhook route before the parser.";

function decode(body: string | Uint8Array | ArrayBuffer): string {
  if (typeof body === "string") return body;
  try {
    return decoder.decode(body);
  } catch (cause) {
    throw new WebhookParseError("not_utf8", "the body is not UTF-8", "", cause);
  }
}

function checkKnown(body: Json, event: WebhookEventType): void {
  need(body.timestamp, "timestamp", "string");
  need(body.data, "data", "object");
  const data = body.data as Json;
  need(data.app, "data.app", "object");
  need((data.app as Json).id, "data.app.id", "string");
  const key = resourceKey(event);
  if (key !== undefined) {
    need(data[key], `data.${key}`, "object");
    need((data[key] as Json).id, `data.${key}.id`, "string");
  }
  if (event.startsWith("calls.")) need(body.eventId, "eventId", "string");
  if (event.endsWith(".failed")) {
    need(data.error, "data.error", "object");
    need((data.error as Json).message, "data.error.message", "string");
  }
}

function checkLegacy(body: Json, _event: LegacyWebhookEventType): void {
  need(body.data, "data", "object");
  need((body.data as Json).id, "data.id", "string");
}

// By tag, not instanceof: bytes from another realm (a test environment, a worker) still count as bytes.
function isRaw(body: WebhookBody): body is string | Uint8Array | ArrayBuffer {
  return (
    typeof body === "string" ||
    ArrayBuffer.isView(body) ||
    Object.prototype.toString.call(body) === "[object ArrayBuffer]"
  );
}

/** The body as a JSON value: raw bodies are decoded and parsed, a parsed one is taken as is. */
function toJson(body: WebhookBody | undefined | null): unknown {
  // `undefined`/`null` is what a caller passes on when a framework left no body behind (`req.body`).
  if (body === undefined || body === null) throw new WebhookParseError("no_body", MISSING_BODY_MESSAGE);
  if (!isRaw(body)) return body;
  const text = decode(body);
  if (text.trim() === "") throw new WebhookParseError("no_body", MISSING_BODY_MESSAGE);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new WebhookParseError("not_json", "the body is not JSON", "", cause);
  }
}

/**
 * Parses a delivery's body into a typed event, or throws `WebhookParseError`
 * naming the field at fault. Does not check authenticity: use `unwrap` for that.
 */
export function parseWebhookEvent(body: WebhookBody): ChirpWebhookEvent {
  const parsed = toJson(body);
  if (!isObject(parsed)) throw new WebhookParseError("not_an_object", "the body is not a JSON object");
  need(parsed.event, "event", "string");
  const event = parsed.event as string;
  if (known.has(event)) {
    checkKnown(parsed, event as WebhookEventType);
    return parsed as unknown as ChirpWebhookEvent;
  }
  if (legacy.has(event)) {
    checkLegacy(parsed, event as LegacyWebhookEventType);
    return parsed as unknown as ChirpWebhookEvent;
  }
  return {
    event: "unknown",
    name: event,
    ...(typeof parsed.timestamp === "string" ? { timestamp: parsed.timestamp } : {}),
    data: parsed.data,
    raw: parsed,
  };
}
