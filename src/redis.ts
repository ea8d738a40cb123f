// chirp-sdk/redis: the Redis stores (rate limiter, webhook dedupe), a separate entry so that the main
// entry stays small and browser-safe. It imports no Redis client: pass your own.
export { RATE_LIMIT_SCRIPT } from "./rate-limit/redis-script.js";
export {
  RedisRateLimitStore,
  type RedisRateLimitStoreOptions,
  type RedisScriptClient,
} from "./rate-limit/redis-store.js";
export {
  type RedisDedupeClient,
  RedisWebhookDedupeStore,
  type RedisWebhookDedupeStoreOptions,
} from "./webhooks/redis-dedupe-store.js";
