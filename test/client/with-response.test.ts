// withResponse(): the raw Response and X-RateLimit-* for any call, and rateLimit on
// errors.
import { describe, expect, it } from "vitest";
import { Chirp, type ChirpApiError, ChirpResponseError, RateLimitError } from "../../src/index.js";
import { ADMIN_KEY, APP_KEY, json, rejection, scriptedFetch, text } from "./helpers.js";

const SMS = { body: { from: "+15551234567", to: ["+15559876543"], text: "Hi" } };
const HEADERS = { "X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "42", "X-RateLimit-Reset": "1640995200" };

describe("withResponse", () => {
  it("gives data, the raw response and the rate limit (reset in epoch ms)", async () => {
    const { fetch, log } = scriptedFetch(
      json(200, { id: "msg_sms_1", status: "QUEUED" }, { ...HEADERS, "X-Extra": "1" }),
    );
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const { data, response, rateLimit } = await chirp.withResponse("sendSms", SMS);
    expect(data).toEqual({ id: "msg_sms_1", status: "QUEUED" });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-extra")).toBe("1");
    expect(rateLimit).toEqual({ limit: 100, remaining: 42, resetAt: 1_640_995_200_000 });
    expect(log).toHaveLength(1);
    expect(log[0]?.method).toBe("POST");
  });

  it("rateLimit is undefined when the response has no X-RateLimit-* header", async () => {
    const { fetch } = scriptedFetch(json(200, { webhooks: [] }));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const { rateLimit, data } = await chirp.withResponse("listWebhooks");
    expect(rateLimit).toBeUndefined();
    expect(data).toEqual({ webhooks: [] });
  });

  it("takes the same params, key and status as the method (201 for an admin create)", async () => {
    const { fetch, log } = scriptedFetch(json(201, { id: "app_1" }, HEADERS));
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const { data, response } = await chirp.withResponse("createApp", { body: { name: "Demo", slug: "demo" } as never });
    expect(data).toEqual({ id: "app_1" });
    expect(response.status).toBe(201);
    expect(log[0]?.headers.get("authorization")).toBe(`Bearer ${ADMIN_KEY}`);
  });

  it("an empty 2xx body where the spec documents one is a ChirpResponseError that says so", async () => {
    for (const status of [200, 204]) {
      const log: string[] = [];
      const fetch = async (url: string) => {
        log.push(url);
        return new Response(status === 204 ? null : "", { status });
      };
      const chirp = new Chirp({ appKey: APP_KEY, fetch });
      const error = await rejection(chirp.withResponse("deleteWebhook", { path: { webhookId: "whk_1" } }));
      expect(error).toBeInstanceOf(ChirpResponseError);
      expect((error as ChirpResponseError).status).toBe(status);
      expect((error as Error).message).toBe(`${status}: DELETE /v1/webhooks/whk_1 — the response body is empty`);
      // Answered: a DELETE that succeeded with a bad body is not sent again.
      expect(log).toHaveLength(1);
    }
  });

  it("is retried like the method (and its response is the last attempt's)", async () => {
    const { fetch, log } = scriptedFetch(text(429, "", { "Retry-After": "0" }), json(200, { id: "m" }, HEADERS));
    const chirp = new Chirp({ appKey: APP_KEY, fetch, sleep: async () => {} });
    const { rateLimit } = await chirp.withResponse("sendSms", SMS);
    expect(log).toHaveLength(2);
    expect(rateLimit?.remaining).toBe(42);
  });

  it("errors carry rateLimit and headers too", async () => {
    const { fetch } = scriptedFetch(
      json(429, { error: "Rate limit exceeded." }, { ...HEADERS, "X-RateLimit-Remaining": "0", "Retry-After": "600" }),
    );
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const error = (await rejection(chirp.withResponse("sendSms", SMS))) as ChirpApiError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.rateLimit).toEqual({ limit: 100, remaining: 0, resetAt: 1_640_995_200_000 });
    expect(error.headers.get("retry-after")).toBe("600");
  });
});
