// Budgets shared through Redis: N workers (processes, machines) with the same key
// share one budget per bucket. The Redis client is the app's own — ioredis, or
// node-redis through a three-line adapter — so nothing here imports one.
import { RATE_LIMIT_SCRIPT } from "./redis-script.js";
import type { BucketSnapshot, ObserveRequest, RateLimitStore, TakeRequest, TakeResult } from "./store.js";

/**
 * What the store needs of a Redis client: ioredis's `evalsha` / `eval` (node-redis:
 * `{ evalsha: (sha, n, ...a) => c.evalSha(sha, { keys: a.slice(0, n), arguments: a.slice(n) }), eval: … }`).
 */
export interface RedisScriptClient {
  evalsha(sha: string, numKeys: number, ...args: string[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: string[]): Promise<unknown>;
}

/** Options of `RedisRateLimitStore`. */
export interface RedisRateLimitStoreOptions {
  /** Prefix of every Redis key (which then holds a hash of the API key, never the key). @default "chirp:rl" */
  readonly prefix?: string | undefined;
}

const num = (n: number | undefined): string => (n === undefined ? "" : String(n));

async function sha1(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A `RateLimitStore` in Redis: each take and observe is one atomic Lua script;
 * in-flight requests are leases that expire, so a worker that dies leaks nothing;
 * every key expires one window after its last use.
 * @example
 * import Redis from "ioredis";
 * import { RedisRateLimitStore } from "chirp-sdk/redis";
 * const chirp = new Chirp({ rateLimit: rateLimiter({ store: new RedisRateLimitStore(new Redis()) }) });
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #client: RedisScriptClient;
  readonly #prefix: string;
  #sha: Promise<string> | undefined;

  constructor(client: RedisScriptClient, options: RedisRateLimitStoreOptions = {}) {
    this.#client = client;
    this.#prefix = options.prefix ?? "chirp:rl";
  }

  /** Grants up to `leaseIds.length` requests, or says how long to wait. */
  async take(r: TakeRequest): Promise<TakeResult> {
    const head = ["take", String(r.now), String(r.limit), String(r.windowMs), String(r.leaseMs), String(r.probePollMs)];
    const [granted = 0, waitMs = 1, ...rest] = await this.#run(r.bucketId, [...head, ...r.leaseIds]);
    return { granted, waitMs: granted > 0 ? 0 : Math.max(1, waitMs), ...snapshot(rest) };
  }

  /** Records the answer to a granted request. */
  async observe(r: ObserveRequest): Promise<BucketSnapshot> {
    const o = r.observation;
    const args = ["observe", String(r.now), String(r.limit), String(r.windowMs), r.leaseId, num(o.status)];
    args.push(num(o.limit), num(o.remaining), num(o.resetAt), num(o.retryAfterMs), o.unused ? "1" : "0");
    const [, , ...rest] = await this.#run(r.bucketId, args);
    return snapshot(rest);
  }

  async #run(bucketId: string, args: string[]): Promise<number[]> {
    // A hash tag keeps both keys of a bucket in one Redis Cluster slot.
    const hash = `${this.#prefix}:{${bucketId}}`;
    const keys = [hash, `${hash}:leases`];
    this.#sha ??= sha1(RATE_LIMIT_SCRIPT);
    const sha = await this.#sha;
    let reply: unknown;
    try {
      reply = await this.#client.evalsha(sha, 2, ...keys, ...args);
    } catch (error) {
      // A fresh or flushed server does not know the script yet: send it once, by value.
      if (!String((error as Error)?.message).includes("NOSCRIPT")) throw error;
      reply = await this.#client.eval(RATE_LIMIT_SCRIPT, 2, ...keys, ...args);
    }
    return (reply as unknown[]).map(Number);
  }
}

function snapshot([limit = 0, remaining = 0, resetAt = 0, pausedUntil = 0]: number[]): BucketSnapshot {
  return { limit, remaining, resetAt, pausedUntil };
}
