// Magic numbers: destinations (and one sender) that make the sandbox fail a send the
// documented ways, like a card number in a payment provider's test mode. Every number is
// valid E.164 (the SDK checks that before sending), in the +1 500 555 range that no
// carrier assigns, so a test can never text a real person by mistake.

/**
 * Numbers that make the sandbox answer a send (or play its lifecycle) a documented way.
 * Any other well-formed number is accepted and delivered.
 */
export const testNumbers = {
  /** Accepted; delivered (WhatsApp: then read). Any number not listed here behaves the same. */
  delivered: "+15005550000",
  /** Refused at once: 400 `invalid_phone_number` naming the field (`to[0]`). */
  invalid: "+15005550001",
  /** Refused at once: 402 `message_undeliverable`; SMS with the Telnyx provider details, WhatsApp with Meta's. */
  undeliverable: "+15005550002",
  /** WhatsApp only: 402 `conversation_window_expired` (Meta 131047: send a template instead). */
  whatsappWindowExpired: "+15005550003",
  /** WhatsApp only: 402 `recipient_not_on_whatsapp`. */
  notOnWhatsApp: "+15005550004",
  /** Accepted, sent, then failed: `messages.sms.failed` / `messages.whatsapp.failed` with the error object. */
  failsAfterSent: "+15005550005",
  /** As a sender (`from`): 400 `phone_number_not_assigned` (the number is not assigned to the app). */
  notAssigned: "+15005550007",
} as const;

/** The name of a magic number. */
export type TestNumberName = keyof typeof testNumbers;
