// Step 5 of the call path (see src/call/README.md). Turning a successful answer into what a call resolves to.
import { ChirpResponseError } from "../errors/network-errors.js";
import { readRateLimit } from "../rate-limit-info.js";
import { readRequestId } from "../request-id.js";
import type { WithResponse } from "../types.js";
import { operationInfo } from "./1-operation.js";
import type { OutgoingRequest } from "./4-transport.js";

/**
 * The success body: a `string` or `Blob` for an operation whose success response the
 * spec documents as text or binary, else the parsed JSON body. An empty body is `undefined` only for an operation whose
 * success response the spec documents without one (`noContent`); for any other it is
 * a `ChirpResponseError` — a 200 with nothing in it is a broken proxy or server, and
 * resolving to `undefined` would only move the failure to the caller's first property read.
 */
export function readJson(response: Response, req: OutgoingRequest): Promise<unknown> {
  // A body the spec documents as text or binary is read as that (`responseType`), not parsed.
  // The two are the names of the Response methods that read them.
  const as = operationInfo(req.operationId)?.responseType;
  if (as) return response[as]();
  return response.text().then((text) => {
    // One throw for both failures (an empty body where one is due, JSON that does not parse): a smaller bundle.
    let cause: unknown;
    if (text) {
      try {
        return JSON.parse(text);
      } catch (error) {
        cause = error;
      }
    } else if (operationInfo(req.operationId)?.noContent) return undefined;
    throw new ChirpResponseError(
      req.method,
      req.path,
      response.status,
      text,
      cause,
      text ? undefined : "the response body is empty",
      readRequestId(response.headers),
    );
  });
}

/**
 * What an empty success body means for `req`: undefined for an operation the spec
 * documents without one, else a `ChirpResponseError` saying the body was empty.
 */
export function emptyBody(response: Response, req: OutgoingRequest): undefined {
  if (operationInfo(req.operationId)?.noContent) return undefined;
  throw new ChirpResponseError(
    req.method,
    req.path,
    response.status,
    "",
    undefined,
    "the response body is empty",
    readRequestId(response.headers),
  );
}

/** The parsed body with the response, its rate-limit headers and its request id (`withResponse`). */
export function readWithResponse(response: Response, req: OutgoingRequest): Promise<WithResponse<unknown>> {
  return readJson(response, req).then((data) => ({
    data,
    response,
    rateLimit: readRateLimit(response.headers),
    requestId: readRequestId(response.headers),
  }));
}
