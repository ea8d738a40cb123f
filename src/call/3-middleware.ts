// Step 3 of the call path (see src/call/README.md): middleware, the one extension point of
// the spine. The logger (src/logging.ts), OpenTelemetry (chirp-sdk/otel) and an app's own
// hooks are all middleware: they run around the call, around each attempt, and after
// each attempt, and see the same context. The transport (4-transport.ts) drives them.
//
// What a middleware can NOT do is make the SDK send a request again: `next` runs once,
// and only the transport's own retry decision (7-retry.ts) leads to another attempt. A
// send (POST) that may have reached Chirp is never repeated — Chirp has no idempotency key.
import { ChirpConfigError, ChirpError } from "../errors/chirp-error.js";
import { redactError } from "../errors/redact.js";
import type { AttemptFailure, RetryDecision } from "./7-retry.js";

/** The rate limiter as a middleware sees it (`chirp.rateLimiter`): its queues, for a queue-depth metric. */
export interface LimiterView {
  /** Every bucket's queue length and in-flight count. */
  stats(): readonly { readonly bucket: string; readonly queued: number; readonly inFlight: number }[];
}

/** One call (all its attempts), as every middleware sees it. */
export interface CallContext {
  /** Unique in this process (`"c1"`, `"c2"`, …): ties a call's attempts and log lines together. A getter, like `pathTemplate` and `origin`: worked out when read. */
  readonly id: string;
  /** The operation (`"sendSms"`), or undefined for a path the spec does not name. */
  readonly operationId: string | undefined;
  /** The HTTP method. */
  readonly method: string;
  /** The request path, filled in (no host, no query). May hold resource ids, never a key. */
  readonly path: string;
  /** The spec's path template (`/v1/sms/{messageId}`): OpenTelemetry's `url.template`; low cardinality. */
  readonly pathTemplate: string | undefined;
  /** The origin requests go to (`https://api.buildwithchirp.com`), without path or query. */
  readonly origin: string;
  /** When the call started, by the client's clock (`now` option), epoch ms. */
  readonly startedAt: number;
  /** Attempts started so far. */
  readonly attempts: number;
  /** The client's rate limiter, when it has one. */
  readonly rateLimiter: LimiterView | undefined;
}

/** Why an attempt is a retry: how the one before it ended and how long the SDK waited. */
export interface RetryCause {
  /** How the previous attempt failed (a status, a timeout, a connection failure and whether it was sent). */
  readonly failure: AttemptFailure;
  /** The previous attempt's error. */
  readonly error?: ChirpError;
  /** The wait before this attempt, ms (the limiter's pause for a paced 429 is in `limiterWaitMs` instead). */
  readonly delayMs: number;
}

/** One attempt, as every middleware sees it. The fields under "after" are set once the attempt has settled. */
export interface AttemptContext {
  /** The call this attempt belongs to. */
  readonly call: CallContext;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  /**
   * The outgoing headers, lower-case names. Change them before calling `next`. The key is
   * not among them and cannot be read or replaced here: the SDK adds `authorization` after
   * every middleware, so no middleware (nor a log line it writes) ever holds it. Copied from
   * the request's when first read (a getter: `{ ...attempt }` leaves it out).
   */
  readonly headers: Record<string, string>;
  /**
   * The body as sent — JSON or form text, or a `FormData` / `Blob` for multipart and binary
   * bodies (personal data: phone numbers, message text); read-only.
   */
  readonly body: string | FormData | Blob | undefined;
  /** Why this attempt happens: undefined for the first, the previous failure and wait for a retry. */
  readonly retryOf: RetryCause | undefined;
  /** How long the rate limiter held this attempt, ms; undefined without a limiter. */
  readonly limiterWaitMs: number | undefined;
  /** The caller's signal, if any. */
  readonly signal: AbortSignal | undefined;
  /** When the attempt was sent, by the client's clock, epoch ms. */
  readonly startedAt: number;
  /** After: the answer's status, undefined when none came. */
  readonly status?: number | undefined;
  /** After: the answer's `x-request-id` (or `request-id`) header, read off the answer when asked (a getter). */
  readonly requestId?: string | undefined;
  /** After: how long the attempt took, ms: from sending to its answer (a non-2xx one read), or to its failure. */
  readonly durationMs?: number | undefined;
  /** After: the failure, as the call would reject with it; undefined for a 2xx answer. */
  readonly error?: ChirpError | undefined;
  /** After a failure: whether the SDK sends another attempt, and why (not). */
  readonly decision?: RetryDecision | undefined;
}

/** `next` of an attempt: sends it (once) and resolves to a 2xx answer, or rejects with the failure's `ChirpError`. */
export type NextAttempt = () => Promise<Response>;

/**
 * A middleware: hooks the SDK runs around every call and every attempt, for logging,
 * tracing, metrics, or headers of your own. Give a list as `new Chirp({ middleware })`
 * (and per call as `middleware`, added after the client's). Each hook is optional.
 *
 * **At most once for sends stays the SDK's rule.** `next` sends the attempt once; a
 * second call rejects with `ChirpConfigError` and sends nothing. Only the SDK's own retry
 * decision (`attempt.decision`) leads to another attempt: a middleware that throws its
 * own error, or answers in place of `next` (a substitute `Response`), ends the call
 * there — so no middleware can have a `sendSms` that may have reached Chirp sent again.
 * The key is never shown to a middleware (see `AttemptContext.headers`).
 * @example
 * ```ts
 * const tagged: Middleware = {
 *   attempt: (a, next) => {
 *     a.headers["x-tenant"] = "acme";
 *     return next();
 *   },
 *   settled: (a) => a.decision?.retry && metrics.increment("chirp.retry"),
 * };
 * new Chirp({ middleware: [tagged] });
 * ```
 */
export interface Middleware {
  /** Named in the `ChirpError` a failure of this middleware's own ends a call with ("A middleware (name) failed: …"). */
  readonly name?: string | undefined;
  /**
   * Around the whole call — every attempt, retry wait and rate-limiter wait run inside
   * `next` (e.g. to make a span active). Return what `next` resolves to.
   */
  readonly call?: ((call: CallContext, next: () => Promise<unknown>) => Promise<unknown>) | undefined;
  /** Around one attempt: change `attempt.headers`, then `return next()`; observe what it resolves or rejects with. */
  readonly attempt?: ((attempt: AttemptContext, next: NextAttempt) => Promise<Response>) | undefined;
  /**
   * After each attempt, with its status or error and the retry decision set. Called for
   * every attempt, in list order; it cannot change anything. Cheapest of the three hooks.
   */
  readonly settled?: ((attempt: AttemptContext) => void) | undefined;
}

/** What `middleware` accepts: a `Middleware`, or a bare function, taken as its `attempt` hook. */
export type MiddlewareInput = Middleware | ((attempt: AttemptContext, next: NextAttempt) => Promise<Response>);

/**
 * A checked middleware list (every entry an object, every hook a function), with the
 * middleware that have each kind of hook picked out once, when the list is built: per call
 * the transport runs only those, and knows without a search when a kind has none.
 */
export interface MiddlewareList {
  /** Every middleware, in order: the client's, then the call's. */
  readonly all: readonly Middleware[];
  /** Those with a `call` hook, in the same order. */
  readonly call: readonly Middleware[];
  /** Those with an `attempt` hook, in the same order. */
  readonly attempt: readonly Middleware[];
  /** Those with a `settled` hook, in the same order. */
  readonly settled: readonly Middleware[];
}

/** The kinds of hook: one list for picking them out and for checking them. */
const HOOKS = ["call", "attempt", "settled"] as const;

/** The `MiddlewareList` of `all` (checked already), each kind of hook picked out. */
export function middlewareList(all: readonly Middleware[]): MiddlewareList {
  const list = { all } as Record<string, readonly Middleware[]>;
  for (const key of HOOKS) list[key] = all.filter((m) => m[key]);
  return list as unknown as MiddlewareList;
}

/** The list of a client with no middleware (`logLevel: "off"`, none given). */
const NONE = /* @__PURE__ */ middlewareList([]);

/**
 * `base` (the client's list) followed by the entries of a `middleware` option, checked, a bare
 * function taken as its `attempt` hook; `base` itself when the option is not given. One
 * function for both places a list grows (the client's options, a call's), so one check.
 * Always a list (empty for none), so the transport needs no second case.
 */
export function addMiddleware(base: MiddlewareList = NONE, input: unknown): MiddlewareList {
  if (input === undefined) return base;
  const added = Array.isArray(input)
    ? input.map((m: unknown) => (typeof m === "function" ? { attempt: m } : (m as Record<string, unknown> | null)))
    : [];
  // One check and one message for every mistake (not an array, an entry that is neither a
  // function nor an object of hook functions): it says what is accepted.
  if (
    !Array.isArray(input) ||
    added.some((o) => typeof o !== "object" || !o || HOOKS.some((k) => o[k] && typeof o[k] !== "function"))
  )
    throw new ChirpConfigError("middleware must be an array of functions or { call, attempt, settled } objects.");
  return middlewareList([...base.all, ...(added as Middleware[])]);
}

/**
 * Runs `run` inside the `key` hook of every middleware of `list` from the `i`th on (`list`:
 * those of a `MiddlewareList` that have that hook), the first outermost; with none, `run`
 * alone (no promise of its own). Each hook's `next` runs
 * once: a second call rejects and sends nothing — the rule that keeps "at most once"
 * whatever a middleware does. What a hook throws is rejected as a `ChirpError` (a
 * foreign error wrapped, its message and cause redacted: it may quote anything, a key among it).
 */
export function runHooks<R>(
  list: readonly Middleware[],
  key: "call" | "attempt",
  ctx: CallContext | AttemptContext,
  run: () => Promise<R>,
  i = 0,
): Promise<R> {
  const m = list[i];
  if (!m) return run();
  const hook = m[key] as ((c: unknown, n: () => Promise<R>) => Promise<R>) | undefined;
  // Taken off its middleware since the list was built: skipped.
  if (!hook) return runHooks(list, key, ctx, run, i + 1);
  let used = false;
  return (async () =>
    hook(ctx, () => {
      if (used) return Promise.reject(new ChirpConfigError("A middleware called next() twice: each is sent once."));
      used = true;
      return runHooks(list, key, ctx, run, i + 1);
    }))().catch((error: unknown) => {
    if (error instanceof ChirpError) throw error;
    // A foreign error may quote anything, a key among it: its message is shown redacted, like its cause.
    const cause = redactError(error);
    const name = m.name;
    throw new ChirpError(
      `A middleware${name ? ` (${name})` : ""} failed: ${cause instanceof Error ? cause.message : cause}`,
      {
        cause,
      },
    );
  });
}

/**
 * Tells every `settled` hook (`list`: the middleware that have one); a hook that throws is
 * ignored (an observer must not fail a delivered call).
 */
export function notifySettled(list: readonly Middleware[], attempt: AttemptContext): void {
  for (const m of list) {
    try {
      m.settled?.(attempt);
    } catch {}
  }
}
