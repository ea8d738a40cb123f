// Payload types of webhook deliveries. The spec has no payload schemas, only the
// event names (WebhookEventType), so shapes follow the docs' examples
// (API-BEHAVIOUR.md §5.4–5.6); enums the spec does define are aliased from it.
// Each event's data type is chosen by the name's pattern, so an event the spec
// adds to a known family (`calls.ringing`) is typed by regeneration alone.
import type { components } from "../generated/openapi.js";
import type { WebhookEventType } from "../generated/webhook-events.js";
import type { LegacyWebhookEvent } from "./legacy-events.js";

type Schemas = components["schemas"];

/** The error object `*.failed` events carry: the API's error object (`error.provider` holds Meta's/Telnyx's own). */
export type WebhookErrorObject = Schemas["ApiError"]["error"];

/** The app the event belongs to (`data.app`). */
export interface WebhookApp {
  id: string;
  name?: string;
}

/** An SMS/MMS in `messages.sms.*` events (`data.message`). */
export interface SmsWebhookMessage {
  id: string;
  direction: "inbound" | "outbound";
  from: string;
  to: string;
  text: string | null;
  type: "sms" | "mms";
  /** Presigned, valid one hour; fetch a fresh one with `getMedia(mediaId)`. */
  mediaUrl: string | null;
  mediaId: string | null;
  receivedAt: string | null;
  sentAt: string | null;
  completedAt: string | null;
  occurredAt: string | null;
}

/** Media attached to an inbound WhatsApp message (receiving guide shape). */
export interface WhatsAppWebhookMedia {
  url: string;
  id: string;
  mimeType?: string;
  caption?: string | null;
  fileSize?: number;
  filename?: string | null;
  sha256?: string;
  isVoiceNote?: boolean;
}

/** The 24-hour customer-service window an inbound WhatsApp message opens. */
export interface WhatsAppConversationWindow {
  id: string;
  originType: "user_initiated" | (string & {});
  expiresAt: string;
}

/**
 * A WhatsApp message in `messages.whatsapp.*` events (`data.message`): one shape
 * for inbound and outbound; `direction` and the timestamps tell the stage. The
 * docs disagree on media (flat `mediaUrl`/`mediaId` vs a `media` object), so both
 * are optional.
 */
export interface WhatsAppWebhookMessage {
  id: string;
  direction: "inbound" | "outbound";
  from: string;
  to: string;
  /** text, image, video, audio, document, sticker, location, contacts, reaction, interactive, order, system, … */
  type: string;
  text?: string | null;
  status?: string;
  context?: unknown;
  media?: WhatsAppWebhookMedia;
  audio?: WhatsAppWebhookMedia;
  mediaUrl?: string | null;
  mediaId?: string | null;
  receivedAt?: string | null;
  sentAt?: string | null;
  deliveredAt?: string | null;
  readAt?: string | null;
  occurredAt?: string | null;
  source?: "cloud_api" | "business_app" | "history_import";
  isHistoricalImport?: boolean;
  /** Set on inbound messages (the docs' media example omits it). */
  conversationWindow?: WhatsAppConversationWindow;
}

/** A call in `calls.*` events (`data.call`); channels and direction are the spec's `Call` enums. */
export interface CallWebhookCall {
  id: string;
  direction: Schemas["Call"]["direction"];
  from: string;
  to: string;
  fromChannel: Schemas["Call"]["fromChannel"];
  toChannel: Schemas["Call"]["toChannel"];
  livekitRoomName?: string | null;
  metadata?: Record<string, unknown>;
}

/** A resource whose webhook shape the docs do not show: its id, and whatever else Chirp sends. */
export interface WebhookResource {
  id: string;
  [field: string]: unknown;
}

/** A template in `templates.whatsapp.*` events: the spec's `WhatsAppTemplate`, all but `id` optional (shape not documented). */
export type TemplateWebhookTemplate = Pick<Schemas["WhatsAppTemplate"], "id"> &
  Partial<Omit<Schemas["WhatsAppTemplate"], "id">>;

type Failed<E extends string, D> = E extends `${string}.failed` ? D & { error: WebhookErrorObject } : D;

/** The `data` of a documented event, chosen by its name's family. */
export type WebhookEventData<E extends string> = Failed<
  E,
  E extends `messages.sms.${string}`
    ? { message: SmsWebhookMessage; app: WebhookApp }
    : E extends "messages.whatsapp.received"
      ? { message: WhatsAppWebhookMessage & { direction: "inbound" }; app: WebhookApp }
      : E extends `messages.whatsapp.${string}`
        ? { message: WhatsAppWebhookMessage; app: WebhookApp }
        : E extends `calls.${string}`
          ? { call: CallWebhookCall; app: WebhookApp; recording?: WebhookResource; voicemail?: WebhookResource }
          : E extends `templates.${string}`
            ? { template: TemplateWebhookTemplate; app: WebhookApp }
            : E extends `contacts.${string}`
              ? { contact: WebhookResource; app: WebhookApp }
              : { app: WebhookApp; [field: string]: unknown }
>;

/** One documented event: `{ event, timestamp, data }`, plus `eventId` on calling events. */
export type WebhookEventOf<E extends string> = E extends string
  ? { event: E; timestamp: string; data: WebhookEventData<E> } & (E extends `calls.${string}`
      ? { eventId: string }
      : { eventId?: string })
  : never;

/** Every event the spec's `WebhookEventType` enum names, as a union discriminated by `event`. */
export type KnownWebhookEvent = WebhookEventOf<WebhookEventType>;

/**
 * An event this SDK version does not know (Chirp added it after the spec was
 * vendored). `event` is `"unknown"` so that `switch (e.event)` still narrows; the
 * real name is `name` and the body is kept whole in `raw`.
 */
export interface UnknownWebhookEvent {
  event: "unknown";
  /** The event name Chirp sent. */
  name: string;
  timestamp?: string;
  data: unknown;
  /** The whole parsed body. */
  raw: Record<string, unknown>;
}

/** What `unwrap` returns: a documented event, a legacy flat `MESSAGE_*` event, or an unknown one. */
export type ChirpWebhookEvent = KnownWebhookEvent | LegacyWebhookEvent | UnknownWebhookEvent;

/** The name of an event `unwrap` can return typed (documented or legacy). */
export type ChirpWebhookEventName = KnownWebhookEvent["event"] | LegacyWebhookEvent["event"];

/** The event type for one name, e.g. `WebhookEvent<"messages.sms.received">`. */
export type WebhookEvent<E extends ChirpWebhookEventName> = Extract<ChirpWebhookEvent, { event: E }>;
