// The sandbox's public face, re-exported by chirp-sdk/testing.
export type { AnswerChoice, AnswerTimes, ForcedFault, ForcedStatus } from "./answers.js";
export { DEFAULT_RETRY_AFTER_SECONDS } from "./answers.js";
export type {
  DeliveryAttempt,
  SandboxWebhookDelivery,
  SandboxWebhookTarget,
  WebhookFetchHandler,
} from "./deliveries.js";
export { DELIVERED_AFTER_MS, READ_AFTER_MS, SENT_AFTER_MS } from "./messages.js";
export {
  createSandbox,
  type InboundMessage,
  type RecordedAnswer,
  type Sandbox,
  type SandboxOptions,
  type SandboxRequest,
} from "./sandbox.js";
export { type TestNumberName, testNumbers } from "./test-numbers.js";
