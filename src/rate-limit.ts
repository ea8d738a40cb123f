// chirp-sdk/rate-limit: client-side rate limiting (`rateLimiter()` for
// `new Chirp({ rateLimit })`), its stores, buckets and batch types. Imported only by
// apps that rate-limit; the main entry re-exports this whole list.

export type { RateLimitPlan } from "./options.js";
export type { BatchOptions, BatchProgress, BatchResult } from "./rate-limit/batch.js";
export {
  type BucketBudgets,
  type BucketName,
  bucketOf,
  DEFAULT_BUDGETS,
  DEFAULT_WINDOW_MS,
  type LimitKeyKind,
} from "./rate-limit/buckets.js";
export type { RateLimiter } from "./rate-limit/limiter.js";
export { MemoryRateLimitStore } from "./rate-limit/memory-store.js";
export type { RateLimitBucketStats, RateLimitEvent, RateLimitOptions } from "./rate-limit/options.js";
export { rateLimiter } from "./rate-limit/plan.js";
export type {
  BucketSnapshot,
  Observation,
  ObserveRequest,
  RateLimitStore,
  TakeRequest,
  TakeResult,
} from "./rate-limit/store.js";
