// One request, all attempts: timeout per attempt, the caller's signal, retries by
// the rules in retry.ts, and every failure turned into a ChirpError. Both call
// styles end here — operation methods (`chirp.sendSms`) and the openapi-fetch
// client (`createPathClient(chirp).GET`) — so keys, retries and errors are the same for both.
//
// It calls `fetch(url, init)` with a plain init object and never builds a
// `Request`: that is most of the per-call cost of a generic fetch wrapper.
import { certificateCode } from "./certificate-failure.js";
import { ChirpConfigError, ChirpError } from "./errors/chirp-error.js";
import { errorFromResponse } from "./errors/from-response.js";
import { ChirpAbortError, ChirpConnectionError, ChirpTimeoutError, type SentState } from "./errors/network-errors.js";
import { type AttemptFailure, decideRetry, type ResolvedRetryOptions } from "./retry.js";
import { timerDelay } from "./timer-delay.js";

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
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
  /** Per-attempt timeout, ms. */
  readonly timeout: number;
  readonly retry: ResolvedRetryOptions;
  /** The operation: the rate limiter's bucket and whether an empty success body is documented. */
  readonly operationId?: string | undefined;
}

// Connection failures that happen before a single byte of the request left:
// undici puts the code on `cause`, node:http on the error, Bun and Deno use names.
const NOT_SENT_CODES = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "ConnectionRefused",
  "FailedToOpenSocket",
  // A proxy could not open the tunnel to the API (Node's code; createNodeFetch uses it too).
  "ERR_PROXY_TUNNEL",
]);

// Runtimes that give no code say it in words. Deno: a TypeError whose cause reads
// "… client error (Connect): tcp connect error: Connection refused" (or "dns error"):
// the connection never opened, so nothing was sent. workerd's "Network connection
// lost." and Chromium's "Failed to fetch" are said of a refused connection and of one
// dropped mid-request alike: those stay maybe-sent, as the runtime cannot tell.
const NOT_SENT_MESSAGES = /\b(?:tcp connect error|client error \(Connect\)|dns error)\b/i;

// Deno's permission refusal (NotCapable since Deno 2, PermissionDenied before):
// nothing was sent and no retry can succeed, so it is a setup error, not a connection failure.
const DENIED = /^Requires net access to/;

/**
 * Whether a failed fetch may have reached the server. Throws `ChirpConfigError`
 * (never retried) when the runtime refused the request outright (Deno without --allow-net).
 */
function sentState(error: unknown): SentState {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NOT_SENT_CODES.has(code)) return "not-sent";
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string") {
      if (DENIED.test(message)) {
        throw new ChirpConfigError(
          `The runtime refused network access, so nothing was sent: ${message}. ` +
            "Under Deno, grant it: deno run --allow-net=<the API host> (and --allow-env=CHIRP_APP_KEY,… for keys from the environment).",
        );
      }
      if (NOT_SENT_MESSAGES.test(message)) return "not-sent";
    }
    e = (e as { cause?: unknown }).cause;
  }
  return "maybe-sent";
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
    const onAbort = () => controller.abort(caller?.reason);
    caller?.addEventListener("abort", onAbort);
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
      caller?.removeEventListener("abort", onAbort);
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
