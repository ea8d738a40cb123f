// Webhook fixtures for an app's tests: a valid event of any documented or legacy
// type (shapes as in API-BEHAVIOUR.md §5.6), and a POST of one to an endpoint.
// Built on the generated event list, so a spec update adds fixtures too.
import type { ChirpWebhookEventName, WebhookEvent } from "../webhooks/events.js";

/** Nested partial: override any field at any depth (arrays are replaced whole). */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

type Json = Record<string, unknown>;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SYSTEM = "+15551234567";
const USER = "+15559876543";

/** A test-mode id: `<prefix>_test_` + 27 base62 characters, like Chirp's KSUIDs. */
function id(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(27));
  return `${prefix}_test_${Array.from(bytes, (b) => BASE62[b % 62]).join("")}`;
}

function merge(base: Json, overrides: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    const nested = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
    out[key] = nested(current) && nested(value) ? merge(current, value) : value;
  }
  return out;
}

function failure(type: string): Json {
  const code = type.startsWith("calls.") ? "call_failed" : "message_undeliverable";
  return {
    type: "provider_error",
    code,
    message: "The message could not be delivered to the recipient.",
    doc_url: `https://docs.buildwithchirp.com/api_reference/error-codes#${code}`,
  };
}

function message(type: string, at: string): Json {
  const stage = type.slice(type.lastIndexOf(".") + 1);
  const inbound = stage === "received";
  const ends = { from: inbound ? USER : SYSTEM, to: inbound ? SYSTEM : USER };
  const direction = inbound ? "inbound" : "outbound";
  if (type.startsWith("messages.sms.")) {
    return {
      ...{
        id: id("msg_sms"),
        direction,
        ...ends,
        text: "Hello from Chirp",
        type: "sms",
        mediaUrl: null,
        mediaId: null,
      },
      ...{ receivedAt: inbound ? at : null, sentAt: inbound ? null : at, completedAt: null, occurredAt: at },
    };
  }
  const common = { id: id("msg_wa"), direction, ...ends, type: "text", text: "Hello from Chirp", occurredAt: at };
  if (!inbound) return { ...common, status: stage, [`${stage}At`]: at };
  const expiresAt = new Date(Date.parse(at) + 86_400_000).toISOString();
  return {
    ...{ ...common, receivedAt: at, source: "cloud_api", isHistoricalImport: false },
    conversationWindow: { id: id("wacw"), originType: "user_initiated", expiresAt },
  };
}

function data(type: string, at: string): Json {
  const app = { id: id("app"), name: "Test app" };
  if (type.startsWith("messages.")) return { message: message(type, at), app };
  if (type.startsWith("calls.")) {
    const call = {
      id: id("call"),
      direction: "inbound",
      from: USER,
      to: SYSTEM,
      fromChannel: "pstn",
      toChannel: "pstn",
    };
    const extra = type.includes(".recording.")
      ? { recording: { id: id("rec") } }
      : type.includes(".voicemail.")
        ? { voicemail: { id: id("vm") } }
        : {};
    return { call, app, ...extra };
  }
  if (type.startsWith("templates.")) {
    const template = { id: id("tmpl_wa"), name: "order_shipped", language: "en_US", category: "UTILITY" };
    return { template: { ...template, status: "APPROVED" }, app };
  }
  if (type.startsWith("contacts.")) return { contact: { id: id("ct_wa"), waId: USER.slice(1), name: "Ada" }, app };
  return { account: { id: id("waba") }, app };
}

function legacy(type: string, at: string): Json {
  const inbound = type === "MESSAGE_CREATED";
  const status = inbound ? "RECEIVED" : type.slice("MESSAGE_".length);
  return {
    event: type,
    timestamp: at,
    data: {
      ...{ id: id("msg_sms"), from: inbound ? USER : SYSTEM, to: inbound ? SYSTEM : USER, text: "Hello from Chirp" },
      ...{
        subject: null,
        mediaUrls: [],
        type: "SMS",
        direction: inbound ? "INBOUND" : "OUTBOUND",
        status,
        createdAt: at,
      },
    },
  };
}

/**
 * A valid webhook event of `type`, with fresh test-mode ids, as Chirp would
 * deliver it; `overrides` are merged in at any depth. Any other name gives a bare
 * envelope (`{ event, timestamp, data: { app } }`), e.g. to test unknown events.
 *
 * @example
 * const event = webhookEvent("messages.sms.received", { data: { message: { text: "STOP" } } });
 */
export function webhookEvent<E extends ChirpWebhookEventName>(
  type: E,
  overrides?: DeepPartial<WebhookEvent<E>>,
): WebhookEvent<E>;
export function webhookEvent<N extends string>(
  type: N extends ChirpWebhookEventName ? never : N,
  overrides?: Json,
): Json;
export function webhookEvent(type: string, overrides: object = {}): object {
  const at = new Date().toISOString();
  const base = type.startsWith("MESSAGE_")
    ? legacy(type, at)
    : { event: type, timestamp: at, ...(type.startsWith("calls.") ? { eventId: id("evt") } : {}) };
  const event = "data" in base ? base : { ...base, data: data(type, at) };
  if (type.endsWith(".failed")) (event.data as Json).error = failure(type);
  return merge(event, overrides as Json);
}

/** Options of `sendWebhook`. */
export interface SendWebhookOptions {
  /** Headers sent with the delivery, e.g. the secret: `{ "X-Webhook-Secret": "…" }`. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** The fetch to use. @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined;
}

/**
 * POSTs an event to an app's webhook endpoint the way Chirp does (JSON body,
 * `Content-Type: application/json`, the registered custom headers). A string is
 * sent as is, to test bodies that are not valid events.
 *
 * @example
 * const response = await sendWebhook("http://127.0.0.1:3000/webhooks", webhookEvent("calls.initiated"), {
 *   headers: { "X-Webhook-Secret": "s3cret" },
 * });
 */
export function sendWebhook(
  url: string | URL,
  event: object | string,
  options: SendWebhookOptions = {},
): Promise<Response> {
  const body = typeof event === "string" ? event : JSON.stringify(event);
  return (options.fetch ?? fetch)(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Chirp-Webhooks (chirp-sdk/testing)",
      ...options.headers,
    },
    body,
  });
}
