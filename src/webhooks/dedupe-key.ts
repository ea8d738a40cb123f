// Chirp delivers at least once (up to 5 attempts), so a redelivery must be
// recognised. The docs' rule (API-BEHAVIOUR.md §5.2, §6): calling events carry
// `eventId` "for idempotency"; others dedupe on event name + resource id.
import type { ChirpWebhookEvent } from "./events.js";
import { resourceKey } from "./parse.js";

type Json = Record<string, unknown>;

function idOf(value: unknown): string | undefined {
  const id = typeof value === "object" && value !== null ? (value as Json).id : undefined;
  return typeof id === "string" ? id : undefined;
}

/**
 * The key under which a delivery counts as handled, or `undefined` when the event
 * carries nothing to recognise it by (it is then handled every time).
 *
 * Message and call events happen once per resource and name, so event + id is
 * enough. Template, contact and account events can recur for the same resource
 * (a template approved, later paused), so their key adds the envelope `timestamp`,
 * which a redelivery repeats unchanged.
 */
export function webhookDedupeKey(event: ChirpWebhookEvent): string | undefined {
  if (event.event === "unknown") {
    const eventId = (event.raw as Json).eventId;
    return typeof eventId === "string" ? `${event.name}:${eventId}` : undefined;
  }
  const eventId = "eventId" in event ? event.eventId : undefined;
  if (typeof eventId === "string" && eventId !== "") return `${event.event}:${eventId}`;
  const data = event.data as Json;
  const key = resourceKey(event.event);
  const id = key === undefined ? idOf(data) : idOf(data[key]);
  if (event.event.startsWith("messages.") || event.event.startsWith("MESSAGE_")) {
    return id === undefined ? undefined : `${event.event}:${id}`;
  }
  const at = event.timestamp ?? "";
  const subject = id ?? idOf(data.app) ?? "";
  return `${event.event}:${subject}:${at}`;
}
