// The way from src/call/2-request.ts to the encoders of what is not JSON (the spec's
// header and cookie parameters, form and binary bodies: src/body-encoders.ts). Through
// the generated src/generated/encoders.ts, which imports each encoder only when an
// operation of the spec needs it — so an app bundles them only for a spec that has such
// operations (today's has none: ~2.7 kB minified that no call of it could reach).
import type { EncodedBody } from "./body-encoders.js";
import { ChirpConfigError } from "./errors/chirp-error.js";
import { ChirpValidationError } from "./errors/validation-error.js";
import { encoders } from "./generated/encoders.js";

export type { EncodedBody } from "./body-encoders.js";

/**
 * The headers for an operation's header and cookie parameters (see `headerParams` in
 * src/body-encoders.ts). With a spec that has none, a `header` or `cookie` a caller
 * passes anyway is a ChirpValidationError: nothing would be sent for it otherwise.
 */
export function headerParams(
  operationId: string,
  header: Readonly<Record<string, unknown>> | undefined,
  cookie: Readonly<Record<string, unknown>> | undefined,
): Record<string, string> {
  if (encoders.params) return encoders.params(operationId, header, cookie);
  const where = header ? "header" : "cookie";
  throw new ChirpValidationError(
    `${operationId}: the Chirp API has no ${where} parameters; send extra headers as \`headers\`.`,
    where,
  );
}

/** `body` encoded as `mediaType`, an operation's `bodyType` (see `encodeBody` in src/body-encoders.ts). */
export function encodeBody(operationId: string, mediaType: string, body: unknown): EncodedBody {
  // Unreachable while src/generated/ is fresh: a bodyType in the table brings its encoder.
  if (!encoders.body) throw new ChirpConfigError(`${operationId}: no encoder for ${mediaType}; run npm run generate.`);
  return encoders.body(operationId, mediaType, body);
}
