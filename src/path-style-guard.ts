// Path-style calls (`createPathClient(chirp).GET` …) must fail with ChirpErrors only, like the methods.
// openapi-fetch parses the body after the transport hands it over, so an HTML page
// served with a 200 would escape as its raw SyntaxError. Each call gets its own fetch
// that records the answer, and anything else thrown becomes a ChirpError naming it.
import type { Client } from "openapi-fetch";
import { ChirpError } from "./errors/chirp-error.js";
import { ChirpResponseError } from "./errors/network-errors.js";
import { redactError } from "./errors/redact.js";
import type { paths } from "./generated/openapi.js";

/** A successful answer as the transport read it (within the attempt's timeout). */
export interface PathStyleAnswer {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly bytes: Uint8Array;
  /** The answer's request id header, if any. */
  readonly requestId?: string | undefined;
}

/** The transport-backed fetch of the path-style client, telling `onAnswer` what came back. */
export type PathStyleFetch = (request: Request, onAnswer: (answer: PathStyleAnswer) => void) => Promise<Response>;

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type AnyCall = (url: string, init?: Record<string, unknown>) => Promise<unknown>;

function toChirpError(method: string, url: string, error: unknown, answer: PathStyleAnswer | undefined): ChirpError {
  if (error instanceof ChirpError) return error;
  if (answer) {
    const text = new TextDecoder().decode(answer.bytes);
    return new ChirpResponseError(answer.method, answer.path, answer.status, text, error, undefined, answer.requestId);
  }
  // A serializer or middleware failed before anything was sent.
  const reason = error instanceof Error ? error.message : String(error);
  return new ChirpError(`${method} ${url} could not be sent: ${reason}`, { cause: redactError(error) });
}

function guard(call: AnyCall, method: string, fetch: PathStyleFetch): AnyCall {
  return async (url, init) => {
    let answer: PathStyleAnswer | undefined;
    const own = (request: Request) =>
      fetch(request, (a) => {
        answer = a;
      });
    try {
      return await call(url, { ...init, fetch: own });
    } catch (error) {
      throw toChirpError(method, url, error, answer);
    }
  };
}

/** `api` with every request method guarded: each call uses `fetch` and rejects only with `ChirpError`s. */
export function guardPathStyle(api: Client<paths>, fetch: PathStyleFetch): Client<paths> {
  const guarded: Record<string, unknown> = { ...api };
  for (const method of METHODS) guarded[method] = guard(api[method] as unknown as AnyCall, method, fetch);
  const request = api.request as unknown as (
    method: string,
    url: string,
    init?: Record<string, unknown>,
  ) => Promise<unknown>;
  guarded.request = (method: string, url: string, init?: Record<string, unknown>) =>
    guard((u, i) => request(method, u, i), method.toUpperCase(), fetch)(url, init);
  return guarded as unknown as Client<paths>;
}
