// A 429 with `Retry-After: 1`, `X-RateLimit-Remaining: 0` and a reset 60 s away (issue
// 21, "also look at"): the documented advice is to wait Retry-After, so the paced retry
// and the calls queued behind it go after ~1 s, not after the reset. Fake timers: the
// waits are the limiter's own, no real time passes.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Chirp, RateLimitError, rateLimiter } from "../../src/index.js";
import { json, scriptedFetch } from "../client/helpers.js";

const APP_KEY = "sk_test_app_retry_after_wins_0001";
const T0 = Date.parse("2030-01-01T00:00:00Z");
const SMS = { from: "+15551234567", to: ["+15559876543"], text: "hi" };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

function refused(retryAfter: string) {
  return json(
    429,
    { error: "Rate limit exceeded." },
    {
      "retry-after": retryAfter,
      "x-ratelimit-limit": "100",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String((T0 + 60_000) / 1000),
    },
  );
}

const ok = () =>
  json(
    200,
    { id: "msg_sms_1", status: "QUEUED" },
    { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "99", "x-ratelimit-reset": String((T0 + 60_000) / 1000) },
  );

/** Advances the fake clock in 10 ms steps until `promise` settles (at most `maxMs`). */
async function settle<T>(promise: Promise<T>, maxMs = 120_000): Promise<void> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let t = 0; !done && t < maxMs; t += 10) await vi.advanceTimersByTimeAsync(10);
}

describe("a 429 whose Retry-After is shorter than its X-RateLimit-Reset", () => {
  it("the paced retry waits Retry-After (1 s), not the reset (60 s)", async () => {
    const arrivals: number[] = [];
    const { fetch } = scriptedFetch(refused("1"), ok());
    const chirp = new Chirp({
      appKey: APP_KEY,
      baseUrl: "http://127.0.0.1:9",
      fetch: (url, init) => {
        arrivals.push(Date.now() - T0);
        return fetch(url, init);
      },
      rateLimit: rateLimiter(),
    });
    const call = chirp.sendSms({ body: SMS });
    await settle(call);
    await expect(call).resolves.toMatchObject({ id: "msg_sms_1" });
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]).toBeGreaterThanOrEqual(1_000);
    expect(arrivals[1]).toBeLessThan(2_000);
  });

  it("maxRetryAfter bounds the limiter's pause: a Retry-After above it is a RateLimitError at once", async () => {
    const { fetch, log } = scriptedFetch(refused("120"));
    const chirp = new Chirp({
      appKey: APP_KEY,
      baseUrl: "http://127.0.0.1:9",
      fetch,
      rateLimit: rateLimiter(),
      maxRetryAfter: 60_000,
    });
    const call = chirp.sendSms({ body: SMS });
    await settle(call, 1_000);
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(log).toHaveLength(1);
  });
});
