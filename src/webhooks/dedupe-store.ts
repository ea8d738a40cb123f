// Where the handler remembers which deliveries it has handled. One process: the
// in-memory store. Several machines behind a load balancer: a shared store (Redis,
// a database) implementing the three async calls below.

/** The state of a key after `claim`: yours to handle, being handled elsewhere, or already handled. */
export type WebhookClaim = "claimed" | "in_progress" | "done";

/**
 * Remembers handled deliveries. `claim` must be atomic across every process that
 * shares the store — with Redis, `SET key "pending" NX PX leaseMs`, then `GET` when
 * that fails; `complete` is `SET key "done" PX ttlMs`; `release` is `DEL key`.
 *
 * @example
 * const store: WebhookDedupeStore = {
 *   async claim(key, leaseMs) {
 *     if (await redis.set(key, "pending", "PX", leaseMs, "NX")) return "claimed";
 *     return (await redis.get(key)) === "done" ? "done" : "in_progress";
 *   },
 *   async complete(key, ttlMs) { await redis.set(key, "done", "PX", ttlMs); },
 *   async release(key) { await redis.del(key); },
 * };
 */
export interface WebhookDedupeStore {
  /** Claims `key` for `leaseMs` (after which a crashed handler's claim lapses). */
  claim(key: string, leaseMs: number): Promise<WebhookClaim>;
  /** Marks `key` handled for `ttlMs`: redeliveries within it are answered 200 without running the handler. */
  complete(key: string, ttlMs: number): Promise<void>;
  /** Drops the claim after a failed handler, so Chirp's next attempt runs it again. */
  release(key: string): Promise<void>;
}

/** Options of `memoryDedupeStore`. */
export interface MemoryDedupeStoreOptions {
  /** Most keys kept; the oldest are forgotten first. @default 10000 */
  readonly maxEntries?: number | undefined;
  /** The clock, in epoch ms. @default Date.now */
  readonly now?: (() => number) | undefined;
}

/**
 * An in-process store: right for a single instance (and for tests). Entries expire
 * after their TTL or when `maxEntries` is reached, oldest first.
 */
export function memoryDedupeStore(options: MemoryDedupeStoreOptions = {}): WebhookDedupeStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  // Insertion order ≈ expiry order (every write re-inserts), so sweeping stops at the first live entry.
  const entries = new Map<string, { state: "pending" | "done"; expiresAt: number }>();
  const put = (key: string, state: "pending" | "done", ms: number): void => {
    entries.delete(key);
    entries.set(key, { state, expiresAt: now() + ms });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
  const sweep = (): void => {
    const t = now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt > t) break;
      entries.delete(key);
    }
  };
  return {
    async claim(key, leaseMs) {
      sweep();
      const entry = entries.get(key);
      if (entry !== undefined && entry.expiresAt > now()) return entry.state === "done" ? "done" : "in_progress";
      put(key, "pending", leaseMs);
      return "claimed";
    },
    async complete(key, ttlMs) {
      put(key, "done", ttlMs);
    },
    async release(key) {
      entries.delete(key);
    },
  };
}
