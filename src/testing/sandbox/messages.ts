// The messages the sandbox holds, and their lifecycle on the virtual clock: an outbound
// SMS/WhatsApp moves queued → sent → delivered (WhatsApp: → read), or → failed, and each
// step fires the documented webhook event with the payload shapes of API-BEHAVIOUR.md
// §5.6 (the types in src/webhooks/events.ts). Inbound messages (the Playground) fire
// `messages.*.received`.
import type { VirtualClock } from "./clock.js";

/** Virtual ms from accepting an outbound message to `sent`. */
export const SENT_AFTER_MS = 1_000;
/** Virtual ms from `sent` to `delivered` (or `failed`). */
export const DELIVERED_AFTER_MS = 2_000;
/** Virtual ms from `delivered` to `read` (WhatsApp). */
export const READ_AFTER_MS = 3_000;

/** A message channel of the sandbox. */
export type Channel = "sms" | "whatsapp";
/** Where a message is in its lifecycle (the SMS API's upper-case names). */
export type MessageStatus = "QUEUED" | "SENT" | "DELIVERED" | "READ" | "FAILED" | "RECEIVED";

/** A message held by the sandbox: one per recipient for SMS sends to several numbers. */
export interface StoredMessage {
  readonly id: string;
  readonly channel: Channel;
  readonly direction: "inbound" | "outbound";
  readonly from: string;
  readonly to: string;
  readonly text: string | null;
  /** sms/mms, or the WhatsApp message type (text, template, …). */
  readonly type: string;
  readonly subject?: string;
  readonly recipientId: string;
  status: MessageStatus;
  readonly createdAt: number;
  sentAt?: number;
  deliveredAt?: number;
  readAt?: number;
  failedAt?: number;
  receivedAt?: number;
  error?: Record<string, unknown>;
}

/** What an outbound message will do. */
export type Fate = { readonly kind: "deliver" } | { readonly kind: "fail"; readonly error: Record<string, unknown> };

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** The webhook `data.message` of an SMS (events.ts SmsWebhookMessage). */
function smsPayload(m: StoredMessage): Record<string, unknown> {
  return {
    id: m.id,
    direction: m.direction,
    from: m.from,
    to: m.to,
    text: m.text,
    type: m.type === "mms" ? "mms" : "sms",
    mediaUrl: null,
    mediaId: null,
    receivedAt: iso(m.receivedAt),
    sentAt: iso(m.sentAt),
    completedAt: iso(m.deliveredAt ?? m.failedAt),
    occurredAt: iso(m.failedAt ?? m.deliveredAt ?? m.sentAt ?? m.receivedAt ?? m.createdAt),
  };
}

/** The webhook `data.message` of a WhatsApp message (events.ts WhatsAppWebhookMessage). */
function whatsappPayload(m: StoredMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: m.id,
    direction: m.direction,
    from: m.from,
    to: m.to,
    type: m.type,
    text: m.text,
    occurredAt: iso(m.failedAt ?? m.readAt ?? m.deliveredAt ?? m.sentAt ?? m.receivedAt ?? m.createdAt),
  };
  if (m.direction === "inbound") {
    out.receivedAt = iso(m.receivedAt);
    out.source = "cloud_api";
    out.isHistoricalImport = false;
    out.conversationWindow = {
      id: `wacw_${m.id.replace(/^msg_wa_/, "")}`,
      originType: "user_initiated",
      expiresAt: iso((m.receivedAt ?? m.createdAt) + 24 * 3600_000),
    };
  } else {
    out.status = m.status.toLowerCase();
    out.sentAt = iso(m.sentAt);
    out.deliveredAt = iso(m.deliveredAt);
    out.readAt = iso(m.readAt);
  }
  return out;
}

/** Fires one event for a message: `messages.<channel>.<step>`. */
export type FireEvent = (event: string, data: Record<string, unknown>) => void;

/** The sandbox's messages, in creation order, and their lifecycle. */
export class MessageStore {
  readonly #clock: VirtualClock;
  readonly #fire: FireEvent;
  readonly #app: { id: string };
  readonly messages: StoredMessage[] = [];

  constructor(clock: VirtualClock, fire: FireEvent, appId: string) {
    this.#clock = clock;
    this.#fire = fire;
    this.#app = { id: appId };
  }

  #emit(m: StoredMessage, step: string): void {
    const message = m.channel === "sms" ? smsPayload(m) : whatsappPayload(m);
    const data: Record<string, unknown> = { message, app: { ...this.#app } };
    if (step === "failed" && m.error) data.error = structuredClone(m.error);
    this.#fire(`messages.${m.channel}.${step}`, data);
  }

  /** Stores an outbound message and schedules its lifecycle. */
  send(m: StoredMessage, fate: Fate): void {
    this.messages.push(m);
    this.#clock.schedule(SENT_AFTER_MS, () => {
      m.status = "SENT";
      m.sentAt = this.#clock.now();
      this.#emit(m, "sent");
      this.#clock.schedule(DELIVERED_AFTER_MS, () => {
        if (fate.kind === "fail") {
          m.status = "FAILED";
          m.failedAt = this.#clock.now();
          m.error = fate.error;
          this.#emit(m, "failed");
          return;
        }
        m.status = "DELIVERED";
        m.deliveredAt = this.#clock.now();
        this.#emit(m, "delivered");
        if (m.channel === "whatsapp") {
          this.#clock.schedule(READ_AFTER_MS, () => {
            m.status = "READ";
            m.readAt = this.#clock.now();
            this.#emit(m, "read");
          });
        }
      });
    });
  }

  /** Stores an inbound message (a customer writing in) and fires `messages.<channel>.received`. */
  receive(m: StoredMessage): void {
    this.messages.push(m);
    this.#emit(m, "received");
  }

  /** The message with `id` on `channel`, if the sandbox holds it. */
  find(channel: Channel, id: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.id === id);
  }
}
