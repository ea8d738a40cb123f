// chirp-sdk: the public surface. Everything else under src/ is internal.

export type { KeyKind } from "./auth.js";
export type {
  AttemptContext,
  CallContext,
  LimiterView,
  Middleware,
  MiddlewareInput,
  NextAttempt,
  RetryCause,
} from "./call/3-middleware.js";
export type { FetchLike } from "./call/4-transport.js";
export type { AttemptFailure, RetryDecision, RetryOptions } from "./call/7-retry.js";
export { Chirp } from "./client.js";
export { DEFAULT_BASE_URL } from "./config.js";
export { type ApiErrorInit, ChirpApiError, type ProviderErrorDetails } from "./errors/api-error.js";
export {
  ChirpConfigError,
  ChirpError,
  type ChirpErrorFamily,
  type ChirpErrorOptions,
  type ErrorFamily,
} from "./errors/chirp-error.js";
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
  type ConnectionErrorOptions,
  type SentState,
} from "./errors/network-errors.js";
export { ChirpValidationError } from "./errors/validation-error.js";
// `export *` only for generated lists and for the entries that hold their own list:
// a class per error code, generated from the spec, so that a
// new code in the spec becomes an exported class by regeneration alone.
export * from "./generated/errors.js";
// Every operation's documented method and its named parameter/result types
// (`SendSmsParams`, `SendSmsResult`, …), generated from the spec.
export type * from "./generated/methods.js";
export type { components, operations as OperationTypes, paths } from "./generated/openapi.js";
export {
  type OperationId,
  type OperationInfo,
  type OperationTable,
  operationGroups,
  operations,
} from "./generated/operations.js";
export { type WebhookEventType, webhookEventTypes } from "./generated/webhook-events.js";
export type { LogFields, Logger, LoggingOptions, LogLevel } from "./logging.js";
export type { ChirpOptions } from "./options.js";
export { createPathClient } from "./path-style.js";
export type { HttpMethod, PathClient, PathMethod, PathsWithMethod } from "./path-style-types.js";
// The optional parts, each also an entry of its own (chirp-sdk/webhooks,
// chirp-sdk/rate-limit) whose file holds the one export list. Nothing here runs at
// import time, so a bundler drops whatever an app does not use.
export * from "./rate-limit.js";
export type { RateLimitInfo } from "./rate-limit-info.js";
export type {
  CallOptions,
  ListItem,
  ListOperationId,
  MethodName,
  OperationArgs,
  OperationMethods,
  OperationParams,
  OperationResult,
  Readable,
  WithResponse,
} from "./types.js";
export { SDK_VERSION } from "./user-agent.js";
export * from "./webhooks.js";
