// RedisWebhookDedupeStore against a real redis-server on loopback: the dedupe store
// contract, expiring keys, and two app processes sharing one Redis that together get
// 100 concurrent deliveries of one event — the handler must run once in all.
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisWebhookDedupeStore } from "../../src/redis.js";
import { sendWebhook, webhookEvent } from "../../src/testing/webhooks.js";
import { type AppProcess, startApp, stopAll } from "../frameworks/fixtures/app-process.js";
import { useRedis } from "../rate-limit/fixtures/redis-server.js";
import { dedupeStoreContract } from "./dedupe-store-contract.js";

const shared = useRedis();
// Registered after useRedis, so it runs first: the app processes stop before their Redis does.
afterAll(() => stopAll());

// A fresh prefix per test: an empty store on the same server. A lease of 5 ms lapses
// on Redis's own clock, so the test polls for the key to go (bounded, never a fixed sleep).
dedupeStoreContract("RedisWebhookDedupeStore", () => {
  const prefix = shared.prefix("c");
  const lapse = async (key: string) => {
    const deadline = Date.now() + 2_000;
    while ((await shared.client().exists(`${prefix}:${key}`)) === 1) {
      if (Date.now() > deadline) throw new Error(`${prefix}:${key} did not expire`);
      await delay(2);
    }
  };
  return { store: new RedisWebhookDedupeStore(shared.client(), { prefix }), shortLeaseMs: 5, lapse };
});

describe("RedisWebhookDedupeStore", () => {
  it("gives every key a time to live: the lease while claimed, the dedupe TTL once handled", async () => {
    const store = new RedisWebhookDedupeStore(shared.client(), { prefix: "ttl" });
    await store.claim("messages.sms.received:msg_1", 5_000, "o");
    const leased = await shared.client().pttl("ttl:messages.sms.received:msg_1");
    expect(leased).toBeGreaterThan(0);
    expect(leased).toBeLessThanOrEqual(5_000);
    await store.complete("messages.sms.received:msg_1", 86_400_000, "o");
    const kept = await shared.client().pttl("ttl:messages.sms.received:msg_1");
    expect(kept).toBeGreaterThan(5_000);
    expect(kept).toBeLessThanOrEqual(86_400_000);
    // A handled mark is no claim: release leaves it (only the claim's owner drops a pending key).
    await store.release("messages.sms.received:msg_1", "o");
    expect(await shared.client().get("ttl:messages.sms.received:msg_1")).toBe("done");
    await store.claim("messages.sms.received:msg_2", 5_000, "o");
    await store.release("messages.sms.received:msg_2", "o");
    expect(await shared.client().exists("ttl:messages.sms.received:msg_2")).toBe(0);
  });
});

describe("two app processes sharing one Redis", () => {
  const SECRET = "whsec_two_processes";
  let apps: AppProcess[];
  beforeAll(async () => {
    const app = join(import.meta.dirname, "fixtures/redis-webhook-app.ts");
    const env = { REDIS_PORT: String(shared.server().port), SECRET, PREFIX: "shared" };
    apps = await Promise.all([0, 1].map(() => startApp(process.execPath, ["--import", "tsx", app], env)));
  }, 90_000);

  it("100 concurrent deliveries of one event, split across both, run the handler once", async () => {
    const event = webhookEvent("messages.sms.received");
    const headers = { "X-Webhook-Secret": SECRET };
    const answers = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const response = await sendWebhook(`${apps[i % 2]!.url}/webhooks`, event, { headers });
        return { app: i % 2, status: response.status, body: (await response.json()) as Record<string, unknown> };
      }),
    );
    const first = answers.filter((a) => a.status === 200 && a.body.duplicate === false);
    expect(first).toHaveLength(1);
    // The rest were told "handled already" (200) or "being handled" (409, Chirp retries later).
    const duplicate = [200, { received: true, handled: true, duplicate: true }];
    const busy = [409, { error: "this event is being handled" }];
    for (const a of answers.filter((a) => a !== first[0]))
      expect([a.status, a.body]).toEqual(a.status === 200 ? duplicate : busy);
    expect(answers.filter((a) => a.app === 0)).toHaveLength(50);
    // The handler printed its line before the 200 went out; a sentinel on each app flushes the rest.
    for (const app of apps) {
      const sentinel = webhookEvent("messages.sms.received");
      expect((await sendWebhook(`${app.url}/webhooks`, sentinel, { headers })).status).toBe(200);
      await app.waitForLine(new RegExp(sentinel.data.message.id));
    }
    const runs = apps.flatMap((app) => app.lines).filter((line) => line.endsWith(event.data.message.id));
    expect(runs).toEqual([`handled messages.sms.received ${event.data.message.id}`]);
  }, 90_000);
});
