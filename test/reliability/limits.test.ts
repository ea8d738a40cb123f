// Waiting is bounded: options a timer cannot hold are refused, every timer delay is
// clamped, maxRetryAfter holds with the rate limiter on, the limiter neither spins on
// a far reset nor keeps a script alive once its waiters are gone, and a batch adds
// O(1) listeners to a shared signal. Real timers, but never a real wait beyond a few
// event-loop turns: outcomes are asserted, not durations.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sleep } from "../../src/call/7-retry.js";
import { ChirpAbortError, ChirpConfigError, MemoryRateLimitStore, RateLimitError } from "../../src/index.js";
import { json, scriptedFetch, text } from "../client/helpers.js";
import { APP_KEY, failure, faultClient, NOW, rateLimitedClient, SMS } from "./clients.js";
import { countingStore, timersAlive, turns } from "./limits-helpers.js";

const BASE = "https://api.chirp.test";
const MAX = 2 ** 31 - 1;

describe("timer bounds", () => {
  it.each([
    ["timeout", { timeout: 2 ** 31 }],
    ["timeout", { timeout: Number.POSITIVE_INFINITY }],
    ["maxRetryAfter", { maxRetryAfter: 2 ** 31 }],
  ])("%s beyond 2^31 − 1 → ChirpConfigError at construction, naming it", (name, options) => {
    expect(() => faultClient(BASE, scriptedFetch().fetch, options)).toThrow(ChirpConfigError);
    expect(() => faultClient(BASE, scriptedFetch().fetch, options)).toThrow(name);
  });

  it("a per-call timeout beyond it → ChirpConfigError, nothing sent", async () => {
    const { fetch, log } = scriptedFetch(json(200, {}));
    const error = await failure(faultClient(BASE, fetch).chirp.listWebhooks({ timeout: 2 ** 31 } as never));
    expect(error).toBeInstanceOf(ChirpConfigError);
    expect(log).toHaveLength(0);
  });

  it("timeout: 2^31 − 1 does not time out at once", async () => {
    const { fetch } = scriptedFetch(async () => {
      await turns(5);
      return json(200, { data: [] });
    });
    await expect(faultClient(BASE, fetch, { timeout: MAX }).chirp.listWebhooks()).resolves.toBeDefined();
  });

  it("sleep(2^40) is clamped, not fired at once; aborting it clears the timer", async () => {
    const before = timersAlive();
    const controller = new AbortController();
    let woke = false;
    const slept = sleep(2 ** 40, controller.signal).then(() => {
      woke = true;
    });
    await turns(20);
    expect(woke).toBe(false);
    controller.abort();
    await expect(slept).rejects.toBe(controller.signal.reason);
    expect(timersAlive()).toBeLessThanOrEqual(before);
  });
});

describe("maxRetryAfter with the rate limiter on", () => {
  it("a 429 asking for longer → RateLimitError at once, with retryAfterMs", async () => {
    const { fetch, log } = scriptedFetch(text(429, "", { "Retry-After": "120" }), json(200, {}));
    const chirp = rateLimitedClient({ appKey: APP_KEY, baseUrl: BASE, fetch, now: () => Date.now() });
    const error = await failure(chirp.sendSms({ body: SMS }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(log).toHaveLength(1);
  });

  it("a 429 naming no wait pauses the bucket a window: longer than maxRetryAfter → RateLimitError at once", async () => {
    const { fetch, log } = scriptedFetch(text(429, ""), json(200, {}));
    const chirp = rateLimitedClient(
      { appKey: APP_KEY, baseUrl: BASE, fetch, maxRetryAfter: 10_000 },
      { windowMs: 60_000 },
    );
    const error = await failure(chirp.sendSms({ body: SMS }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(60_000);
    expect(log).toHaveLength(1);
  });

  it("a 5xx with X-RateLimit-Reset far away is retried after the backoff, not the reset", async () => {
    const far = String(Math.floor(NOW / 1000) + 3600);
    const { fetch, log } = scriptedFetch(text(503, "", { "X-RateLimit-Reset": far }), json(200, {}));
    const { chirp, delays } = faultClient(BASE, fetch);
    await chirp.listWebhooks();
    expect(delays).toEqual([250]);
    expect(log).toHaveLength(2);
  });
});

describe("the rate limiter's wake-up timer", () => {
  // Fake timers behave as Node's do with an overflowing delay (they fire after 1 ms), and
  // let a whole second pass without waiting for it.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ["a reset years away", () => String(Math.floor(Date.now() / 1000) + 10 * 365 * 86_400)],
    ["a reset sent in milliseconds", () => String(Date.now() + 60_000)],
  ])("%s: queued calls do not poll the store; aborting the last waiter clears the timer", async (_, reset) => {
    const store = countingStore(new MemoryRateLimitStore());
    const { fetch } = scriptedFetch(() =>
      json(200, { id: "m" }, { "X-RateLimit-Limit": "1", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset() }),
    );
    const chirp = rateLimitedClient({ appKey: APP_KEY, baseUrl: BASE, fetch }, { store, windowMs: 3_600_000 });
    await chirp.sendSms({ body: SMS });
    const controller = new AbortController();
    const queued = chirp.sendSms({ body: SMS, signal: controller.signal });
    const rejected = failure(queued);
    await vi.advanceTimersByTimeAsync(0);
    const takes = store.takes();
    await vi.advanceTimersByTimeAsync(1000);
    // A spinning queue asks the store every millisecond; a parked one waits for its timer.
    expect(store.takes() - takes).toBe(0);
    controller.abort();
    expect(await rejected).toBeInstanceOf(ChirpAbortError);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("a batch sharing one signal", () => {
  it.each([false, true])("adds O(1) listeners to it, with rate limiting %s", async (limited) => {
    const controller = new AbortController();
    const peaks: number[] = [];
    const { fetch } = scriptedFetch(
      ...Array.from({ length: 64 }, () => async () => {
        peaks.push(getEventListeners(controller.signal, "abort").length);
        await turns(3);
        return json(200, { id: "m" });
      }),
    );
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      const options = { appKey: APP_KEY, baseUrl: BASE, fetch };
      const chirp = limited
        ? rateLimitedClient(options, { budgets: { app: { sms: 1000 } } })
        : faultClient(BASE, fetch).chirp;
      const results = await chirp.sendSmsBatch(
        Array.from({ length: 64 }, () => SMS),
        { concurrency: 16, signal: controller.signal },
      );
      expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    } finally {
      process.off("warning", onWarning);
    }
    expect(Math.max(...peaks)).toBeLessThanOrEqual(1);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  });
});
