// Step 7 of the call path (see src/call/README.md). When a failed attempt may be sent again, and after how long.
//
// Chirp has no idempotency key (API-BEHAVIOUR §6): a POST that may have reached the
// server can have sent an SMS that a person received and someone paid for. So:
// - 429 is retried for every method: the request was refused, not processed.
// - A connection that never carried the request (refused, DNS) is retried for every method.
// - 5xx, 408, timeouts and connections that failed after sending are retried only for
//   idempotent methods — unless the caller opts in with `retryNonIdempotent`.
// - Any other answer (4xx, 501, a status outside 100–599 that a server made up) is final.

import { onAbort } from "../abort-listener.js";
import { timerDelay } from "../timer-delay.js";

/** Retry settings. Every field is optional on the client and per call. */
export interface RetryOptions {
  /**
   * Retries after the first attempt.
   * @default 2
   */
  readonly maxRetries?: number | undefined;
  /**
   * Longest wait before a retry, in ms (at most 2^31 − 1). A 429 asking for longer (by
   * `Retry-After`, `X-RateLimit-Reset`, or the rate limiter's pause) is thrown at once as
   * a `RateLimitError` with `retryAfterMs`; a longer backoff is shortened to it.
   * @default 60000
   */
  readonly maxRetryAfter?: number | undefined;
  /**
   * Also retry POST and PATCH after an ambiguous failure (timeout, reset after sending, 5xx).
   * **Dangerous**: Chirp has no idempotency key, so a retried `sendSms` can deliver (and bill)
   * the same message twice. Only for operations you know to be safe to repeat.
   * @default false
   */
  readonly retryNonIdempotent?: boolean | undefined;
}

/** Retry settings after defaults: every field set (`Required<>` would keep the `| undefined`). */
export type ResolvedRetryOptions = { readonly [K in keyof RetryOptions]-?: Exclude<RetryOptions[K], undefined> };

/** How an attempt failed, as far as retrying is concerned. */
export type AttemptFailure =
  | { readonly kind: "status"; readonly status: number; readonly retryAfterMs: number | undefined }
  | { readonly kind: "connection"; readonly sent: "not-sent" | "maybe-sent" }
  | { readonly kind: "timeout" };

const IDEMPOTENT = /^(?:GET|HEAD|PUT|DELETE|OPTIONS|TRACE)$/;

/** Base of the exponential backoff, in ms. */
export const BACKOFF_BASE_MS = 500;
/** Ceiling of one backoff delay, in ms. */
export const BACKOFF_MAX_MS = 8_000;

/** Exponential backoff with jitter: 500 ms · 2^retry, capped at 8 s, scaled by 0.5–1. */
export function backoff(retry: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** retry);
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

/** The decision for one failed attempt. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: "exhausted" | "not-retryable" | "unsafe" | "wait-too-long" };

/**
 * Whether attempt number `retry` (0 for the first retry) may follow `failure`.
 * `unsafe` means only the idempotency rule stopped it.
 */
export function decideRetry(
  failure: AttemptFailure,
  method: string,
  retry: number,
  options: ResolvedRetryOptions,
  random: () => number,
): RetryDecision {
  // Whether sending again cannot repeat what the server did: so far, only if the method is idempotent.
  let safe = IDEMPOTENT.test(method) || options.retryNonIdempotent;
  let serverDelay: number | undefined;
  if (failure.kind === "status") {
    const { status } = failure;
    serverDelay = failure.retryAfterMs;
    if (status === 429) {
      // Refused, not processed: safe for every method, unless the wait asked for is too long.
      if ((serverDelay ?? 0) > options.maxRetryAfter) return { retry: false, reason: "wait-too-long" };
      safe = true;
    } else if (status !== 408 && (status < 500 || status > 599 || status === 501)) {
      return { retry: false, reason: "not-retryable" };
    }
  } else if (failure.kind === "connection" && failure.sent === "not-sent") {
    safe = true;
  }
  if (!safe) return { retry: false, reason: "unsafe" };
  if (retry >= options.maxRetries) return { retry: false, reason: "exhausted" };
  // Never longer than maxRetryAfter, whoever chose the wait: the caller's bound holds for backoff too.
  const delayMs =
    serverDelay !== undefined && serverDelay <= options.maxRetryAfter
      ? serverDelay
      : Math.min(backoff(retry, random), options.maxRetryAfter);
  return { retry: true, delayMs };
}

/** Sleeps `ms` (clamped to what a timer can hold), or rejects with the signal's reason when it aborts first. Injectable as `sleep`. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      stopListening?.();
      resolve();
    }, timerDelay(ms));
    // One listener on a signal shared by many waits (abort-listener.ts).
    const stopListening =
      signal &&
      onAbort(signal, () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
  });
}
