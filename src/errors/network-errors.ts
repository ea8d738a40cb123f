import { cap } from "./api-error.js";
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
  declare readonly sent: SentState;
  /** The HTTP method of the request. */
  declare readonly method: string;
  /** The request path (no host, no query). */
  declare readonly path: string;
  /** The server it tried to reach, as `host:port` (the port filled in from the scheme), if known. */
  declare readonly host: string | undefined;
  /** How many attempts were made, this one included. */
  declare readonly attempts: number;

  constructor(method: string, path: string, sent: SentState, options: ConnectionErrorOptions) {
    // The cause comes from whatever fetch was given, which may quote the Authorization header.
    const cause = redactError(options.cause);
    const detail = describeCause(cause);
    const host = hostOf(options.url);
    const attempts = options.attempts ?? 1;
    // "which server, how many tries" is what an operator needs first: a wrong base URL, a firewall, an outage.
    super(
      `Connection failed: ${method} ${path}${host ? ` to ${host}` : ""} after ${attempts} attempt${attempts === 1 ? "" : "s"}${detail ? ` — ${detail}` : ""}`,
      {
        cause,
        family: "connection",
      },
    );
    // One call sets every field (declared above, so no class field is emitted before it).
    Object.assign(this, { sent, method, path, host, attempts });
  }
}

/** What a `ChirpConnectionError` is told besides method, path and sent state. */
export interface ConnectionErrorOptions extends ChirpErrorOptions {
  /** The full URL of the request; only its host and port are kept. */
  readonly url?: string | undefined;
  /** How many attempts were made, this one included. @default 1 */
  readonly attempts?: number | undefined;
}

function hostOf(url: string | undefined): string | undefined {
  try {
    // No URL is "undefined", which does not parse either.
    const u = new URL(url as string);
    const port = u.port || (u.protocol === "https:" ? "443" : u.protocol === "http:" ? "80" : "");
    return port ? `${u.hostname}:${port}` : u.hostname;
  } catch {
    return undefined;
  }
}

/** One attempt took longer than `timeout` milliseconds. The server may or may not have acted on it. */
export class ChirpTimeoutError extends ChirpError {
  override readonly name: string = "ChirpTimeoutError";
  /** The per-attempt timeout that ran out, in milliseconds. */
  declare readonly timeout: number;
  /** The HTTP method of the request. */
  declare readonly method: string;
  /** The request path (no host, no query). */
  declare readonly path: string;

  constructor(method: string, path: string, timeout: number) {
    super(`Timed out after ${timeout} ms: ${method} ${path}`, { family: "timeout" });
    Object.assign(this, { timeout, method, path });
  }
}

/** The caller's own `AbortSignal` fired. Its `reason` is kept as `cause`. */
export class ChirpAbortError extends ChirpError {
  override readonly name: string = "ChirpAbortError";

  constructor(method: string, path: string, reason: unknown) {
    super(`Aborted by the caller: ${method} ${path}`, { cause: reason, family: "abort" });
  }
}

/** A 2xx answer whose body is not the JSON the spec promises. */
export class ChirpResponseError extends ChirpError {
  override readonly name: string = "ChirpResponseError";
  /** The HTTP status of the answer. */
  declare readonly status: number;
  /** The body as received. */
  declare readonly rawBody: string;
  /** The answer's `x-request-id` (or `request-id`) header, if it had one. Also shown in `message`. */
  declare readonly requestId: string | undefined;

  constructor(
    method: string,
    path: string,
    status: number,
    rawBody: string,
    cause: unknown,
    problem = "the response body is not valid JSON",
    requestId?: string | undefined,
  ) {
    // A proxy's page may echo the key; the JSON parser's message quotes the body's start.
    const id = requestId ? ` [request id ${requestId}]` : "";
    super(`${status}: ${method} ${path} — ${problem}${id}`, { cause: redactError(cause), family: "response" });
    Object.assign(this, { status, rawBody: redactKeys(rawBody), requestId });
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return "";
  const inner = cause.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof inner?.code === "string" ? inner.code : (cause as { code?: unknown }).code;
  const text = typeof code === "string" ? `${code}: ${cause.message}` : cause.message;
  // A fetch implementation's message is foreign text too: kept to 500 characters in ours (the whole of it stays on `cause`).
  return cap(text, 500);
}
