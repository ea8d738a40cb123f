// Chirp's rate-limit headers (API-BEHAVIOUR §3): every response carries
// X-RateLimit-Limit / -Remaining / -Reset (Unix seconds); a 429 adds Retry-After.

/** Where the caller stands against its rate limit, as the last response said. */
export interface RateLimitInfo {
  /** Requests allowed in the current window (`X-RateLimit-Limit`). */
  readonly limit: number | undefined;
  /** Requests left in the current window (`X-RateLimit-Remaining`). */
  readonly remaining: number | undefined;
  /** When the window resets, as epoch milliseconds (`X-RateLimit-Reset` is in seconds). */
  readonly resetAt: number | undefined;
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Reads the `X-RateLimit-*` headers; undefined when the response has none of them. */
export function readRateLimit(headers: Headers): RateLimitInfo | undefined {
  const limit = numberHeader(headers, "x-ratelimit-limit");
  const remaining = numberHeader(headers, "x-ratelimit-remaining");
  const reset = numberHeader(headers, "x-ratelimit-reset");
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  return { limit, remaining, resetAt: reset === undefined ? undefined : reset * 1000 };
}

/**
 * How long the server asks us to wait, in ms: `Retry-After` (delta seconds or an
 * HTTP date), else the time until `X-RateLimit-Reset`. Undefined when neither says.
 */
export function readRetryAfter(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null) {
    const trimmed = retryAfter.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = numberHeader(headers, "x-ratelimit-reset");
  if (reset !== undefined) return Math.max(0, reset * 1000 - now);
  return undefined;
}
