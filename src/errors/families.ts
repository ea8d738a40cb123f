// The error families. A family is a property of the error (`family`), not of its
// place in the class tree, because one code may arrive under different types (the
// docs' own tables disagree, API-BEHAVIOUR §1.2) and because a 429 must be both a
// `RateLimitError` and a member of its type's family. `Symbol.hasInstance` makes
// `instanceof` read that property, so code classes like `TemplateNotFoundError`
// (which extend `ChirpApiError`) are still `instanceof InvalidRequestError`.

import { ChirpApiError } from "./api-error.js";
import { ChirpError, type ErrorFamily } from "./chirp-error.js";
import type { ChirpValidationError } from "./validation-error.js";

function isFamily(value: unknown, family: ErrorFamily): boolean {
  return value instanceof ChirpError && value.family === family;
}

/**
 * The request was wrong: bad or missing fields, unknown resources, conflicts (`invalid_request_error`; 400/404/409/422).
 * `instanceof` also holds for a `ChirpValidationError` (the SDK's own check, nothing sent), and
 * narrows to both: `status`, `method` and `path` may be undefined; `headers` and `rawBody` are always there.
 */
export class InvalidRequestError extends ChirpApiError {
  override readonly name: string = "InvalidRequestError";
  static override [Symbol.hasInstance](value: unknown): value is InvalidRequestError | ChirpValidationError {
    return isFamily(value, "invalid_request");
  }
}

/** The key was missing, invalid, of the wrong kind, or lacks permission (`authentication_error`; 401/403). */
export class AuthenticationError extends ChirpApiError {
  override readonly name: string = "AuthenticationError";
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isFamily(value, "authentication");
  }
}

/** A provider (Meta, Telnyx, LiveKit) refused a valid request (`provider_error`; 402/424). */
export class ProviderError extends ChirpApiError {
  override readonly name: string = "ProviderError";
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isFamily(value, "provider");
  }
}

/** Chirp itself failed; usually transient (`api_error`; 5xx and any status not listed elsewhere). */
export class ApiServerError extends ChirpApiError {
  override readonly name: string = "ApiServerError";
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isFamily(value, "api");
  }
}

/**
 * Any 429, whatever its code (`rate_limit_exceeded`, `whatsapp_rate_limited`, or
 * none). `retryAfterMs` says when to try again. Also a member of its type's family.
 */
export class RateLimitError extends ChirpApiError {
  override readonly name: string = "RateLimitError";
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof ChirpApiError && value.status === 429;
  }
}

/**
 * The family of an answer: the one its documented `error.type` names, else the one its status
 * implies. Each type is its family's name and `_error` (`invalid_request_error` →
 * `invalid_request`), so `classOfFamily` is the one table of them.
 */
export function familyOf(type: string | undefined, status: number): ErrorFamily {
  const family = type?.endsWith("_error") && type.slice(0, -6);
  // Own keys only: the server's type may be "constructor_error", "__proto___error", …
  if (family && Object.hasOwn(classOfFamily, family)) return family as ErrorFamily;
  if (status === 400 || status === 404 || status === 409 || status === 422 || status === 429) return "invalid_request";
  if (status === 401 || status === 403) return "authentication";
  if (status === 402 || status === 424) return "provider";
  return "api";
}

/** The class to instantiate for a family with no more specific class. */
export const classOfFamily = {
  invalid_request: InvalidRequestError,
  authentication: AuthenticationError,
  provider: ProviderError,
  api: ApiServerError,
} as const satisfies Record<ErrorFamily, typeof ChirpApiError>;
