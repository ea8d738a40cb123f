/** Which family of API failure an error belongs to (see `InvalidRequestError` and its siblings). */
export type ErrorFamily = "invalid_request" | "authentication" | "provider" | "api";

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
   * The API error family this error counts as, if any: set on HTTP errors and on
   * client-side request validation, so that `instanceof InvalidRequestError` works
   * for both. Undefined for configuration, network, timeout and abort errors.
   */
  readonly family: ErrorFamily | undefined;

  constructor(message: string, options?: ChirpErrorOptions & { readonly family?: ErrorFamily }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.family = options?.family;
  }
}

/**
 * The client was set up or called in a way that cannot work: a malformed or
 * wrong-kind key, a base URL that is not https (outside loopback), or an operation
 * whose key the client does not hold. Raised before anything is sent.
 */
export class ChirpConfigError extends ChirpError {
  override readonly name: string = "ChirpConfigError";
}
