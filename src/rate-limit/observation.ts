// What the store learns from one answer: its status and X-RateLimit-* / Retry-After.
import { readRateLimit, readRetryAfter } from "../rate-limit-info.js";
import type { Observation } from "./store.js";

/** The observation of `response` (undefined: no answer came). */
export function observationOf(response: Response | undefined, now: number): Observation {
  if (!response) {
    return {
      status: undefined,
      limit: undefined,
      remaining: undefined,
      resetAt: undefined,
      retryAfterMs: undefined,
      unused: false,
    };
  }
  const info = readRateLimit(response.headers);
  return {
    status: response.status,
    limit: info?.limit,
    remaining: info?.remaining,
    resetAt: info?.resetAt,
    retryAfterMs: response.status === 429 ? readRetryAfter(response.headers, now, 429) : undefined,
    unused: false,
  };
}
