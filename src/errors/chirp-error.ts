/** Which family of API failure an error belongs to (see `InvalidRequestError` and its siblings). */
export type ErrorFamily = "invalid_request" | "authentication" | "provider" | "api";

/**
 * What kind of failure a `ChirpError` is; every one has a family, so a log or a
 * `switch` never meets an unset one. The four API families (`ErrorFamily`) come from
 * the answer's `type` or status; the rest are failures with no API error behind them:
 * - `config`: the client was set up or called in a way that cannot work; nothing was sent.
 * - `connection`: no HTTP answer (refused, reset, DNS, TLS).
 * - `timeout`: an attempt ran out of time.
 * - `abort`: the caller's own `AbortSignal` fired.
 * - `response`: an answer the SDK cannot read (a 2xx that is not the promised JSON, a page without its list).
 * - `webhook`: a webhook delivery failed verification or parsing.
 * - `client`: anything else the SDK itself refused or failed at (e.g. a rate-limit store that failed).
 */
export type ChirpErrorFamily =
  | ErrorFamily
  | "config"
  | "connection"
  | "timeout"
  | "abort"
  | "response"
  | "webhook"
  | "client";

/** What every `ChirpError` can be given besides its message. */
export interface ChirpErrorOptions {
  /** The underlying failure, kept for logs (never holds a key). */
  readonly cause?: unknown;
}

/**
 * The root of every error this SDK throws. `catch (e) { if (e instanceof ChirpError) … }`
 * catches API errors, configuration mistakes, network failures, timeouts and aborts alike.
 */
export class ChirpError extends Error {
  override readonly name: string = "ChirpError";
  /**
   * What kind of failure this is. The API families (`invalid_request`, `authentication`,
   * `provider`, `api`) are set on HTTP errors and on client-side request validation, so
   * that `instanceof InvalidRequestError` works for both; see `ChirpErrorFamily` for the rest.
   * @default "client"
   */
  declare readonly family: ChirpErrorFamily;

  constructor(message: string, options?: ChirpErrorOptions & { readonly family?: ChirpErrorFamily | undefined }) {
    // Error reads only `cause` from its options, and sets it whenever the key is there, even to undefined: so
    // no options when there is no cause.
    super(message, options?.cause === undefined ? undefined : options);
    this.family = options?.family ?? "client";
  }
}

/**
 * The client was set up or called in a way that cannot work: a malformed or
 * wrong-kind key, a base URL that is not https (outside loopback), or an operation
 * whose key the client does not hold. Raised before anything is sent.
 */
export class ChirpConfigError extends ChirpError {
  override readonly name: string = "ChirpConfigError";

  constructor(message: string, options?: ChirpErrorOptions) {
    super(message, { ...options, family: "config" });
  }
}
