// chirp-sdk/webhooks: receiving deliveries — verifying the secret header, parsing the
// typed event union, the Web-standard handler with dedupe, and the Node adapter.
// Needs no API key and no client, so a webhook-only app bundles none of the client.
// The main entry re-exports this whole list.
export { webhookDedupeKey } from "./webhooks/dedupe-key.js";
export {
  type MemoryDedupeStoreOptions,
  memoryDedupeStore,
  type WebhookClaim,
  type WebhookDedupeStore,
} from "./webhooks/dedupe-store.js";
export {
  WebhookParseError,
  type WebhookParseReason,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from "./webhooks/errors.js";
export type {
  CallWebhookCall,
  ChirpWebhookEvent,
  ChirpWebhookEventName,
  KnownWebhookEvent,
  SmsWebhookMessage,
  TemplateWebhookTemplate,
  UnknownWebhookEvent,
  WebhookApp,
  WebhookErrorObject,
  WebhookEvent,
  WebhookEventData,
  WebhookEventOf,
  WebhookResource,
  WhatsAppConversationWindow,
  WhatsAppWebhookMedia,
  WhatsAppWebhookMessage,
} from "./webhooks/events.js";
export {
  createWebhookHandler,
  type WebhookContext,
  type WebhookHandlerOptions,
  type WebhookHandlers,
  type WebhookLogger,
  type WebhookRequestHandler,
} from "./webhooks/handler.js";
export {
  type LegacySmsMessage,
  type LegacyWebhookEvent,
  type LegacyWebhookEventType,
  legacyWebhookEventTypes,
} from "./webhooks/legacy-events.js";
export {
  type NodeListener,
  type NodeListenerOptions,
  type NodeRequestLike,
  type NodeResponseLike,
  toNodeListener,
} from "./webhooks/node-adapter.js";
export { parseWebhookEvent, type WebhookBody, type WebhookJsonBody } from "./webhooks/parse.js";
export type { WebhookHeaders, WebhookSecretOptions } from "./webhooks/verify.js";
export { type UnwrapOptions, Webhooks } from "./webhooks/webhooks.js";
