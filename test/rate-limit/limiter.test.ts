// The in-memory limiter through a real client, against fake-chirp.ts on fake timers:
// every wait below is the limiter's own, and no real time passes.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  Chirp,
  ChirpAbortError,
  createPathClient,
  MemoryRateLimitStore,
  type RateLimitEvent,
  type RateLimitOptions,
  type RateLimitStore,
  rateLimiter,
} from "../../src/index.js";
import { fakeChirp, sms } from "./fake-chirp.js";

const APP_KEY = "sk_test_app_limiter_unit_tests_0001";
const BASE_URL = "http://127.0.0.1:9";
const T0 = Date.parse("2030-01-01T00:00:00Z");

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

function client(server: ReturnType<typeof fakeChirp>, options: RateLimitOptions = {}) {
  return new Chirp({ appKey: APP_KEY, baseUrl: BASE_URL, fetch: server.fetch, rateLimit: rateLimiter(options) });
}

/** Settles every call, advancing the fake clock in 10 ms steps (at most `maxMs`). */
async function settle<T>(promises: Promise<T>[], maxMs = 20_000): Promise<PromiseSettledResult<T>[]> {
  let done = false;
  const all = Promise.allSettled(promises).finally(() => {
    done = true;
  });
  for (let t = 0; !done && t < maxMs; t += 10) await vi.advanceTimersByTimeAsync(10);
  return all;
}

describe("rate limiter (in memory)", () => {
  it("turns a steady overload into queueing: 35 sends at 10 a second, no 429, no window over budget", async () => {
    const server = fakeChirp({ limit: 10, windowMs: 1000, latencyMs: 5 });
    const chirp = client(server, { budgets: { app: { sms: 10 } }, windowMs: 1000 });
    const results = await settle(Array.from({ length: 35 }, (_, i) => chirp.sendSms({ body: sms(`m${i}`) })));
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(server.arrivals.filter((a) => a.status === 429)).toEqual([]);
    expect([...server.perWindow().values()]).toEqual([10, 10, 10, 5]);
  });

  it("follows the server's X-RateLimit-Limit when it is lower than the budget", async () => {
    const server = fakeChirp({ limit: 4, windowMs: 1000 });
    const chirp = client(server); // documented budget: 100 SMS a window
    const results = await settle(Array.from({ length: 10 }, (_, i) => chirp.sendSms({ body: sms(`m${i}`) })));
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(server.arrivals.filter((a) => a.status === 429)).toEqual([]);
    expect([...server.perWindow().values()]).toEqual([4, 4, 2]);
  });

  it("caps the requests in flight", async () => {
    const server = fakeChirp({ limit: 100, windowMs: 1000, latencyMs: 50 });
    const chirp = client(server, { maxConcurrent: 3 });
    await settle(Array.from({ length: 12 }, (_, i) => chirp.sendSms({ body: sms(`m${i}`) })));
    expect(server.maxInFlight()).toBe(3);
    expect(server.arrivals).toHaveLength(12);
  });

  it("lets the caller's signal take a queued call out without sending it", async () => {
    const server = fakeChirp({ limit: 2, windowMs: 1000 });
    const chirp = client(server, { budgets: { app: { sms: 2 } }, windowMs: 1000 });
    const controller = new AbortController();
    const calls = [0, 1, 2].map((i) => chirp.sendSms({ body: sms(`m${i}`) }));
    const queued = chirp.sendSms({ body: sms("cancelled"), signal: controller.signal });
    await vi.advanceTimersByTimeAsync(100);
    expect(chirp.rateLimiter?.stats()[0]?.queued).toBe(2);
    controller.abort();
    await expect(queued).rejects.toBeInstanceOf(ChirpAbortError);
    await settle(calls);
    expect(server.arrivals.map((a) => a.text)).toEqual(["m0", "m1", "m2"]);
  });

  it("pauses the bucket until Retry-After after a 429 it could not foresee, and retries once after it", async () => {
    // Another client of the same key spent the window: the first answer is a 429 whose window
    // resets in 400 ms (Retry-After holds whole seconds only, so the reset header says it).
    const refused = Response.json(
      { error: "Rate limit exceeded." },
      { status: 429, headers: { "x-ratelimit-reset": String((T0 + 400) / 1000), "x-ratelimit-remaining": "0" } },
    );
    const server = fakeChirp({
      limit: 10,
      windowMs: 1000,
      script: (text, attempt) => (text === "first" && attempt === 0 ? refused : undefined),
    });
    const events: RateLimitEvent[] = [];
    const chirp = client(server, { onRateLimit: (e) => events.push(e) });
    const first = chirp.sendSms({ body: sms("first") });
    await vi.advanceTimersByTimeAsync(0);
    const second = chirp.sendSms({ body: sms("second") });
    await settle([first, second]);
    expect(server.arrivals.map((a) => [a.text, a.at - T0, a.status])).toEqual([
      ["first", 0, 429],
      ["first", 400, 200],
      ["second", 400, 200],
    ]);
    expect(events[0]).toMatchObject({ reason: "429", bucket: "sms", keyKind: "app", waitMs: 400 });
  });

  it("reports queue length and expected wait, and calls onRateLimit when a bucket runs out", async () => {
    const server = fakeChirp({ limit: 10, windowMs: 1000 });
    const events: RateLimitEvent[] = [];
    const chirp = client(server, { onRateLimit: (e) => events.push(e) });
    const calls = Array.from({ length: 35 }, (_, i) => chirp.sendSms({ body: sms(`m${i}`) }));
    await vi.advanceTimersByTimeAsync(100);
    const [stats] = chirp.rateLimiter?.stats() ?? [];
    expect(stats).toMatchObject({ bucket: "sms", keyKind: "app", queued: 25, remaining: 0, limit: 10 });
    // 25 queued at 10 a window: the last goes out two windows after this one ends (at T0 + 1000).
    expect(stats?.expectedWaitMs).toBe(900 + 2 * 60_000);
    expect(events).toEqual([{ reason: "wait", bucket: "sms", keyKind: "app", waitMs: 1000, queued: 25 }]);
    await settle(calls);
  });

  it("keeps buckets apart: an exhausted SMS bucket does not hold back webhook calls", async () => {
    const server = fakeChirp({ limit: 1, windowMs: 1000 });
    const chirp = client(server);
    const sends = [0, 1].map((i) => chirp.sendSms({ body: sms(`m${i}`) }));
    await vi.advanceTimersByTimeAsync(10);
    await expect(chirp.listWebhooks()).resolves.toEqual({ webhooks: [] });
    expect(server.arrivals.map((a) => a.path)).toEqual(["/v1/sms", "/v1/webhooks"]);
    await settle(sends);
  });

  it("knows keys only by a hash", async () => {
    const bucketIds: string[] = [];
    const server = fakeChirp({ limit: 10, windowMs: 1000 });
    const memory = new MemoryRateLimitStore();
    const store: RateLimitStore = {
      take: (r) => {
        bucketIds.push(r.bucketId);
        return memory.take(r);
      },
      observe: (r) => {
        bucketIds.push(r.bucketId);
        return memory.observe(r);
      },
    };
    const chirp = client(server, { store });
    await settle([chirp.sendSms({ body: sms("m") })]);
    expect(bucketIds[0]).toMatch(/^[0-9a-f]{16}:sms$/);
    expect(bucketIds.join()).not.toContain("limiter_unit_tests");
  });

  it("is off unless asked for", async () => {
    const server = fakeChirp({ limit: 1, windowMs: 1000 });
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: BASE_URL, fetch: server.fetch, maxRetries: 0 });
    expect(chirp.rateLimiter).toBeUndefined();
    const results = await settle([0, 1].map((i) => chirp.sendSms({ body: sms(`m${i}`) })));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
  });
});

describe("rate limiter and path-style calls", () => {
  it("paces path-style POST like chirp.sendSms: the same bucket, no 429", async () => {
    const server = fakeChirp({ limit: 3, windowMs: 1000 });
    const chirp = client(server);
    const api = createPathClient(chirp);
    const calls = Array.from({ length: 7 }, (_, i) => api.POST("/v1/sms", { body: sms(`p${i}`) }));
    const results = await settle(calls);
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(server.arrivals.filter((a) => a.status === 429)).toEqual([]);
    expect([...server.perWindow().values()]).toEqual([3, 3, 1]);
    expect(chirp.rateLimiter?.stats().map((s) => s.bucket)).toEqual(["sms"]);
  });
});
