// Chirp's rate-limit headers (API-BEHAVIOUR §3): every response carries
// X-RateLimit-Limit / -Remaining / -Reset (Unix seconds); a 429 adds Retry-After.
// They come from the server, so anything not in the documented form is ignored.
import { parseHttpDate } from "./http-date.js";

/** Where the caller stands against its rate limit, as the last response said. */
export interface RateLimitInfo {
  /** Requests allowed in the current window (`X-RateLimit-Limit`). */
  readonly limit: number | undefined;
  /** Requests left in the current window (`X-RateLimit-Remaining`). */
  readonly remaining: number | undefined;
  /** When the window resets, as epoch milliseconds (`X-RateLimit-Reset` is in seconds). */
  readonly resetAt: number | undefined;
}

/**
 * Largest `X-RateLimit-Reset` read as epoch seconds (year 5138). A millisecond
 * timestamp (1.7e12 today) is above it, so a server sending ms is ignored rather
 * than read as a reset tens of thousands of years away.
 */
export const MAX_RESET_SECONDS = 1e11;

/** A whole number of at most 15 digits (a safe integer), else undefined. */
function count(raw: string | null): number | undefined {
  const trimmed = raw?.trim() ?? "";
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : undefined;
}

// Epoch seconds; a fraction is accepted (a reset need not fall on a whole second).
function resetHeader(headers: Headers): number | undefined {
  const raw = headers.get("x-ratelimit-reset")?.trim() ?? "";
  if (!/^\d{1,12}(\.\d{1,9})?$/.test(raw)) return undefined;
  const seconds = Number(raw);
  return seconds > MAX_RESET_SECONDS ? undefined : Math.round(seconds * 1000);
}

/** Reads the `X-RateLimit-*` headers; undefined when the response has none of them in their documented form. */
export function readRateLimit(headers: Headers): RateLimitInfo | undefined {
  const limit = count(headers.get("x-ratelimit-limit"));
  const remaining = count(headers.get("x-ratelimit-remaining"));
  const resetAt = resetHeader(headers);
  // Undefined only when all three are (none is ever null).
  return (limit ?? remaining ?? resetAt) === undefined ? undefined : { limit, remaining, resetAt };
}

/**
 * How long the server asks us to wait, in ms, per RFC 9110 §10.2.3: `Retry-After` as
 * delay-seconds (digits only) or an HTTP-date. For a 429 only, the time until
 * `X-RateLimit-Reset` stands in when `Retry-After` is absent or malformed: Chirp sends
 * the rate-limit headers on every answer, and on a 5xx they say nothing about when
 * the server will be back. Undefined when nothing usable was sent.
 */
export function readRetryAfter(headers: Headers, now: number, status: number): number | undefined {
  // An absent header reads as "", which is neither form.
  const retryAfter = headers.get("retry-after")?.trim() ?? "";
  if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
  // A date to wait until: Retry-After's, else (a 429 only) the window's reset.
  const until = parseHttpDate(retryAfter) ?? (status === 429 ? resetHeader(headers) : undefined);
  return until === undefined ? undefined : Math.max(0, until - now);
}
