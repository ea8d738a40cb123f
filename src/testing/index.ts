// chirp-sdk/testing: helpers for an app's own tests; never imported by the main entry.
// createSandbox() runs wherever fetch exists (its listen() and handlers() load node:http
// and msw only when called); startMockServer (Prism) is Node only. An explicit export
// list, one line per helper.

export {
  type MockAnswerChoice,
  type MockAnswerHeaders,
  type MockExample,
  type MockOperationId,
  type MockStatus,
  mockAnswer,
} from "./mock-answer.js";
export { bundledSpecPath, type MockServer, type MockServerOptions, startMockServer } from "./mock-server.js";
export {
  type AnswerChoice,
  type AnswerTimes,
  createSandbox,
  DEFAULT_RETRY_AFTER_SECONDS,
  DELIVERED_AFTER_MS,
  type DeliveryAttempt,
  type ForcedFault,
  type ForcedStatus,
  type InboundMessage,
  READ_AFTER_MS,
  type RecordedAnswer,
  type Sandbox,
  type SandboxOptions,
  type SandboxRequest,
  type SandboxWebhookDelivery,
  type SandboxWebhookTarget,
  SENT_AFTER_MS,
  type TestNumberName,
  testNumbers,
  type WebhookFetchHandler,
} from "./sandbox/index.js";
export { type DeepPartial, type SendWebhookOptions, sendWebhook, webhookEvent } from "./webhooks.js";
