import { ChirpError } from "./chirp-error.js";

/**
 * The SDK refused to send a request it can tell is wrong (a phone number that is
 * not E.164, a missing path parameter, a body that cannot be serialised). Nothing
 * was sent. It is `instanceof InvalidRequestError`, like the server's own answer
 * would be, and names the field in `param` the way the API does (`to[0]`).
 */
export class ChirpValidationError extends ChirpError {
  override readonly name: string = "ChirpValidationError";
  /** Always `invalid_request_error`, as the API would say. */
  readonly type = "invalid_request_error";
  /** The API's code for the same mistake, when it has one (`invalid_phone_number`). */
  readonly code: string | undefined;
  /** The request field at fault, e.g. `to[0]` or `path.phoneNumberId`. */
  readonly param: string;

  constructor(message: string, param: string, code?: string, cause?: unknown) {
    super(message, { family: "invalid_request", cause });
    this.param = param;
    this.code = code;
  }
}
