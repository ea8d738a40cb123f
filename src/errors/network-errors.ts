import { ChirpError, type ChirpErrorOptions } from "./chirp-error.js";
import { redactError, redactKeys } from "./redact.js";

/** Whether a failed request may have reached the server. */
export type SentState = "not-sent" | "maybe-sent";

/**
 * The request got no HTTP answer: DNS failure, refused or reset connection, TLS
 * error. `sent` says whether the server may have received it — `"not-sent"` for a
 * refused connection or a failed lookup, `"maybe-sent"` otherwise. The original
 * failure is in `cause`.
 */
export class ChirpConnectionError extends ChirpError {
  override readonly name: string = "ChirpConnectionError";
  /** Whether the server may have received the request (decides whether a POST may be retried). */
  readonly sent: SentState;
  /** The HTTP method of the request. */
  readonly method: string;
  /** The request path (no host, no query). */
  readonly path: string;

  constructor(method: string, path: string, sent: SentState, options: ChirpErrorOptions) {
    // The cause comes from whatever fetch was given, which may quote the Authorization header.
    const cause = redactError(options.cause);
    const detail = describeCause(cause);
    super(`Connection failed: ${method} ${path}${detail ? ` — ${detail}` : ""}`, { cause });
    this.sent = sent;
    this.method = method;
    this.path = path;
  }
}

/** One attempt took longer than `timeout` milliseconds. The server may or may not have acted on it. */
export class ChirpTimeoutError extends ChirpError {
  override readonly name: string = "ChirpTimeoutError";
  /** The per-attempt timeout that ran out, in milliseconds. */
  readonly timeout: number;
  /** The HTTP method of the request. */
  readonly method: string;
  /** The request path (no host, no query). */
  readonly path: string;

  constructor(method: string, path: string, timeout: number) {
    super(`Timed out after ${timeout} ms: ${method} ${path}`);
    this.timeout = timeout;
    this.method = method;
    this.path = path;
  }
}

/** The caller's own `AbortSignal` fired. Its `reason` is kept as `cause`. */
export class ChirpAbortError extends ChirpError {
  override readonly name: string = "ChirpAbortError";

  constructor(method: string, path: string, reason: unknown) {
    super(`Aborted by the caller: ${method} ${path}`, { cause: reason });
  }
}

/** A 2xx answer whose body is not the JSON the spec promises. */
export class ChirpResponseError extends ChirpError {
  override readonly name: string = "ChirpResponseError";
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The body as received. */
  readonly rawBody: string;

  constructor(method: string, path: string, status: number, rawBody: string, cause: unknown) {
    // A proxy's page may echo the key; the JSON parser's message quotes the body's start.
    super(`${status}: ${method} ${path} — the response body is not valid JSON`, { cause: redactError(cause) });
    this.status = status;
    this.rawBody = redactKeys(rawBody);
  }
}

// A fetch implementation's message is foreign text too: kept short in ours (the whole of it stays on `cause`).
const MAX_CAUSE_TEXT = 500;

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return "";
  const inner = cause.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof inner?.code === "string" ? inner.code : (cause as { code?: unknown }).code;
  const text = typeof code === "string" ? `${code}: ${cause.message}` : cause.message;
  return text.length > MAX_CAUSE_TEXT ? `${text.slice(0, MAX_CAUSE_TEXT)}…` : text;
}
