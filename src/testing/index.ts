// chirp-sdk/testing: helpers for an app's own tests. Node only; never imported by
// the main entry. An explicit export list, one line per helper.

export {
  type MockAnswerChoice,
  type MockAnswerHeaders,
  type MockExample,
  type MockOperationId,
  type MockStatus,
  mockAnswer,
} from "./mock-answer.js";
export { bundledSpecPath, type MockServer, type MockServerOptions, startMockServer } from "./mock-server.js";
export { type DeepPartial, type SendWebhookOptions, sendWebhook, webhookEvent } from "./webhooks.js";
