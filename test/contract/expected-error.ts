// What an error answer should become, derived from the body Prism sent rather
// than from the SDK's own tables: the class for the body's `code` when the SDK
// exports one of that name, else the family of its `type`, else of its status.

import type { ChirpApiError } from "../../src/index.js";
import * as sdk from "../../src/index.js";

type ErrorClass = abstract new (...args: never[]) => ChirpApiError;

const FAMILY_BY_TYPE: Record<string, ErrorClass> = {
  invalid_request_error: sdk.InvalidRequestError,
  authentication_error: sdk.AuthenticationError,
  provider_error: sdk.ProviderError,
  api_error: sdk.ApiServerError,
};

function familyOfStatus(status: number): ErrorClass {
  if (status === 429) return sdk.RateLimitError;
  if (status === 401 || status === 403) return sdk.AuthenticationError;
  if (status === 402 || status === 424) return sdk.ProviderError;
  if (status >= 500) return sdk.ApiServerError;
  return sdk.InvalidRequestError;
}

// The README's naming rule: each `_`-separated word capitalised, then "Error".
const className = (code: string) =>
  `${code
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("")}Error`;

/** The class, type and code the SDK must report for a `status` answer with body `text`. */
export function expectedErrorClass(status: number, text: string) {
  const error = (JSON.parse(text) as { error?: { type?: string; code?: string } }).error ?? {};
  const byCode = error.code
    ? (sdk as unknown as Record<string, ErrorClass | undefined>)[className(error.code)]
    : undefined;
  const Class = byCode ?? (error.type ? FAMILY_BY_TYPE[error.type] : undefined) ?? familyOfStatus(status);
  return { Class, type: error.type, code: error.code };
}
