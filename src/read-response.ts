// Turning a successful answer into what a call resolves to.
import { ChirpResponseError } from "./errors/network-errors.js";
import { readRateLimit } from "./rate-limit-info.js";
import type { OutgoingRequest } from "./transport.js";
import type { WithResponse } from "./types.js";

/** The parsed JSON body; undefined for an empty one (204, or a 200 with no body). */
export function readJson(response: Response, req: OutgoingRequest): Promise<unknown> {
  return response.text().then((text) => {
    if (text === "") return undefined;
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new ChirpResponseError(req.method, req.path, response.status, text, cause);
    }
  });
}

/** The parsed body with the response and its rate-limit headers (`withResponse`). */
export function readWithResponse(response: Response, req: OutgoingRequest): Promise<WithResponse<unknown>> {
  return readJson(response, req).then((data) => ({ data, response, rateLimit: readRateLimit(response.headers) }));
}
