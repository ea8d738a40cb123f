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
import { readRequestId } from "../request-id.js";
import { timerDelay } from "../timer-delay.js";
import { operationInfo } from "./1-operation.js";
import {
  type AttemptContext,
  type CallContext,
  type LimiterView,
  type MiddlewareList,
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
  acquire(req: OutgoingRequest): Promise<((response?: Response) => number | undefined) | undefined>;
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
  /** The client's middleware and the call's (3-middleware.ts), in that order; empty when there is none. */
  readonly middleware: MiddlewareList;
}

/**
 * Sends `req` until it succeeds or may not be retried, and hands the successful
 * response to `read` (still under the attempt's timeout). Throws a `ChirpError`.
 * The call runs inside the middleware's `call` hooks and each attempt inside their
 * `attempt` hooks (3-middleware.ts); without such hooks, nothing stands between.
 */
export function send<T>(
  settings: TransportSettings,
  req: OutgoingRequest,
  read: (response: Response, req: OutgoingRequest) => Promise<T>,
): Promise<T> {
  const call = new Call(settings, req);
  const around = req.middleware.call;
  // Without call hooks, no closure for runHooks to call through.
  return around.length
    ? runHooks(around, "call", call, () => Attempt.run(settings, req, read, call))
    : Attempt.run(settings, req, read, call);
}

/**
 * One call (all its attempts), as middleware sees it (`CallContext`): what every call needs is
 * set by the constructor, in one order; its `id`, `pathTemplate` and `origin` are worked out
 * only when a hook reads them (at the default log level, none does on success).
 */
class Call implements CallContext {
  declare readonly operationId: string | undefined;
  declare readonly method: string;
  declare readonly path: string;
  declare readonly startedAt: number;
  declare attempts: number;
  declare readonly rateLimiter: LimiterView | undefined;
  #n: number;
  #url: string;

  constructor(settings: TransportSettings, req: OutgoingRequest) {
    const { limiter } = settings;
    this.#n = ++calls;
    this.#url = req.url;
    this.operationId = req.operationId;
    this.method = req.method;
    this.path = req.path;
    this.startedAt = settings.now();
    this.attempts = 0;
    // A limiter of this client's own kind has stats(); another AttemptLimiter shows none.
    this.rateLimiter = ((limiter as Partial<LimiterView> | undefined)?.stats && limiter) as LimiterView | undefined;
  }

  get id(): string {
    return `c${this.#n}`;
  }

  get pathTemplate(): string | undefined {
    return operationInfo(this.operationId)?.path;
  }

  /**
   * The URL is the client's baseUrl as config.ts normalised it (URL.href: no credentials, lower-case
   * scheme and host, default port dropped) followed by the path: its origin ends at the next "/".
   */
  get origin(): string {
    const url = this.#url;
    return url.slice(0, url.indexOf("/", url.indexOf("//") + 2));
  }
}

/**
 * One attempt: what middleware sees of it (`AttemptContext`, every field declared here, so
 * every attempt has one shape) and, private, what the transport runs it with. Its steps are
 * methods, not closures made per attempt; the request id is read off the answer only when
 * asked, and the headers copied only when a middleware reads them.
 */
class Attempt implements AttemptContext {
  // Declared, not defined: the constructor sets every one of them, in one order.
  declare readonly call: Call;
  declare readonly attempt: number;
  declare readonly body: OutgoingRequest["body"];
  declare readonly retryOf: RetryCause | undefined;
  declare readonly signal: AbortSignal | undefined;
  declare readonly startedAt: number;
  declare readonly limiterWaitMs: number | undefined;
  declare status: number | undefined;
  declare durationMs: number | undefined;
  declare error: ChirpError | undefined;
  declare decision: RetryDecision | undefined;
  #settings: TransportSettings;
  #req: OutgoingRequest;
  /** The limiter's callback, until the answer (or its absence) is reported to it. */
  #settle: ((response?: Response) => number | undefined) | undefined;
  /** The transport's own answer (a middleware may answer with another: a substitute). */
  #answer: Response | undefined;
  #headers: Record<string, string> | undefined;
  /** For a 429 of the transport's own: how long the limiter now holds the bucket (the wait before a retry). */
  #pauseMs: number | undefined;
  #failure: AttemptFailure | undefined;
  #substitute: boolean | undefined;
  /** Aborted by the attempt's timeout or the caller's signal, whichever comes first. */
  #controller = new AbortController();

  constructor(
    settings: TransportSettings,
    req: OutgoingRequest,
    call: Call,
    retryOf: RetryCause | undefined,
    waitFrom: number | undefined,
    settle: ((response?: Response) => number | undefined) | undefined,
  ) {
    this.#settings = settings;
    this.#req = req;
    this.#settle = settle;
    this.call = call;
    this.attempt = ++call.attempts;
    this.body = req.body;
    this.retryOf = retryOf;
    this.signal = req.signal;
    // The first attempt, with no limiter to wait for and no call hook to run, starts as its call
    // does: one clock reading fewer per call.
    this.startedAt =
      this.attempt === 1 && waitFrom === undefined && !req.middleware.call.length ? call.startedAt : settings.now();
    // undefined without a limiter (no start of a wait; a clock may read 0).
    this.limiterWaitMs = waitFrom === undefined ? undefined : this.startedAt - waitFrom;
    this.status = this.durationMs = this.error = this.decision = undefined;
  }

  /** A copy of the headers without the key, made when first read: a middleware may change it for this attempt alone. */
  get headers(): Record<string, string> {
    this.#headers ??= copyHeaders(this.#req.headers);
    return this.#headers;
  }

  get requestId(): string | undefined {
    return this.#answer && readRequestId(this.#answer.headers);
  }

  /** Every attempt of the call `call`: the retry loop. */
  static async run<T>(
    settings: TransportSettings,
    req: OutgoingRequest,
    read: (response: Response, req: OutgoingRequest) => Promise<T>,
    call: Call,
  ): Promise<T> {
    const { signal: caller, middleware, timeout } = req;
    const { limiter } = settings;
    // The middleware around attempts. Without one, the exchange's steps run in this loop: one
    // async function fewer per attempt (about 1 µs of a call's ~6 µs of SDK work).
    const around = middleware.attempt;
    let retryOf: RetryCause | undefined;
    for (;;) {
      if (caller?.aborted) throw aborted(req);
      // Each attempt is one request against the server's budget, so each one waits its turn.
      const waitFrom = limiter && settings.now();
      const settle = limiter && (await limiter.acquire(req));
      if (settle && caller?.aborted) {
        settle();
        throw aborted(req);
      }
      const a = new Attempt(settings, req, call, retryOf, waitFrom, settle);
      const controller = a.#controller;
      const timer = setTimeout(() => controller.abort(), timerDelay(timeout));
      // One listener on the caller's signal for all the calls sharing it (abort-listener.ts).
      const stopListening = caller && onAbort(caller, () => controller.abort(caller.reason));
      try {
        let res: Response;
        // `next` of the innermost middleware is the exchange: one `fetch`, a 2xx answer or the recorded failure.
        if (around.length) res = await runHooks(around, "attempt", a, () => a.#exchange());
        else {
          res = await a.#fetch();
          if (!a.#answered(res)) await a.#reply(res);
        }
        if (res !== a.#answer) {
          // A middleware answered in place of the transport: taken as the answer, never retried.
          a.#substitute = true;
          a.error = undefined;
          a.decision = FINAL;
          if (!(res instanceof Response)) throw new ChirpError("A middleware answered an attempt with no Response.");
          await a.#reply(res);
        }
        // Reading the answer (still under this attempt's timeout) fails like the attempt: a stalled
        // body is its timeout, a reset its connection failure (retried by the same rules).
        return await read(res, req);
      } catch (thrown) {
        // Only the transport's own failure, with its own decision, can lead to a retry.
        a.#fail(thrown);
        if (!a.decision?.retry) throw a.error;
      } finally {
        a.#settle?.();
        clearTimeout(timer);
        stopListening?.();
        notifySettled(middleware.settled, a);
      }
      let { delayMs } = a.decision;
      // The limiter paused the bucket until Retry-After: its next acquire is the wait.
      if (settle && a.status === 429) delayMs = 0;
      else {
        try {
          await settings.sleep(delayMs, caller);
        } catch {
          throw aborted(req);
        }
      }
      retryOf = { failure: a.#failure as AttemptFailure, error: a.error as ChirpError, delayMs };
    }
  }

  /**
   * The exchange as `next` of the innermost middleware: one `fetch`, resolving to a 2xx answer
   * or rejecting with the failure recorded on the attempt (the same steps `run` takes without one).
   */
  async #exchange(): Promise<Response> {
    try {
      const res = await this.#fetch();
      return this.#answered(res) ? res : await this.#reply(res);
    } catch (thrown) {
      throw this.#fail(thrown);
    }
  }

  /** Sends the attempt: `fetch`, with the attempt's signal. */
  #fetch(): Promise<Response> {
    const req = this.#req;
    return this.#settings.fetch(req.url, {
      method: req.method,
      // The request's own headers, key and all, unless a middleware has read them: then its copy,
      // with the key put back after every middleware (none of them held it).
      headers: this.#headers ? copyHeaders(this.#headers, req.headers.authorization) : req.headers,
      body: req.body ?? null,
      signal: this.#controller.signal,
    });
  }

  /**
   * Records the transport's answer and tells the limiter of it; true for a 2xx answer, which
   * ends the attempt's duration. `ok` is worked out from the status (as the Fetch standard
   * defines it): each getter of undici's `Response` is a checked call.
   */
  #answered(res: Response): boolean {
    // A paced 429: the limiter's pause is the wait, also when the answer named none.
    this.#pauseMs = this.#settle?.(res);
    this.#settle = undefined;
    const status = res.status;
    this.status = status;
    this.#answer = res;
    if (status < 200 || status > 299) return false;
    this.#end();
    return true;
  }

  /** Ends the attempt's duration (`durationMs`), unless it has ended: sending to its answer or failure. */
  #end(): void {
    this.durationMs ??= this.#settings.now() - this.startedAt;
  }

  /**
   * A 2xx answer as it is; for any other, its `ChirpApiError` (the body read; a body that cannot be
   * read leaves the status) recorded and thrown — retried by the rules unless a middleware answered.
   */
  async #reply(res: Response): Promise<Response> {
    if (res.ok) return res;
    const req = this.#req;
    let text = "";
    try {
      text = await res.text();
    } catch {
      if (req.signal?.aborted) throw aborted(req);
    }
    const error = errorFromResponse(
      res,
      req,
      text,
      this.#settings.now(),
      // The limiter's word on the transport's own answer (a middleware's substitute has none).
      this.#substitute ? undefined : this.#pauseMs,
    );
    throw this.#fail(error, { kind: "status", status: error.status, retryAfterMs: error.retryAfterMs });
  }

  /**
   * Records how the attempt failed and returns the `ChirpError` it fails with: what the fetch, a
   * middleware, or reading an answer threw, classified here, or a non-2xx answer's error with its
   * failure `f`. With a failure, the retry rules decide; without, it is final — and a middleware's
   * own answer is never retried, whatever reading it ran into. The recorded error passes as it is.
   */
  #fail(thrown: unknown, f?: AttemptFailure): ChirpError {
    if (thrown === this.error) return thrown as ChirpError;
    // Sending to failure (or to a non-2xx answer, read); a 2xx answer ended it already.
    this.#end();
    const req = this.#req;
    const { method, path } = req;
    let error = thrown as ChirpError;
    // A ChirpError is final: a middleware's (never retried behind the SDK's back), a bad JSON body, an abort.
    if (!f && !(thrown instanceof ChirpError)) {
      if (req.signal?.aborted) error = aborted(req);
      // Not the caller's: the attempt's own timeout.
      else if (this.#controller.signal.aborted) {
        error = new ChirpTimeoutError(method, path, req.timeout);
        f = { kind: "timeout" };
      } else {
        // A certificate the runtime does not trust: the handshake failed, and fails again on every attempt.
        const untrusted = certificateCode(thrown) !== undefined;
        try {
          const sent = untrusted ? "not-sent" : sentState(thrown);
          error = new ChirpConnectionError(method, path, sent, { cause: thrown, url: req.url, attempts: this.attempt });
          if (!untrusted) f = { kind: "connection", sent };
        } catch (refused) {
          // The runtime refused the request outright (sentState's ChirpConfigError): final.
          error = refused as ChirpError;
        }
      }
    }
    this.#failure = f;
    this.error = error;
    this.decision =
      f && !this.#substitute ? decideRetry(f, method, this.attempt - 1, req.retry, this.#settings.random) : FINAL;
    return error;
  }
}

/** The abort of `req` by its caller's signal. */
const aborted = (req: OutgoingRequest) => new ChirpAbortError(req.method, req.path, req.signal?.reason);

/**
 * A copy of request headers without any `authorization` (whatever its case): what a
 * middleware sees — or, with the client's `key`, what `fetch` is sent. A loop, not `{ ...h }`:
 * V8 spreads these dash-named headers by a slow path (~0.6 µs, against ~0.1 µs).
 */
function copyHeaders(headers: Record<string, string>, key?: string): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const name in headers) if (name.toLowerCase() !== "authorization") copy[name] = headers[name] as string;
  if (key) copy.authorization = key;
  return copy;
}

let calls = 0;

/** The decision for a failure no rule retries (an abort, a refused permission, a middleware's own failure). */
const FINAL: RetryDecision = { retry: false, reason: "not-retryable" };
