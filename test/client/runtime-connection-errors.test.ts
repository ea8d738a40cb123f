// How a refused connection reads on runtimes that attach no `code` (shapes copied from
// Deno 2.9, workerd and Chromium; test/runtimes/ runs the real ones): what can be told
// to be not-sent is retried like ECONNREFUSED in Node; what cannot stays maybe-sent;
// a Deno permission refusal is a ChirpConfigError, sent nowhere and never retried.
import { describe, expect, it } from "vitest";
import { Chirp, ChirpConfigError, ChirpConnectionError } from "../../src/index.js";
import { APP_KEY, BASE_URL, json, scriptedFetch } from "./helpers.js";

const sms = { from: "+15551234567", to: ["+15559876543"], text: "hi" };
const ok = json(200, { id: "msg_sms_1", type: "SMS", transport: "sms", direction: "OUTBOUND", status: "QUEUED" });

function denoRefused(): Error {
  return new TypeError("fetch failed", {
    cause: new Error(
      "error sending request for url (http://127.0.0.1:45123/v1/sms): client error (Connect): tcp connect error: Connection refused (os error 111)",
    ),
  });
}

function denoDenied(): Error {
  const error = new Error('Requires net access to "api.chirp.test:443", run again with the --allow-net flag');
  error.name = "NotCapable";
  return error;
}

const client = (fetch: ReturnType<typeof scriptedFetch>["fetch"]) =>
  new Chirp({ appKey: APP_KEY, baseUrl: BASE_URL, fetch, sleep: async () => {} });

describe("a refused connection without a code", () => {
  it("Deno's 'tcp connect error' is not-sent: a POST is retried", async () => {
    const { fetch, log } = scriptedFetch(denoRefused(), ok);
    await expect(client(fetch).sendSms({ body: sms })).resolves.toMatchObject({ id: "msg_sms_1" });
    expect(log).toHaveLength(2);
  });

  it.each([
    ["workerd", new Error("Network connection lost.")],
    ["Chromium", new TypeError("Failed to fetch")],
  ])("%s cannot tell: maybe-sent, a POST is not retried", async (_, thrown) => {
    const { fetch, log } = scriptedFetch(thrown, ok);
    const error = await client(fetch)
      .sendSms({ body: sms })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect((error as ChirpConnectionError).sent).toBe("maybe-sent");
    expect(log).toHaveLength(1);
  });

  it("Deno's permission refusal is a ChirpConfigError naming the flag, never retried, even for a GET", async () => {
    const { fetch, log } = scriptedFetch(denoDenied(), ok);
    const error = await client(fetch)
      .listWebhooks()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChirpConfigError);
    // What was refused, that nothing was sent, Deno's own words (they name the host) and the fix.
    expect((error as Error).message).toMatch(
      /^Network access refused, nothing sent: Requires net access to "api\.chirp\.test:443".*--allow-net=<the API host>/,
    );
    expect(log).toHaveLength(1);
  });
});
