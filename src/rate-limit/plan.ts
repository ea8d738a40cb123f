// `rateLimiter(options)`: the value of `new Chirp({ rateLimit })`. The client calls
// it back to build its own limiter, so the limiter's code is in a bundle only when
// an app imports this function.
import type { RateLimitPlan } from "../options.js";
import { RateLimiter } from "./limiter.js";
import type { RateLimitOptions } from "./options.js";

/**
 * Client-side rate limiting for `new Chirp({ rateLimit })`: calls queue per key and
 * bucket within the documented budgets (or yours) instead of drawing 429s.
 * @example
 * ```ts
 * import { Chirp, rateLimiter } from "chirp-sdk";
 *
 * const chirp = new Chirp({ appKey: process.env.CHIRP_APP_KEY, rateLimit: rateLimiter({ maxConcurrent: 8 }) });
 * console.log(chirp.rateLimiter?.stats());
 * ```
 */
export function rateLimiter(options: RateLimitOptions = {}): RateLimitPlan {
  return { createLimiter: (keys, now) => new RateLimiter(options, keys, now) };
}
