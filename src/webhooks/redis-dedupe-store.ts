// Webhook dedupe across machines: several app servers behind a load balancer get
// Chirp's redeliveries on different machines, so "handled" must live in a store they
// share. Same contract as memoryDedupeStore; the Redis client is the app's own.
import type { WebhookClaim, WebhookDedupeStore } from "./dedupe-store.js";

/**
 * What the store needs of a Redis client: ioredis's `set` / `get` / `eval`
 * (node-redis: `set: (k, v, _px, ms, nx) => c.set(k, v, { PX: ms, NX: nx === "NX" })`,
 * `eval: (s, n, ...a) => c.eval(s, { keys: a.slice(0, n), arguments: a.slice(n) })`).
 */
export interface RedisDedupeClient {
  set(key: string, value: string, px: "PX", milliseconds: number, nx: "NX"): Promise<"OK" | null>;
  get(key: string): Promise<string | null>;
  eval(script: string, numKeys: number, ...args: string[]): Promise<unknown>;
}

/** Options of `RedisWebhookDedupeStore`. */
export interface RedisWebhookDedupeStoreOptions {
  /** Prefix of every Redis key; the rest is the delivery's dedupe key (event name and resource id). @default "chirp:wh" */
  readonly prefix?: string | undefined;
}

const DONE = "done";
const pending = (owner: string): string => `pending:${owner}`;

// A handler that outlived its lease must not touch the claim another run took since:
// `complete` and `release` compare the owner and write in one step (a GET then a SET
// from the client could interleave with that other run's claim). Both are tiny, so
// they are sent by value each time, no EVALSHA cache.
// SET key "done" PX ttl, only while key is absent or still ARGV[1]'s pending claim.
const COMPLETE_IF_MINE = `local v = redis.call("GET", KEYS[1])
if v == false or v == ARGV[1] then return redis.call("SET", KEYS[1], "done", "PX", ARGV[2]) end
return false`;
// DEL key, only while it is still ARGV[1]'s pending claim.
const RELEASE_IF_MINE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0`;

/**
 * A `WebhookDedupeStore` in Redis. A claim is `SET key pending:<owner> PX lease NX`,
 * atomic across every process sharing the server; a handled delivery is `SET key done
 * PX ttl` and a failed one `DEL key`, each in a Lua script that first checks the key
 * is still that owner's claim. Every key expires: a claim after its lease (a process
 * that died mid-handler blocks nothing), a handled mark after `dedupeTtlMs`.
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

  /** Claims `key` for `leaseMs` on behalf of `owner`, or says whether it is being handled or was handled. */
  async claim(key: string, leaseMs: number, owner: string): Promise<WebhookClaim> {
    const k = this.#key(key);
    // The key can vanish between a refused SET and the GET (released, or expired): claim again then.
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await this.#client.set(k, pending(owner), "PX", ms(leaseMs), "NX")) === "OK") return "claimed";
      const state = await this.#client.get(k);
      if (state === DONE) return "done";
      if (state !== null) return "in_progress";
    }
    // Still flapping: someone else keeps claiming it, so it is being handled elsewhere.
    return "in_progress";
  }

  /** Marks `key` handled for `ttlMs`, unless another owner has claimed it since `owner`'s lease lapsed. */
  async complete(key: string, ttlMs: number, owner: string): Promise<void> {
    await this.#client.eval(COMPLETE_IF_MINE, 1, this.#key(key), pending(owner), String(ms(ttlMs)));
  }

  /** Drops `owner`'s claim, so the next delivery runs the handler again; another owner's claim stays. */
  async release(key: string, owner: string): Promise<void> {
    await this.#client.eval(RELEASE_IF_MINE, 1, this.#key(key), pending(owner));
  }

  #key(key: string): string {
    return `${this.#prefix}:${key}`;
  }
}

/** Redis refuses a PX of 0 or a fraction: at least 1 whole millisecond. */
function ms(value: number): number {
  return Math.max(1, Math.ceil(value));
}
