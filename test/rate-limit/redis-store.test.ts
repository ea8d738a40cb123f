// The shared limiter against a real redis-server on loopback: the store contract,
// then worker processes sharing one budget against a server that enforces it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Chirp, MemoryRateLimitStore, type RateLimitStore, rateLimiter } from "../../src/index.js";
import { RedisRateLimitStore } from "../../src/redis.js";
import { type LimitServer, startLimitServer } from "./fixtures/limit-server.js";
import { useRedis } from "./fixtures/redis-server.js";
import { startWorker, texts } from "./fixtures/workers.js";
import { storeContract } from "./store-contract.js";

const APP_KEY = "sk_test_app_redis_shared_budget_1234567890";
const shared = useRedis();

// A fresh prefix per test: an empty store on the same server.
storeContract(
  "RedisRateLimitStore",
  () => new RedisRateLimitStore(shared.client(), { prefix: shared.prefix("contract") }),
);

describe("RedisRateLimitStore", () => {
  it("runs the script by value once when the server does not know it, then by SHA", async () => {
    await shared.client().script("FLUSH");
    const store = new RedisRateLimitStore(shared.client(), { prefix: "flush" });
    const take = { bucketId: "b", now: Date.now(), limit: 5, windowMs: 1000, leaseMs: 1000, probePollMs: 5 };
    expect((await store.take({ ...take, leaseIds: ["a"] })).granted).toBe(1);
    expect((await store.take({ ...take, leaseIds: ["b"] })).granted).toBe(0);
  });

  it("gives every key a time to live and never names the API key", async () => {
    const store = new RedisRateLimitStore(shared.client(), { prefix: "ttl" });
    await store.take({
      bucketId: "abc:sms",
      now: Date.now(),
      limit: 5,
      windowMs: 1000,
      leaseMs: 3000,
      leaseIds: ["x"],
      probePollMs: 5,
    });
    const keys = await shared.client().keys("ttl:*");
    expect(keys.sort()).toEqual(["ttl:{abc:sms}", "ttl:{abc:sms}:leases"]);
    for (const key of keys) {
      const ttl = await shared.client().pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(4000);
    }
  });
});

describe("rateLimiter.stats() with a Redis store", () => {
  // One answer with the server's figures; stats() must report them once the call has resolved.
  const reset = Math.floor(Date.now() / 1000) + 60;
  const answer = () =>
    Response.json(
      { id: "msg_sms_1", type: "SMS", transport: "sms", direction: "OUTBOUND", status: "QUEUED" },
      { headers: { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "97", "x-ratelimit-reset": String(reset) } },
    );
  const statsAfterOneSend = async (store: RateLimitStore) => {
    const chirp = new Chirp({
      appKey: "sk_test_app_stats_redis_1234567890",
      baseUrl: "http://127.0.0.1:9",
      fetch: async () => answer(),
      rateLimit: rateLimiter({ store }),
    });
    await chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "hi" } });
    const [stats] = chirp.rateLimiter?.stats() ?? [];
    return { limit: stats?.limit, remaining: stats?.remaining, resetAt: stats?.resetAt };
  };

  it("reports the true remaining and resetAt after one send, as the memory store does", async () => {
    const expected = { limit: 100, remaining: 97, resetAt: reset * 1000 };
    expect(await statsAfterOneSend(new MemoryRateLimitStore())).toEqual(expected);
    expect(await statsAfterOneSend(new RedisRateLimitStore(shared.client(), { prefix: "stats" }))).toEqual(expected);
  });
});

describe("workers sharing one budget through Redis", () => {
  const LIMIT = 20;
  const WINDOW = 200;
  let server: LimitServer;
  beforeAll(async () => {
    server = await startLimitServer(LIMIT, WINDOW);
  });
  afterAll(() => server?.close());

  it("3 workers, 90 sends at 20 per 200 ms: no 429, each message exactly once, no window over budget", async () => {
    const settings = {
      baseUrl: server.url,
      redisPort: shared.server().port,
      appKey: APP_KEY,
      limit: LIMIT,
      windowMs: WINDOW,
    };
    const shares = [0, 1, 2].map((w) => texts(`share${w}`, 30));
    const reports = await Promise.all(shares.map((share) => startWorker(settings, share).done));
    expect(reports.map((r) => r.fulfilled)).toEqual([30, 30, 30]);
    expect(server.log.refused).toEqual([]);
    for (const text of shares.flat()) expect(server.log.arrivals.get(text)).toBe(1);
    const perWindow = new Map<number, number>();
    for (const [at] of server.log.accepted)
      perWindow.set(Math.floor(at / WINDOW), (perWindow.get(Math.floor(at / WINDOW)) ?? 0) + 1);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(LIMIT);
    expect(perWindow.size).toBeGreaterThanOrEqual(90 / LIMIT);
    // The API key reached Redis only as a hash.
    for (const key of await shared.client().keys("*")) expect(key).not.toContain("redis_shared_budget");
  });

  it("a worker killed mid-request leaks no budget: its lease expires and the others carry on", async () => {
    const settings = {
      baseUrl: server.url,
      redisPort: shared.server().port,
      appKey: "sk_test_app_killed_worker_0987654321",
      limit: LIMIT,
      windowMs: WINDOW,
      leaseMs: 300,
    };
    server.hold("victim");
    const victim = startWorker(settings, texts("victim", 5));
    // The victim's first send is the window's probe; the server never answers it.
    await server.arrival("victim-0");
    victim.child.kill("SIGKILL");
    await victim.done.catch(() => {});
    const survivor = await startWorker(settings, texts("survivor", 25)).done;
    expect(survivor.fulfilled).toBe(25);
    for (const text of texts("survivor", 25)) expect(server.log.arrivals.get(text)).toBe(1);
    expect(server.log.refused).toEqual([]);
  });
});
