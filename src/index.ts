// chirp-sdk: the public surface. Everything else under src/ is internal.

export type { KeyKind } from "./auth.js";
export { Chirp } from "./client.js";
export { DEFAULT_BASE_URL } from "./config.js";
export { type ApiErrorInit, ChirpApiError, type ProviderErrorDetails } from "./errors/api-error.js";
export { ChirpConfigError, ChirpError, type ErrorFamily } from "./errors/chirp-error.js";
export type { CodeError, CodeErrorClass } from "./errors/code-error.js";
export {
  ApiServerError,
  AuthenticationError,
  InvalidRequestError,
  ProviderError,
  RateLimitError,
} from "./errors/families.js";
export {
  ChirpAbortError,
  ChirpConnectionError,
  ChirpResponseError,
  ChirpTimeoutError,
  type SentState,
} from "./errors/network-errors.js";
export { ChirpValidationError } from "./errors/validation-error.js";
// The one `export *`: a class per error code, generated from the spec, so that a
// new code in the spec becomes an exported class by regeneration alone.
export * from "./generated/errors.js";
export type { components, operations as OperationTypes, paths } from "./generated/openapi.js";
export { type OperationId, type OperationInfo, operations } from "./generated/operations.js";
export { type WebhookEventType, webhookEventTypes } from "./generated/webhook-events.js";
export type { ChirpOptions } from "./options.js";
export type { BatchOptions, BatchProgress, BatchResult } from "./rate-limit/batch.js";
export {
  type BucketBudgets,
  type BucketName,
  bucketOf,
  DEFAULT_BUDGETS,
  DEFAULT_WINDOW_MS,
  type LimitKeyKind,
} from "./rate-limit/buckets.js";
export type { RateLimiter } from "./rate-limit/limiter.js";
export { MemoryRateLimitStore } from "./rate-limit/memory-store.js";
export type { RateLimitBucketStats, RateLimitEvent, RateLimitOptions } from "./rate-limit/options.js";
export type {
  BucketSnapshot,
  Observation,
  ObserveRequest,
  RateLimitStore,
  TakeRequest,
  TakeResult,
} from "./rate-limit/store.js";
export type { RateLimitInfo } from "./rate-limit-info.js";
export type { RetryOptions } from "./retry.js";
export type { FetchLike } from "./transport.js";
export type {
  CallOptions,
  ListItem,
  ListOperationId,
  OperationArgs,
  OperationMethods,
  OperationParams,
  OperationResult,
  WithResponse,
} from "./types.js";
export { webhookDedupeKey } from "./webhooks/dedupe-key.js";
export {
  type MemoryDedupeStoreOptions,
  memoryDedupeStore,
  type WebhookClaim,
  type WebhookDedupeStore,
} from "./webhooks/dedupe-store.js";
export { WebhookParseError, WebhookVerificationError, type WebhookVerificationReason } from "./webhooks/errors.js";
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
export { Webhooks } from "./webhooks/webhooks.js";
