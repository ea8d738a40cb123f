// `new Chirp(options)`: the options, their defaults, and their checks. Everything
// malformed fails here, at construction, before anything is sent.

import type { MiddlewareInput } from "./call/3-middleware.js";
import type { FetchLike, TransportSettings } from "./call/4-transport.js";
import { type ResolvedRetryOptions, type RetryOptions, sleep } from "./call/7-retry.js";
import type { ResolvedConfig } from "./config.js";
import { ChirpConfigError } from "./errors/chirp-error.js";
import type { LoggingOptions } from "./logging.js";
import type { RateLimiter } from "./rate-limit/limiter.js";
import { MAX_TIMER_MS } from "./timer-delay.js";

/** Options of `new Chirp()`. Every one is optional. */
export interface ChirpOptions extends RetryOptions, LoggingOptions {
  /** App key (`sk_live_app_…` or `sk_test_app_…`), for app operations. @default process.env.CHIRP_APP_KEY */
  readonly appKey?: string | undefined;
  /** Admin key (`sk_admin_…`), for `/v1/organization/…` operations. @default process.env.CHIRP_ADMIN_KEY */
  readonly adminKey?: string | undefined;
  /** API base URL; https, or http on loopback only. @default process.env.CHIRP_BASE_URL ?? "https://api.buildwithchirp.com" */
  readonly baseUrl?: string | undefined;
  /** Per-attempt timeout in ms, at most 2^31 − 1. @default 30000 */
  readonly timeout?: number | undefined;
  /** The fetch to use (undici's, a test double, `createNodeFetch()` from `chirp-sdk/node`). @default globalThis.fetch */
  readonly fetch?: FetchLike | undefined;
  /** Check E.164 phone numbers in send operations before sending. @default true */
  readonly validatePhoneNumbers?: boolean | undefined;
  /** How retries wait; inject a no-op in tests. @default setTimeout-based sleep that honours the signal */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Source of jitter in [0, 1). @default Math.random */
  readonly random?: (() => number) | undefined;
  /** The clock, in epoch ms, for `Retry-After` dates and `X-RateLimit-Reset`. @default Date.now */
  readonly now?: (() => number) | undefined;
  /**
   * Client-side rate limiting: `rateLimiter()` for the documented budgets, or
   * `rateLimiter({ … })` to tune them. Calls then queue per key and bucket instead of
   * drawing 429s. The limiter is imported by the app that wants it
   * (`import { rateLimiter } from "chirp-sdk"`), so other apps do not bundle it.
   * @default undefined (no client-side limiting)
   */
  readonly rateLimit?: RateLimitPlan | undefined;
  /**
   * Hooks around every call and attempt (`Middleware`): headers of your own, tracing
   * (`openTelemetry()` from `chirp-sdk/otel`), metrics. They run in list order, the first
   * outermost; a call's own `middleware` runs inside these. No middleware can make the SDK
   * send a request again, and none sees the key.
   * @default []
   */
  readonly middleware?: readonly MiddlewareInput[] | undefined;
}

/** What `rateLimiter()` returns: how a client builds its own limiter (one per client, since budgets are per key). */
export interface RateLimitPlan {
  /** Builds the limiter of one client, for its keys (hashed there, never kept) and clock. */
  readonly createLimiter: (keys: { readonly app?: string; readonly admin?: string }, now: () => number) => RateLimiter;
}

/** The client's limiter from its `rateLimit` option; a `ChirpConfigError` for the pre-0.2 forms (`true`, plain options). */
export function resolveRateLimit(plan: unknown, config: ResolvedConfig, now: () => number): RateLimiter | undefined {
  if (plan === undefined || plan === false) return undefined;
  if (typeof (plan as Partial<RateLimitPlan> | null)?.createLimiter !== "function") {
    throw new ChirpConfigError(
      // Short: every client bundles it. (`true` and plain option objects were replaced so that apps
      // without rate limiting do not bundle the limiter.)
      'rateLimit takes rateLimiter(options) from "chirp-sdk": new Chirp({ rateLimit: rateLimiter() }).',
    );
  }
  return (plan as RateLimitPlan).createLimiter(
    { ...(config.appKey ? { app: config.appKey } : {}), ...(config.adminKey ? { admin: config.adminKey } : {}) },
    now,
  );
}

/**
 * A positive number of milliseconds a timer can hold (at most 2^31 − 1, about 24.8
 * days: a longer setTimeout fires at once), or a `ChirpConfigError` naming the option.
 */
export function positive(name: string, value: number): number {
  if (!(typeof value === "number" && value > 0 && value <= MAX_TIMER_MS)) {
    throw new ChirpConfigError(
      `${name} must be a positive number of milliseconds, at most ${MAX_TIMER_MS}; got ${String(value)}.`,
    );
  }
  return value;
}

/** A whole number ≥ `min`, or a `ChirpConfigError` naming the option. */
export function wholeNumber(name: string, value: number, min = 0): number {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new ChirpConfigError(`${name} must be a whole number ≥ ${min}; got ${String(value)}.`);
  }
  return value;
}

/**
 * Retry settings with their defaults, checked; `defaults` itself when `options` sets none of
 * them (a call without retry options, the usual case, allocates nothing).
 */
export function resolveRetry(options: RetryOptions, defaults?: ResolvedRetryOptions): ResolvedRetryOptions {
  if (
    defaults &&
    options.maxRetries === undefined &&
    options.maxRetryAfter === undefined &&
    options.retryNonIdempotent === undefined
  ) {
    return defaults;
  }
  return {
    maxRetries:
      options.maxRetries === undefined ? (defaults?.maxRetries ?? 2) : wholeNumber("maxRetries", options.maxRetries),
    maxRetryAfter:
      options.maxRetryAfter === undefined
        ? (defaults?.maxRetryAfter ?? 60_000)
        : positive("maxRetryAfter", options.maxRetryAfter),
    retryNonIdempotent: options.retryNonIdempotent ?? defaults?.retryNonIdempotent ?? false,
  };
}

/** The transport's injectables with their defaults. */
export function resolveTransport(options: ChirpOptions): TransportSettings {
  return {
    // Looked up per call so that a fetch patched after construction is used, and
    // called unbound-safe (browsers throw "Illegal invocation" on a detached fetch).
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
}
