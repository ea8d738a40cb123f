// Body → typed event. Only the envelope is checked (what the types promise and
// what dedupe needs: event, timestamp, data.app, the resource id, eventId on
// calls, error on *.failed); resource fields are Chirp's to evolve.
import { type WebhookEventType, webhookEventTypes } from "../generated/webhook-events.js";
import { WebhookParseError } from "./errors.js";
import type { ChirpWebhookEvent } from "./events.js";
import { type LegacyWebhookEventType, legacyWebhookEventTypes } from "./legacy-events.js";

/** A webhook body as received: text, or the bytes of it. */
export type WebhookBody = string | Uint8Array | ArrayBuffer;

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
    throw new WebhookParseError(`${path} must be ${kind === "object" ? "an object" : "a non-empty string"}`, path);
}

/** The key under `data` that holds an event family's resource, if the docs name one. */
export function resourceKey(event: string): string | undefined {
  if (event.startsWith("messages.")) return "message";
  if (event.startsWith("calls.")) return "call";
  if (event.startsWith("templates.")) return "template";
  if (event.startsWith("contacts.")) return "contact";
  return undefined;
}

function decode(body: WebhookBody): string {
  if (typeof body === "string") return body;
  try {
    return decoder.decode(body);
  } catch (cause) {
    throw new WebhookParseError("the body is not UTF-8", "", cause);
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

/**
 * Parses a delivery's body into a typed event, or throws `WebhookParseError`
 * naming the field at fault. Does not check authenticity: use `unwrap` for that.
 */
export function parseWebhookEvent(body: WebhookBody): ChirpWebhookEvent {
  const text = decode(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new WebhookParseError("the body is not JSON", "", cause);
  }
  if (!isObject(parsed)) throw new WebhookParseError("the body is not a JSON object");
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
