/// <reference types="node" />
// A fetch-compatible function over node:http / node:https with a keep-alive Agent,
// for `new Chirp({ fetch: createNodeFetch() })`. It goes through the same
// transport.ts as the global fetch, so errors, retries, timeouts and types are the
// same; only the socket layer differs. It exists because undici's fetch costs more
// per request than node:http under concurrency (see BENCHMARKS.md).
//
// Like fetch, it asks for gzip, deflate and br and decodes them (decode-body.ts), and a
// status outside 200–599 is still a Response (BufferedResponse reports it), not an error.
//
// Deliberate differences from fetch, none of which the Chirp API relies on:
// the response body is buffered before the promise resolves (API answers are small
// JSON) and read without web streams (buffered-response.ts), redirects are not
// followed, and request bodies are strings or bytes only.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { FetchLike } from "../call/4-transport.js";
import { timerDelay } from "../timer-delay.js";
import { BufferedResponse } from "./buffered-response.js";
import { ACCEPT_ENCODING, decodeBody } from "./decode-body.js";

/** Options of `createNodeFetch`. */
export interface NodeFetchOptions {
  /** Most sockets open per origin. @default Infinity */
  readonly maxSockets?: number | undefined;
  /**
   * Idle sockets are closed after this many ms, so that a request is not written to a
   * socket the server is closing (servers commonly close idle keep-alive sockets after 5 s).
   * @default 4000
   */
  readonly idleTimeout?: number | undefined;
  /** Your own agents (proxies, TLS options); they replace the built-in keep-alive agents. */
  readonly httpAgent?: HttpAgent | undefined;
  /** See `httpAgent`. */
  readonly httpsAgent?: HttpsAgent | undefined;
}

// Statuses whose Response must have a null body (the constructor throws otherwise).
const NULL_BODY = /* @__PURE__ */ new Set([101, 204, 205, 304]);

function headerObject(init: HeadersInit | undefined): Record<string, string> {
  if (!init) return {};
  if (init instanceof Headers || Array.isArray(init)) return Object.fromEntries(init as Iterable<[string, string]>);
  return { ...(init as Record<string, string>) };
}

function bodyBytes(body: RequestInit["body"]): string | Uint8Array | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError("createNodeFetch: request bodies must be a string, bytes or URLSearchParams.");
}

function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

function buffered(res: IncomingMessage, headers: Headers, bytes: Buffer): Response {
  const status = res.statusCode ?? 0;
  // Node's Buffers sit on plain ArrayBuffers; the cast only narrows ArrayBufferLike for the DOM types.
  return new BufferedResponse(NULL_BODY.has(status) ? null : (bytes as Uint8Array<ArrayBuffer>), {
    status,
    statusText: res.statusMessage ?? "",
    headers,
  });
}

/**
 * The answer as a Response, its body decoded. An uncompressed answer (the usual one)
 * is built at once; only a compressed one waits for zlib — an extra promise per
 * request costs the concurrent POST benchmark ~10 %.
 */
function respond(res: IncomingMessage, chunks: Buffer[], resolve: (r: Response) => void, reject: (e: unknown) => void) {
  const headers = headersOf(res);
  const received = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const coding = res.headers["content-encoding"];
  if (coding === undefined) return resolve(buffered(res, headers, received));
  decodeBody(coding, received).then((bytes) => resolve(buffered(res, headers, bytes)), reject);
}

/**
 * Builds a fetch-compatible function over node:http / node:https with keep-alive
 * agents. Pass it as the client's `fetch` option. Failures reject with Node's own
 * error (its `code`, such as `ECONNREFUSED`, tells the client whether the request
 * was sent); an aborted signal rejects with the signal's reason.
 *
 * @example
 * import { Chirp } from "chirp-sdk";
 * import { createNodeFetch } from "chirp-sdk/node";
 * const chirp = new Chirp({ appKey: process.env.CHIRP_APP_KEY, fetch: createNodeFetch() });
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? Number.POSITIVE_INFINITY,
    timeout: timerDelay(options.idleTimeout ?? 4000),
    scheduling: "lifo" as const,
  };
  const httpAgent = options.httpAgent ?? new HttpAgent(agentOptions);
  const httpsAgent = options.httpsAgent ?? new HttpsAgent(agentOptions);

  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const target = new URL(url);
      const https = target.protocol === "https:";
      if (!https && target.protocol !== "http:") return reject(new TypeError(`createNodeFetch: ${target.protocol}`));
      const body = bodyBytes(init.body);
      const headers = headerObject(init.headers);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === "accept-encoding")) {
        headers["accept-encoding"] = ACCEPT_ENCODING;
      }
      if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
      const req = (https ? httpsRequest : httpRequest)({
        protocol: target.protocol,
        hostname: target.hostname.startsWith("[") ? target.hostname.slice(1, -1) : target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: init.method ?? "GET",
        headers,
        agent: https ? httpsAgent : httpAgent,
      });
      // Once the status line is in, the request was answered: a failure after it (abort,
      // reset, a stalled body timed out) resolves as fetch does — to the answer, whose body
      // then fails to read — so the client still sees the status.
      let answered: IncomingMessage | undefined;
      const settleFailure = (error: unknown) => {
        signal?.removeEventListener("abort", onAbort);
        if (answered) {
          const { statusCode = 0, statusMessage = "" } = answered;
          resolve(
            new BufferedResponse(
              null,
              { status: statusCode, statusText: statusMessage, headers: headersOf(answered) },
              error,
            ),
          );
        } else reject(error);
      };
      // Settles at once, whatever state the socket is in (no headers yet, or a stalled body).
      const onAbort = () => {
        req.destroy();
        settleFailure(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const fail = (error: Error) => settleFailure(signal?.aborted ? signal.reason : error);
      req.on("error", fail);
      req.once("response", (res) => {
        answered = res;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", fail);
        res.once("end", () => {
          signal?.removeEventListener("abort", onAbort);
          respond(res, chunks, resolve, reject);
        });
      });
      req.end(body);
    });
}
export {
  ATTEMPT_CHANNEL,
  type AttemptChannelContext,
  CALL_CHANNEL,
  type CallChannelContext,
  diagnosticsChannels,
} from "./tracing-channels.js";
