// Step 4 of the call path (see src/call/README.md). One request, all attempts: timeout
// per attempt, the caller's signal, retries by the rules in 7-retry.ts, and every failure turned into a ChirpError. Both call
// styles end here — operation methods (`chirp.sendSms`) and the openapi-fetch
// client (`createPathClient(chirp).GET`) — so keys, retries and errors are the same for both.
//
// It calls `fetch(url, init)` with a plain init object and never builds a
// `Request`: that is most of the per-call cost of a generic fetch wrapper.
import { onAbort } from "../abort-listener.js";
import { certificateCode } from "../certificate-failure.js";
import { ChirpError } from "../errors/chirp-error.js";
import { errorFromResponse } from "../errors/from-response.js";
import { ChirpAbortError, ChirpConnectionError, ChirpTimeoutError } from "../errors/network-errors.js";
import { timerDelay } from "../timer-delay.js";
import { sentState } from "./6-error.js";
import { type AttemptFailure, decideRetry, type ResolvedRetryOptions } from "./7-retry.js";

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
}

/**
 * Sends `req` until it succeeds or may not be retried, and hands the successful
 * response to `read` (still under the attempt's timeout). Throws a `ChirpError`.
 */
export async function send<T>(
  settings: TransportSettings,
  req: OutgoingRequest,
  read: (response: Response, req: OutgoingRequest) => Promise<T>,
): Promise<T> {
  const caller = req.signal;
  for (let retry = 0; ; retry++) {
    if (caller?.aborted) throw new ChirpAbortError(req.method, req.path, caller.reason);
    // Each attempt is one request against the server's budget, so each one waits its turn.
    let settle = settings.limiter && (await settings.limiter.acquire(req));
    const paced = settle !== undefined;
    if (paced && caller?.aborted) {
      settle?.(undefined);
      throw new ChirpAbortError(req.method, req.path, caller.reason);
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timerDelay(req.timeout));
    // One listener on the caller's signal for all the calls sharing it (abort-listener.ts).
    const stopListening = caller ? onAbort(caller, () => controller.abort(caller.reason)) : undefined;
    let failure: AttemptFailure;
    let error: ChirpError;
    try {
      const response = await settings.fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        signal: controller.signal,
      });
      // A paced 429: the limiter's pause is the wait, also when the answer named none.
      let pauseMs: number | undefined;
      if (settle) {
        pauseMs = settle(response);
        settle = undefined;
      }
      if (response.ok) return await read(response, req);
      // The status is the answer: a body that cannot be read (reset, stalled past the
      // timeout) still leaves an API error carrying that status, never a connection error.
      let text = "";
      try {
        text = await response.text();
      } catch {
        if (caller?.aborted) throw new ChirpAbortError(req.method, req.path, caller.reason);
      }
      const apiError = errorFromResponse({
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        method: req.method,
        path: req.path,
        text,
        now: settings.now(),
        retryAfterMs: response.status === 429 ? pauseMs : undefined,
      });
      failure = { kind: "status", status: response.status, retryAfterMs: apiError.retryAfterMs };
      error = apiError;
    } catch (thrown) {
      if (thrown instanceof ChirpError) throw thrown;
      if (caller?.aborted) throw new ChirpAbortError(req.method, req.path, caller.reason);
      if (timedOut) {
        failure = { kind: "timeout" };
        error = new ChirpTimeoutError(req.method, req.path, req.timeout);
      } else {
        // A certificate the runtime does not trust: the handshake failed, and fails again on every attempt.
        const untrusted = certificateCode(thrown) !== undefined;
        const sent = untrusted ? "not-sent" : sentState(thrown);
        failure = { kind: "connection", sent };
        error = new ChirpConnectionError(req.method, req.path, sent, {
          cause: thrown,
          url: req.url,
          attempts: retry + 1,
        });
        if (untrusted) throw error;
      }
    } finally {
      settle?.(undefined);
      clearTimeout(timer);
      stopListening?.();
    }
    const decision = decideRetry(failure, req.method, retry, req.retry, settings.random);
    if (!decision.retry) throw error;
    // The limiter paused the bucket until Retry-After: its next acquire is the wait.
    if (paced && failure.kind === "status" && failure.status === 429) continue;
    try {
      await settings.sleep(decision.delayMs, caller);
    } catch {
      throw new ChirpAbortError(req.method, req.path, caller?.reason);
    }
  }
}
