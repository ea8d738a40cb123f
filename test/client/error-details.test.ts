// What every error tells a person: its family (never unset), where a connection
// failed and after how many attempts, and a docs page for every coded API error.
import { describe, expect, it } from "vitest";
import {
  Chirp,
  ChirpAbortError,
  type ChirpApiError,
  ChirpConfigError,
  ChirpConnectionError,
  ChirpError,
  type ChirpErrorFamily,
  ChirpResponseError,
  ChirpTimeoutError,
  ChirpValidationError,
  TemplateNotFoundError,
  WebhookParseError,
  Webhooks,
  WebhookVerificationError,
} from "../../src/index.js";
import {
  APP_KEY,
  apiError,
  BASE_URL,
  connectionError,
  recordingSleep,
  rejection,
  scriptedFetch,
  text,
} from "./helpers.js";

const hangUntilAborted = (_url: string, init: RequestInit) =>
  new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason)));

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("every ChirpError has a family", () => {
  const webhookHeaders = new Headers({ "x-webhook-secret": "wrong" });
  const secretOptions = { secretHeader: "X-Webhook-Secret", secret: "right" };
  const cases: [string, () => Promise<unknown>, Function, ChirpErrorFamily][] = [
    ["a malformed key", async () => thrown(() => new Chirp({ appKey: "not-a-key" })), ChirpConfigError, "config"],
    [
      "a refused connection",
      () =>
        rejection(
          new Chirp({
            appKey: APP_KEY,
            fetch: scriptedFetch(connectionError("ECONNRESET")).fetch,
            maxRetries: 0,
          }).listWebhooks(),
        ),
      ChirpConnectionError,
      "connection",
    ],
    [
      "a timeout",
      () =>
        rejection(new Chirp({ appKey: APP_KEY, fetch: hangUntilAborted, timeout: 1, maxRetries: 0 }).listWebhooks()),
      ChirpTimeoutError,
      "timeout",
    ],
    [
      "the caller's abort",
      () =>
        rejection(
          new Chirp({ appKey: APP_KEY, fetch: hangUntilAborted }).listWebhooks({ signal: AbortSignal.abort() }),
        ),
      ChirpAbortError,
      "abort",
    ],
    [
      "a 2xx that is not JSON",
      () => rejection(new Chirp({ appKey: APP_KEY, fetch: scriptedFetch(text(200, "<html>")).fetch }).listWebhooks()),
      ChirpResponseError,
      "response",
    ],
    [
      "a number that is not E.164",
      () =>
        rejection(
          new Chirp({ appKey: APP_KEY, fetch: scriptedFetch().fetch }).sendSms({
            body: { from: "+15551234567", to: ["12"], text: "x" },
          }),
        ),
      ChirpValidationError,
      "invalid_request",
    ],
    [
      "a 404 template_not_found",
      () =>
        rejection(
          new Chirp({
            appKey: APP_KEY,
            fetch: scriptedFetch(
              apiError(404, { type: "invalid_request_error", code: "template_not_found", message: "no" }),
            ).fetch,
          }).listWebhooks(),
        ),
      TemplateNotFoundError,
      "invalid_request",
    ],
    [
      "a wrong webhook secret",
      async () => thrown(() => new Webhooks().unwrap("{}", webhookHeaders, secretOptions)),
      WebhookVerificationError,
      "webhook",
    ],
    [
      "a webhook body that is not JSON",
      async () =>
        thrown(() => new Webhooks().unwrap("nope", new Headers({ "x-webhook-secret": "right" }), secretOptions)),
      WebhookParseError,
      "webhook",
    ],
  ];

  it.each(cases)("%s → %o with family %s", async (_, run, Class, family) => {
    const error = await run();
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ChirpError);
    expect((error as ChirpError).family).toBe(family);
  });

  it("a plain ChirpError counts as a client-side failure", () => {
    expect(new ChirpError("x").family).toBe("client");
  });
});

describe("a connection error says where and how often", () => {
  it("names host:port and every attempt made", async () => {
    const refused = connectionError("ECONNREFUSED");
    const { fetch, log } = scriptedFetch(refused, refused, refused);
    const chirp = new Chirp({
      appKey: APP_KEY,
      baseUrl: BASE_URL,
      fetch,
      sleep: recordingSleep().sleep,
      maxRetries: 2,
    });
    const error = (await rejection(chirp.listWebhooks())) as ChirpConnectionError;
    expect(log).toHaveLength(3);
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect(error.message).toMatch(
      /^Connection failed: GET \/v1\/webhooks to api\.chirp\.test:443 after 3 attempts — ECONNREFUSED/,
    );
    expect(error.host).toBe("api.chirp.test:443");
    expect(error.attempts).toBe(3);
  });

  it("keeps an explicit port and says '1 attempt' when there was one", async () => {
    const { fetch } = scriptedFetch(connectionError("ECONNRESET"));
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: "http://127.0.0.1:8123", fetch, maxRetries: 0 });
    const error = (await rejection(chirp.listWebhooks())) as ChirpConnectionError;
    expect(error.message).toContain(" to 127.0.0.1:8123 after 1 attempt — ");
    expect(error.attempts).toBe(1);
  });
});

describe("docUrl", () => {
  const failWith = async (error: Record<string, unknown>) => {
    const chirp = new Chirp({ appKey: APP_KEY, fetch: scriptedFetch(apiError(404, error)).fetch, maxRetries: 0 });
    return (await rejection(chirp.listWebhooks())) as ChirpApiError;
  };

  it("falls back to the code's anchor on the error-code page when the body has none", async () => {
    const error = await failWith({ type: "invalid_request_error", code: "template_not_found", message: "no" });
    expect(error.docUrl).toBe("https://docs.buildwithchirp.com/api_reference/error-codes#template_not_found");
  });

  it("keeps the body's own doc_url", async () => {
    const error = await failWith({
      type: "invalid_request_error",
      code: "template_not_found",
      message: "no",
      doc_url: "https://d/#x",
    });
    expect(error.docUrl).toBe("https://d/#x");
  });

  it("stays undefined when there is no code to point at", async () => {
    const error = await failWith({ type: "invalid_request_error", message: "no" });
    expect(error.docUrl).toBeUndefined();
  });
});
