import { ChirpError } from "./chirp-error.js";

/**
 * The SDK refused to send a request it can tell is wrong (a phone number that is
 * not E.164, a missing path parameter, a body that cannot be serialised). Nothing
 * was sent. It is `instanceof InvalidRequestError`, like the server's own answer
 * would be, and names the field in `param` the way the API does (`to[0]`).
 *
 * It has every field a `ChirpApiError` has, each with what is true when no answer
 * came: `status`, `method`, `path`, `serverMessage` … are undefined, `headers` is
 * empty and `rawBody` is `""`. So a handler written after `instanceof
 * InvalidRequestError` (whose type is `InvalidRequestError | ChirpValidationError`)
 * cannot crash on `error.headers.get(…)`; `error.status === undefined` tells the two apart.
 */
export class ChirpValidationError extends ChirpError {
  override readonly name: string = "ChirpValidationError";
  /** Always `invalid_request_error`, as the API would say. */
  declare readonly type: "invalid_request_error";
  /** The API's code for the same mistake, when it has one (`invalid_phone_number`). */
  declare readonly code: string | undefined;
  /** The request field at fault, e.g. `to[0]` or `path.phoneNumberId`. */
  declare readonly param: string;
  /** No response headers: nothing was sent. Empty, so that `headers.get(…)` is null as for any absent header. */
  declare readonly headers: Headers;
  /** No response body: nothing was sent. */
  declare readonly rawBody: string;
  // The rest of ChirpApiError's fields, declared only (nothing to store): undefined, as nothing was sent.
  /** Always undefined: nothing was sent, so there is no status (a server's refusal has one). */
  declare readonly status: undefined;
  /** Always undefined: nothing was sent. */
  declare readonly method: undefined;
  /** Always undefined: nothing was sent. */
  declare readonly path: undefined;
  /** Always undefined: the message is the SDK's own (`message`). */
  declare readonly serverMessage: undefined;
  /** Always undefined. */
  declare readonly docUrl: undefined;
  /** Always undefined. */
  declare readonly provider: undefined;
  /** Always undefined. */
  declare readonly additionalInfo: undefined;
  /** Always undefined: no answer, no rate-limit headers. */
  declare readonly rateLimit: undefined;
  /** Always undefined. */
  declare readonly retryAfterMs: undefined;
  /** Always undefined: no answer. */
  declare readonly body: undefined;
  /** Always undefined: no answer, so no request id. */
  declare readonly requestId: undefined;

  constructor(message: string, param: string, code?: string, cause?: unknown) {
    super(message, { family: "invalid_request", cause });
    // One call sets the stored fields (declared above, so no class field is emitted for each).
    Object.assign(this, { type: "invalid_request_error", code, param, headers: new Headers(), rawBody: "" });
  }
}
