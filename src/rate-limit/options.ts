// The options of `new Chirp({ rateLimit })`, and what the limiter reports.
import type { OperationId } from "../generated/operations.js";
import type { BucketBudgets, LimitKeyKind } from "./buckets.js";
import type { RateLimitStore } from "./store.js";

/** Why `onRateLimit` was called. */
export interface RateLimitEvent {
  /** `"wait"`: a bucket ran out and calls now queue; `"429"`: the server refused a request anyway. */
  readonly reason: "wait" | "429";
  /** The bucket (`"sms"`, `"webhooks"`, `"app-management"`, `"general"` or one of yours). */
  readonly bucket: string;
  /** Which key's budget: the app key's or the admin key's. */
  readonly keyKind: LimitKeyKind;
  /** How long the bucket waits before trying again, in ms. */
  readonly waitMs: number;
  /** Calls queued in this process for this bucket. */
  readonly queued: number;
}

/** One bucket of one key, as this process sees it. */
export interface RateLimitBucketStats {
  readonly bucket: string;
  readonly keyKind: LimitKeyKind;
  /** Calls waiting in this process. */
  readonly queued: number;
  /** Calls of this process sent and not yet answered. */
  readonly inFlight: number;
  /** Requests per window (the server's `X-RateLimit-Limit` once seen). */
  readonly limit: number;
  /** Requests that may still start in the current window, as last known. */
  readonly remaining: number;
  /** End of the current window, epoch ms (0 when none is open). */
  readonly resetAt: number;
  /** A 429 paused the bucket until then, epoch ms (0 when not paused). */
  readonly pausedUntil: number;
  /** Expected wait of the last queued call, in ms: 0 when the window holds the whole queue. */
  readonly expectedWaitMs: number;
}

/** Options of the client-side rate limiter. Every field is optional. */
export interface RateLimitOptions {
  /**
   * Requests per window per bucket and key kind, until the server's `X-RateLimit-Limit` says otherwise.
   * @default { app: { sms: 100, webhooks: 60, general: 120 }, admin: { "app-management": 60, webhooks: 60, general: 120 } }
   */
  readonly budgets?: Readonly<Partial<Record<LimitKeyKind, BucketBudgets>>> | undefined;
  /** Length of a window in ms, used until the server's `X-RateLimit-Reset` says otherwise. @default 60000 */
  readonly windowMs?: number | undefined;
  /**
   * Operation → bucket overrides (a custom name makes a bucket of its own; give it a budget).
   * @default derived from the spec: see `bucketOf`
   */
  readonly buckets?: Readonly<Partial<Record<OperationId, string>>> | undefined;
  /** Most requests this client has in flight at once, all buckets together. @default 16 */
  readonly maxConcurrent?: number | undefined;
  /**
   * Where budgets live. `MemoryRateLimitStore` serves one process; `RedisRateLimitStore`
   * (from `chirp-sdk/redis`) shares one budget per key between processes and machines.
   * @default new MemoryRateLimitStore()
   */
  readonly store?: RateLimitStore | undefined;
  /** Called when a bucket runs out and calls start to queue, and on every 429. @default none */
  readonly onRateLimit?: ((event: RateLimitEvent) => void) | undefined;
  /**
   * How long a request counts as in flight if its answer is never recorded (its process died), in ms.
   * Keep it above the longest attempt (`timeout`). @default 120000
   */
  readonly leaseMs?: number | undefined;
  /** How often to check back while another process's probe opens a new window, in ms. @default 20 */
  readonly probePollMs?: number | undefined;
}
