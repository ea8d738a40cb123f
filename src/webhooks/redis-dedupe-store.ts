// Webhook dedupe across machines: several app servers behind a load balancer get
// Chirp's redeliveries on different machines, so "handled" must live in a store they
// share. Same contract as memoryDedupeStore; the Redis client is the app's own.
import type { WebhookClaim, WebhookDedupeStore } from "./dedupe-store.js";

/**
 * What the store needs of a Redis client: ioredis's `set` / `get` / `del`
 * (node-redis: `set: (k, v, _px, ms, nx) => c.set(k, v, { PX: ms, NX: nx === "NX" })`).
 */
export interface RedisDedupeClient {
  set(key: string, value: string, px: "PX", milliseconds: number, nx: "NX"): Promise<"OK" | null>;
  set(key: string, value: string, px: "PX", milliseconds: number): Promise<"OK" | null>;
  get(key: string): Promise<string | null>;
  del(key: string): Promise<number>;
}

/** Options of `RedisWebhookDedupeStore`. */
export interface RedisWebhookDedupeStoreOptions {
  /** Prefix of every Redis key; the rest is the delivery's dedupe key (event name and resource id). @default "chirp:wh" */
  readonly prefix?: string;
}

const PENDING = "pending";
const DONE = "done";

/**
 * A `WebhookDedupeStore` in Redis. A claim is `SET key pending PX lease NX`, atomic
 * across every process sharing the server; a handled delivery is `SET key done PX
 * ttl`; a failed one is `DEL key`. Every key expires: a claim after its lease (a
 * process that died mid-handler blocks nothing), a handled mark after `dedupeTtlMs`.
 *
 * @example
 * import Redis from "ioredis";
 * import { RedisWebhookDedupeStore } from "chirp-sdk/redis";
 * const handler = createWebhookHandler({ secretHeader, secret, on, store: new RedisWebhookDedupeStore(new Redis()) });
 */
export class RedisWebhookDedupeStore implements WebhookDedupeStore {
  readonly #client: RedisDedupeClient;
  readonly #prefix: string;

  constructor(client: RedisDedupeClient, options: RedisWebhookDedupeStoreOptions = {}) {
    this.#client = client;
    this.#prefix = options.prefix ?? "chirp:wh";
  }

  /** Claims `key` for `leaseMs`, or says whether it is being handled or was handled. */
  async claim(key: string, leaseMs: number): Promise<WebhookClaim> {
    const k = this.#key(key);
    // The key can vanish between a refused SET and the GET (released, or expired): claim again then.
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await this.#client.set(k, PENDING, "PX", ms(leaseMs), "NX")) === "OK") return "claimed";
      const state = await this.#client.get(k);
      if (state === DONE) return "done";
      if (state !== null) return "in_progress";
    }
    // Still flapping: someone else keeps claiming it, so it is being handled elsewhere.
    return "in_progress";
  }

  /** Marks `key` handled for `ttlMs`. */
  async complete(key: string, ttlMs: number): Promise<void> {
    await this.#client.set(this.#key(key), DONE, "PX", ms(ttlMs));
  }

  /** Drops the claim, so the next delivery runs the handler again. */
  async release(key: string): Promise<void> {
    await this.#client.del(this.#key(key));
  }

  #key(key: string): string {
    return `${this.#prefix}:${key}`;
  }
}

/** Redis refuses a PX of 0 or a fraction: at least 1 whole millisecond. */
function ms(value: number): number {
  return Math.max(1, Math.ceil(value));
}
