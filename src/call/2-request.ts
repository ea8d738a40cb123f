// Step 2 of the call path (see src/call/README.md). From an operationId and its parameters to the request the transport sends: URL
// (openapi-fetch's own path and query serialisers, so both call styles build the
// same URLs), headers (the key, the spec's header and cookie parameters, the
// caller's extra headers), the body in the media type the spec names
// (src/body-encoding.ts), and the checks that stop a wrong request before it leaves.
import { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { type KeyRing, refuseAuthorizationHeader } from "../auth.js";
import { encodeBody, headerParams } from "../body-encoding.js";
import { ChirpConfigError } from "../errors/chirp-error.js";
import type { OperationId } from "../generated/operations.js";
import { positive, resolveRetry } from "../options.js";
import type { CallOptions } from "../types.js";
import { checkPathFilled, checkPathValues, checkPhoneFields, serializeBody } from "../validation.js";
import { operationInfo } from "./1-operation.js";
import { addMiddleware, type MiddlewareList } from "./3-middleware.js";
import type { OutgoingRequest } from "./4-transport.js";
import type { ResolvedRetryOptions } from "./7-retry.js";

/** Any operation's parameters, as the runtime sees them (the types are per operation in types.ts). */
export type AnyParams = {
  readonly path?: Record<string, unknown> | undefined;
  readonly query?: Record<string, unknown> | undefined;
  readonly header?: Record<string, unknown> | undefined;
  readonly cookie?: Record<string, unknown> | undefined;
  readonly body?: unknown;
} & CallOptions;

/** What a client fixes once and every request it builds uses. */
export interface RequestDefaults {
  readonly baseUrl: string;
  readonly keys: KeyRing;
  readonly timeout: number;
  readonly retry: ResolvedRetryOptions;
  readonly validatePhoneNumbers: boolean;
  /** `User-Agent` of every request; undefined where the runtime forbids setting it (browsers). */
  readonly userAgent: string | undefined;
  /** The client's middleware, its logger first (3-middleware.ts); empty when there is none. */
  readonly middleware: MiddlewareList;
}

// Made on first use, not at import: a call at module top level is a side effect
// that would keep openapi-fetch in bundles that never build a request (webhook-only apps).
let serializeQuery: ((query: Record<string, unknown>) => string) | undefined;

/** Builds the request for one call; throws a `ChirpError` for anything that must not be sent. */
export function buildRequest(
  defaults: RequestDefaults,
  operationId: OperationId,
  params: AnyParams | undefined,
): OutgoingRequest {
  const op = operationInfo(operationId);
  if (!op) throw new ChirpConfigError(`Unknown operation ${JSON.stringify(operationId)}.`);
  const key = defaults.keys.forOperation(operationId, op.security);
  // The path is filled in from its template alone: the base URL (percent-encoded by config.ts,
  // so it holds no `{`) is not scanned for parameters per call.
  let path = op.path;
  if (params?.path) {
    checkPathValues(operationId, params.path);
    path = defaultPathSerializer(path, params.path);
  }
  checkPathFilled(operationId, path);
  let url = defaults.baseUrl + path;
  if (params?.query) {
    serializeQuery ??= createQuerySerializer();
    const search = serializeQuery(params.query);
    if (search) url += search.startsWith("?") ? search : `?${search}`;
  }
  const headers: Record<string, string> = { accept: "application/json" };
  if (defaults.userAgent) headers["user-agent"] = defaults.userAgent;
  if (key) headers.authorization = `Bearer ${key}`;
  // The spec's header and cookie parameters, then the caller's extra headers below (which win).
  if (params?.header || params?.cookie) Object.assign(headers, headerParams(operationId, params.header, params.cookie));
  let body: string | FormData | Blob | undefined;
  if (params?.body !== undefined) {
    if (op.phoneFields && defaults.validatePhoneNumbers) checkPhoneFields(operationId, op.phoneFields, params.body);
    if (op.bodyType === undefined) {
      body = serializeBody(operationId, params.body);
      headers["content-type"] = "application/json";
    } else {
      const encoded = encodeBody(operationId, op.bodyType, params.body);
      body = encoded.body;
      // No content-type for FormData: fetch writes it, with the boundary it chose.
      if (encoded.contentType) headers["content-type"] = encoded.contentType;
    }
  }
  if (params?.headers) {
    // Lower-cased so that a caller's "Content-Type" replaces ours instead of doubling it.
    for (const name in params.headers) {
      refuseAuthorizationHeader(operationId, name);
      const value = params.headers[name];
      if (value !== undefined) headers[name.toLowerCase()] = value;
    }
  }
  return {
    method: op.method,
    url,
    path,
    headers,
    body,
    signal: params?.signal,
    timeout: params?.timeout === undefined ? defaults.timeout : positive("timeout", params.timeout),
    retry: params ? resolveRetry(params, defaults.retry) : defaults.retry,
    operationId,
    // A call's own middleware runs inside the client's.
    middleware: addMiddleware(defaults.middleware, params?.middleware),
  };
}
