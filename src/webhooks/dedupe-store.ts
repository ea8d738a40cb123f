// Where the handler remembers which deliveries it has handled. One process: the
// in-memory store. Several machines behind a load balancer: a shared store (Redis,
// a database) implementing the three async calls below.

/** The state of a key after `claim`: yours to handle, being handled elsewhere, or already handled. */
export type WebhookClaim = "claimed" | "in_progress" | "done";

/**
 * Remembers handled deliveries. `claim` must be atomic across every process that
 * shares the store. Every call carries the `owner` token of one handler run (the
 * handler makes a random one per delivery): a run whose handler outlived its lease
 * may find its key claimed by another run since, so `complete` and `release` must
 * change the key only while it is still this owner's claim (or, for `complete`,
 * while nobody holds it). With Redis: `claim` is `SET key "pending:<owner>" NX PX
 * leaseMs`, then `GET` when that fails; `complete` and `release` are a compare-and-set
 * and a compare-and-delete in one Lua script each (see `RedisWebhookDedupeStore`).
 *
 * @example
 * // COMPLETE_IF_MINE / RELEASE_IF_MINE: Lua that SETs "done" / DELs only while GET key is ARGV[1] (or, to complete, nil).
 * const store: WebhookDedupeStore = {
 *   async claim(key, leaseMs, owner) {
 *     if (await redis.set(key, `pending:${owner}`, "PX", leaseMs, "NX")) return "claimed";
 *     return (await redis.get(key)) === "done" ? "done" : "in_progress";
 *   },
 *   async complete(key, ttlMs, owner) { await redis.eval(COMPLETE_IF_MINE, 1, key, `pending:${owner}`, ttlMs); },
 *   async release(key, owner) { await redis.eval(RELEASE_IF_MINE, 1, key, `pending:${owner}`); },
 * };
 */
export interface WebhookDedupeStore {
  /** Claims `key` for `leaseMs` (after which a crashed handler's claim lapses) on behalf of `owner`. */
  claim(key: string, leaseMs: number, owner: string): Promise<WebhookClaim>;
  /**
   * Marks `key` handled for `ttlMs`: redeliveries within it are answered 200 without
   * running the handler. Only while `key` is `owner`'s claim or free: a claim another
   * run took after `owner`'s lease lapsed is left alone.
   */
  complete(key: string, ttlMs: number, owner: string): Promise<void>;
  /**
   * Drops `owner`'s claim after a failed handler, so Chirp's next attempt runs it
   * again. Leaves a claim another run took after `owner`'s lease lapsed.
   */
  release(key: string, owner: string): Promise<void>;
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
  const entries = new Map<string, { state: "pending" | "done"; owner: string; expiresAt: number }>();
  const put = (key: string, state: "pending" | "done", owner: string, ms: number): void => {
    entries.delete(key);
    entries.set(key, { state, owner, expiresAt: now() + ms });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
  const live = (key: string) => {
    const entry = entries.get(key);
    return entry !== undefined && entry.expiresAt > now() ? entry : undefined;
  };
  const sweep = (): void => {
    const t = now();
    for (const [key, entry] of entries) {
      if (entry.expiresAt > t) break;
      entries.delete(key);
    }
  };
  return {
    async claim(key, leaseMs, owner) {
      sweep();
      const entry = live(key);
      if (entry !== undefined) return entry.state === "done" ? "done" : "in_progress";
      put(key, "pending", owner, leaseMs);
      return "claimed";
    },
    async complete(key, ttlMs, owner) {
      const entry = live(key);
      if (entry === undefined || (entry.state === "pending" && entry.owner === owner)) put(key, "done", owner, ttlMs);
    },
    async release(key, owner) {
      const entry = live(key);
      if (entry?.state === "pending" && entry.owner === owner) entries.delete(key);
    },
  };
}
