import type { components } from "../generated/openapi.js";
import type { RateLimitInfo } from "../rate-limit-info.js";
import { ChirpError, type ErrorFamily } from "./chirp-error.js";

/** The provider block of an API error (Meta, Telnyx, LiveKit), as the spec defines it. */
export type ProviderErrorDetails = components["schemas"]["ProviderError"];

/** The fields of `ChirpApiError` that a response gives. */
type ResponseFields =
  | "status"
  | "method"
  | "path"
  | "type"
  | "code"
  | "serverMessage"
  | "docUrl"
  | "param"
  | "provider"
  | "additionalInfo"
  | "headers"
  | "rateLimit"
  | "retryAfterMs"
  | "body"
  | "rawBody";

/**
 * Everything the error factory learnt from one failed response: the error's own fields, its
 * family and status text. Each field but `family` and `statusText` becomes an own property of
 * the error, in the init's order.
 */
export type ApiErrorInit = Pick<ChirpApiError, ResponseFields> & {
  readonly family: ErrorFamily;
  readonly statusText: string;
  /** The answer's request id header, when it had one. */
  readonly requestId?: string | undefined;
};

/** `text` cut to `max` characters, saying how many more there were (foreign text in our messages stays short). */
export function cap(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

/**
 * The API answered with an HTTP error. `status`, `type` and `code` are kept exactly
 * as sent, because the vendor's docs disagree on which type goes with which status.
 * Subclasses: one per documented `code` (e.g. `TemplateNotFoundError`), and the
 * families `InvalidRequestError`, `AuthenticationError`, `ProviderError`,
 * `ApiServerError`, plus `RateLimitError` for every 429.
 */
export class ChirpApiError extends ChirpError {
  override readonly name: string = "ChirpApiError";
  /** HTTP status of the answer. */
  declare readonly status: number;
  /** `error.type` as sent (`invalid_request_error`, …), if the body had one. */
  declare readonly type: string | undefined;
  /** `error.code` as sent (`template_not_found`, …), if the body had one. */
  declare readonly code: string | undefined;
  /** `error.message` as sent (keys redacted): the docs call it safe to show to end users. In `message`, cut to 1000 characters. */
  declare readonly serverMessage: string | undefined;
  /** `error.doc_url`: the docs page for this code. */
  declare readonly docUrl: string | undefined;
  /** `error.param`: the request field at fault, e.g. `to[0]`. */
  declare readonly param: string | undefined;
  /** `error.provider`: the upstream provider's own error, with Meta's `health_status` when present. */
  declare readonly provider: ProviderErrorDetails | undefined;
  /** `error.additional_info`: remediation hints. */
  declare readonly additionalInfo: readonly string[] | undefined;
  /** The response headers. */
  declare readonly headers: Headers;
  /** `X-RateLimit-*` from the response, if present. */
  declare readonly rateLimit: RateLimitInfo | undefined;
  /** How long the server asked to wait before retrying, in ms (`Retry-After` / `X-RateLimit-Reset`). */
  declare readonly retryAfterMs: number | undefined;
  /** The parsed body (the envelope, Prism's problem+json, …), or undefined when it was not JSON. */
  declare readonly body: unknown;
  /** The body as received, for bodies that were not JSON (HTML from a proxy, truncated text). */
  declare readonly rawBody: string;
  /** The HTTP method of the request. */
  declare readonly method: string;
  /** The request path (no host, no query). */
  declare readonly path: string;
  /** The answer's `x-request-id` (or `request-id`) header: quote it to Chirp's support. Also shown in `message`. */
  declare readonly requestId: string | undefined;

  constructor(init: ApiErrorInit) {
    // `family` and `statusText` are for the message and the class; the rest are the error's fields.
    const { family, statusText, ...fields } = init;
    const { status, retryAfterMs, requestId } = init;
    // The server's text in `message` is cut to 1000 characters, its reason phrase to 100: a megabyte
    // error page must not become a megabyte log line. The whole text stays on `serverMessage` / `rawBody`.
    // (Numbers written here, not named constants: the bundler keeps a constant as a variable.)
    const text = cap(init.serverMessage ?? (statusText || "no error message"), 1000);
    const reason = cap(statusText, 100);
    const wait =
      status === 429 && retryAfterMs !== undefined ? ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)` : "";
    const id = requestId ? ` [request id ${requestId}]` : "";
    super(`${status}${reason ? ` ${reason}` : ""}: ${init.method} ${init.path} — ${text}${wait}${id}`, {
      family,
    });
    // Every field the init has, in its order: errorFromResponse gives each one, undefined ones
    // included, in the order they are listed above (ApiErrorInit requires every one but requestId).
    Object.assign(this, fields);
  }
}
