// Older SMS guides document upper-case event names with a flat payload
// (API-BEHAVIOUR.md §5.5–5.6, CONFLICT with the dotted reference). Apps whose
// webhooks were set up from those pages may still receive them.

/** The legacy event names, in the order the guides list them. */
export const legacyWebhookEventTypes = ["MESSAGE_CREATED", "MESSAGE_SENT", "MESSAGE_DELIVERED"] as const;

/** A legacy event name. */
export type LegacyWebhookEventType = (typeof legacyWebhookEventTypes)[number];

/** The flat message of a legacy event (`data` itself is the message). */
export interface LegacySmsMessage {
  id: string;
  from: string;
  to: string;
  text: string | null;
  /** MMS only. */
  subject?: string | null;
  mediaUrls?: string[];
  type: "SMS" | "MMS";
  direction: "INBOUND" | "OUTBOUND";
  status: "RECEIVED" | "SENT" | "DELIVERED" | (string & {});
  createdAt?: string;
  [field: string]: unknown;
}

/** A legacy flat event: `{ event: "MESSAGE_CREATED", data: { id, from, to, … } }`, with no `data.app`. */
export type LegacyWebhookEvent = {
  [E in LegacyWebhookEventType]: { event: E; timestamp?: string; data: LegacySmsMessage };
}[LegacyWebhookEventType];
