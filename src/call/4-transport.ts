// Step 4 of the call path (see src/call/README.md). One request, all attempts: timeout
// per attempt, the caller's signal, retries by the rules in 7-retry.ts, and every failure turned into a ChirpError. Both call
// styles end here — operation methods (`chirp.sendSms`) and the openapi-fetch
// client (`createPathClient(chirp).GET`) — so keys, retries and errors are the same for both.
//
// It calls `fetch(url, init)` with a plain init object and never builds a
// `Request`: that is most of the per-call cost of a generic fetch wrapper.
import { onAbort } from "../abort-listener.js";
import { certificateCode } from "../certificate-failure.js";
import type { ChirpApiError } from "../errors/api-error.js";
import { ChirpError } from "../errors/chirp-error.js";
import { errorFromResponse } from "../errors/from-response.js";
import { ChirpAbortError, ChirpConnectionError, ChirpTimeoutError, type SentState } from "../errors/network-errors.js";
import { readRequestId } from "../request-id.js";
import { timerDelay } from "../timer-delay.js";
import { operationInfo } from "./1-operation.js";
import {
  type AttemptContext,
  type CallContext,
  type LimiterView,
  type MiddlewareList,
  middlewareError,
  nextCallId,
  notifySettled,
  type RetryCause,
  runHooks,
} from "./3-middleware.js";
import { sentState } from "./6-error.js";
import { type AttemptFailure, decideRetry, type ResolvedRetryOptions, type RetryDecision } from "./7-retry.js";

/** A fetch-compatible function: the global one, undici's, a test double, a Node transport. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** What the transport needs from the client, fixed when the client is built. */
export interface TransportSettings {
  readonly fetch: FetchLike;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
  /** The client-side rate limiter (`rateLimit` option); absent when off, which costs one property check. */
  readonly limiter?: AttemptLimiter;
}

/** Holds each attempt until its rate-limit bucket allows it; told how each attempt ended. */
export interface AttemptLimiter {
  /**
   * Resolves when `req` may be sent, to a function that must be called once with its
   * answer (undefined: none came) — or to undefined when `req` is not rate-limited.
   * For a 429 that function returns how long the limiter now holds the bucket, in ms.
   */
  acquire(req: OutgoingRequest): Promise<((response: Response | undefined) => number | undefined) | undefined>;
}

/** One logical request. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  /** The path for messages (no host, no query, so nothing sensitive in a query string leaks into logs). */
  readonly path: string;
  readonly headers: Record<string, string>;
  /**
   * JSON or form text, or a `FormData` / `Blob` (multipart and binary bodies), which
   * fetch encodes itself — a multipart boundary is fetch's to choose — and can send
   * again on a retry.
   */
  readonly body: string | FormData | Blob | undefined;
  readonly signal: AbortSignal | undefined;
  /** Per-attempt timeout, ms. */
  readonly timeout: number;
  readonly retry: ResolvedRetryOptions;
  /** The operation: the rate limiter's bucket and whether an empty success body is documented. */
  readonly operationId?: string | undefined;
  /** The client's middleware and the call's (3-middleware.ts); undefined when there is none, which costs nothing. */
  readonly middleware?: MiddlewareList | undefined;
}

/**
 * Sends `req` until it succeeds or may not be retried, and hands the successful
 * response to `read` (still under the attempt's timeout). Throws a `ChirpError`.
 * With middleware (`req.middleware`), the call runs inside their `call` hooks and each
 * attempt inside their `attempt` hooks (3-middleware.ts); without, none of that is built.
 */
export function send<T>(
  settings: TransportSettings,
  req: OutgoingRequest,
  read: (response: Response, req: OutgoingRequest) => Promise<T>,
): Promise<T> {
  const list = req.middleware;
  if (!list) return attempts(settings, req, read);
  const call = new Call(req, settings);
  const run = () => attempts(settings, req, read, list, call);
  // The common case (the logger alone) has no call hook: no wrapper, no extra promise.
  return list.some((m) => m.call) ? runHooks(list, "call", call, run).catch(rethrow) : run();
}

function rethrow(error: unknown): never {
  throw middlewareError(error);
}

/** The call as middleware sees it; `attempts` counts up as the transport starts each one. */
class Call implements CallContext {
  readonly id = nextCallId();
  readonly operationId: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly pathTemplate: string | undefined;
  readonly startedAt: number;
  readonly rateLimiter: LimiterView | undefined;
  attempts = 0;
  readonly #url: string;

  constructor(req: OutgoingRequest, settings: TransportSettings) {
    this.operationId = req.operationId;
    this.method = req.method;
    this.path = req.path;
    this.pathTemplate = operationInfo(req.operationId)?.path;
    this.startedAt = settings.now();
    this.#url = req.url;
    const limiter = settings.limiter as Partial<LimiterView> | undefined;
    this.rateLimiter = limiter?.stats ? (limiter as LimiterView) : undefined;
  }

  // Parsed only when a middleware asks (a span's server.address): most calls never do.
  get origin(): string {
    return new URL(this.#url).origin;
  }
}

/** One attempt: what middleware sees, and what the transport keeps while it runs. */
class Attempt implements AttemptContext {
  status: number | undefined;
  durationMs: number | undefined;
  error: ChirpError | undefined;
  decision: RetryDecision | undefined;
  /** How it failed, for the retry rules. */
  failure: AttemptFailure | undefined;
  /** The 2xx answer the transport itself got (a middleware may answer with another). */
  response: Response | undefined;
  /** Any answer's headers, read for the request id only when asked. */
  answered: Headers | undefined;
  timedOut = false;
  #visible: Record<string, string> | undefined;

  constructor(
    readonly call: CallContext,
    readonly attempt: number,
    readonly own: Record<string, string>,
    readonly body: string | FormData | Blob | undefined,
    readonly retryOf: RetryCause | undefined,
    readonly limiterWaitMs: number | undefined,
    readonly signal: AbortSignal | undefined,
    readonly startedAt: number,
    /** The rate limiter's report function for this attempt, until called. */
    public settle: ((response: Response | undefined) => number | undefined) | undefined,
  ) {}

  get requestId(): string | undefined {
    return this.answered && readRequestId(this.answered);
  }

  // Copied (without the key) only when a middleware reads them: most attempts send the request's own object.
  get headers(): Record<string, string> {
    if (!this.#visible) {
      this.#visible = { ...this.own };
      delete this.#visible.authorization;
    }
    return this.#visible;
  }

  /** The headers `fetch` gets: the request's own, or the middleware's copy with the key put back after them. */
  outgoing(): Record<string, string> {
    const visible = this.#visible;
    const key = this.own.authorization;
    return visible ? (key ? { ...visible, authorization: key } : visible) : this.own;
  }
}

/** The decision for a failure no rule retries (an abort, a refused permission, a middleware's own failure). */
const FINAL: RetryDecision = { retry: false, reason: "not-retryable" };

/**
 * How a rejection from the attempt hooks ends the attempt: only the transport's own
 * failure, with its own decision, can lead to a retry; anything else a middleware throws
 * ends the call.
 */
const ownFailure =
  (attempt: Attempt) =>
  (thrown: unknown): never => {
    if (thrown !== attempt.error) {
      attempt.error = middlewareError(thrown);
      attempt.decision = FINAL;
    }
    throw attempt.error;
  };

/** What happens between attempts; `list` and `call` are set only with middleware. */
async function attempts<T>(
  settings: TransportSettings,
  req: OutgoingRequest,
  read: (response: Response, req: OutgoingRequest) => Promise<T>,
  list?: MiddlewareList,
  call?: Call,
): Promise<T> {
  const caller = req.signal;
  const own = req.headers;
  const wraps = list?.some((m) => m.attempt);
  let retryOf: RetryCause | undefined;
  for (let retry = 0; ; retry++) {
    if (caller?.aborted) throw new ChirpAbortError(req.method, req.path, caller.reason);
    // Each attempt is one request against the server's budget, so each one waits its turn.
    const waitFrom = call && settings.limiter ? settings.now() : 0;
    const settle = settings.limiter && (await settings.limiter.acquire(req));
    const paced = settle !== undefined;
    if (paced && caller?.aborted) {
      settle?.(undefined);
      throw new ChirpAbortError(req.method, req.path, caller.reason);
    }
    const startedAt = call ? settings.now() : 0;
    if (call) call.attempts++;
    const attempt = new Attempt(
      call as Call,
      retry + 1,
      own,
      req.body,
      retryOf,
      call && settings.limiter ? startedAt - waitFrom : undefined,
      caller,
      startedAt,
      settle,
    );
    const controller = new AbortController();
    const timer = setTimeout(() => {
      attempt.timedOut = true;
      controller.abort();
    }, timerDelay(req.timeout));
    // One listener on the caller's signal for all the calls sharing it (abort-listener.ts).
    const stopListening = caller ? onAbort(caller, () => controller.abort(caller.reason)) : undefined;
    const sendOnce = () => exchange(settings, req, attempt, controller.signal, retry);
    try {
      const response = wraps
        ? await runHooks(list as MiddlewareList, "attempt", attempt, sendOnce).catch(ownFailure(attempt))
        : await sendOnce();
      if (response !== attempt.response) {
        // A middleware answered in place of the transport: taken as the answer, never retried.
        attempt.decision = FINAL;
        attempt.error = !(response instanceof Response)
          ? new ChirpError("A middleware resolved an attempt to something other than a Response.")
          : response.ok
            ? undefined
            : await answerError(settings, req, response, undefined, caller);
        if (attempt.error) throw attempt.error;
      }
      try {
        return await read(response, req);
      } catch (thrown) {
        // Reading the answer failed: a stalled body is this attempt's timeout, a reset its
        // connection failure (retried by the same rules), a ChirpError (bad JSON) final.
        const error = classify(settings, req, attempt, thrown, retry);
        // A middleware's own answer is never retried, whatever reading it ran into.
        if (response !== attempt.response) attempt.decision = FINAL;
        throw error;
      }
    } catch (thrown) {
      if (thrown !== attempt.error || !attempt.decision?.retry) throw thrown;
    } finally {
      attempt.settle?.(undefined);
      clearTimeout(timer);
      stopListening?.();
      if (list) notifySettled(list, attempt);
    }
    const failure = attempt.failure as AttemptFailure;
    const error = attempt.error as ChirpError;
    let delayMs = attempt.decision.retry ? attempt.decision.delayMs : 0;
    // The limiter paused the bucket until Retry-After: its next acquire is the wait.
    if (paced && failure.kind === "status" && failure.status === 429) delayMs = 0;
    else {
      try {
        await settings.sleep(delayMs, caller);
      } catch {
        throw new ChirpAbortError(req.method, req.path, caller?.reason);
      }
    }
    retryOf = { failure, error, delayMs };
  }
}
/**
 * One `fetch`: resolves to a 2xx answer, or records how the attempt failed (error,
 * failure, retry decision) on `attempt` and rejects with that error. The `next` of
 * the innermost middleware; it runs once per attempt.
 */
async function exchange(
  settings: TransportSettings,
  req: OutgoingRequest,
  attempt: Attempt,
  signal: AbortSignal,
  retry: number,
): Promise<Response> {
  const caller = req.signal;
  const timed = attempt.call !== undefined;
  // The key goes on after every middleware: none of them saw it or could replace it.
  const headers = attempt.outgoing();
  let failure: AttemptFailure;
  let error: ChirpError;
  try {
    const response = await settings.fetch(req.url, {
      method: req.method,
      headers,
      body: req.body ?? null,
      signal,
    });
    // A paced 429: the limiter's pause is the wait, also when the answer named none.
    let pauseMs: number | undefined;
    if (attempt.settle) {
      pauseMs = attempt.settle(response);
      attempt.settle = undefined;
    }
    if (timed) {
      attempt.status = response.status;
      attempt.answered = response.headers;
      attempt.durationMs = settings.now() - attempt.startedAt;
    }
    if (response.ok) {
      attempt.response = response;
      return response;
    }
    const apiError = await answerError(settings, req, response, pauseMs, caller);
    failure = { kind: "status", status: response.status, retryAfterMs: apiError.retryAfterMs };
    error = apiError;
  } catch (thrown) {
    if (timed && attempt.durationMs === undefined) attempt.durationMs = settings.now() - attempt.startedAt;
    throw classify(settings, req, attempt, thrown, retry);
  }
  attempt.failure = failure;
  attempt.error = error;
  attempt.decision = decideRetry(failure, req.method, retry, req.retry, settings.random);
  throw error;
}

/**
 * What a thrown failure of an attempt (its fetch, or reading its answer) was: recorded on
 * `attempt` with the retry decision, and returned as the `ChirpError` to throw.
 */
function classify(
  settings: TransportSettings,
  req: OutgoingRequest,
  attempt: Attempt,
  thrown: unknown,
  retry: number,
): ChirpError {
  const caller = req.signal;
  let failure: AttemptFailure;
  let error: ChirpError;
  if (thrown instanceof ChirpError || caller?.aborted) {
    attempt.error = thrown instanceof ChirpError ? thrown : new ChirpAbortError(req.method, req.path, caller?.reason);
    attempt.decision = FINAL;
    return attempt.error;
  }
  if (attempt.timedOut) {
    failure = { kind: "timeout" };
    error = new ChirpTimeoutError(req.method, req.path, req.timeout);
  } else {
    let sent: SentState;
    // A certificate the runtime does not trust: the handshake failed, and fails again on every attempt.
    const untrusted = certificateCode(thrown) !== undefined;
    try {
      sent = untrusted ? "not-sent" : sentState(thrown);
    } catch (refused) {
      attempt.error = refused as ChirpError;
      attempt.decision = FINAL;
      return attempt.error;
    }
    failure = { kind: "connection", sent };
    error = new ChirpConnectionError(req.method, req.path, sent, {
      cause: thrown,
      url: req.url,
      attempts: retry + 1,
    });
    if (untrusted) {
      attempt.failure = failure;
      attempt.error = error;
      attempt.decision = FINAL;
      return error;
    }
  }
  attempt.failure = failure;
  attempt.error = error;
  attempt.decision = decideRetry(failure, req.method, retry, req.retry, settings.random);
  return error;
}

/** The `ChirpApiError` of a non-2xx answer (its body read; a body that cannot be read leaves the status). */
async function answerError(
  settings: TransportSettings,
  req: OutgoingRequest,
  response: Response,
  pauseMs: number | undefined,
  caller: AbortSignal | undefined,
): Promise<ChirpApiError> {
  // The status is the answer: a body that cannot be read (reset, stalled past the
  // timeout) still leaves an API error carrying that status, never a connection error.
  let text = "";
  try {
    text = await response.text();
  } catch {
    if (caller?.aborted) throw new ChirpAbortError(req.method, req.path, caller.reason);
  }
  return errorFromResponse({
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    method: req.method,
    path: req.path,
    text,
    now: settings.now(),
    retryAfterMs: response.status === 429 ? pauseMs : undefined,
  });
}
