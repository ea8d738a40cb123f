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
// JSON; at most `maxResponseBytes` is kept) and read without web streams
// (buffered-response.ts), redirects are not followed, and request bodies are strings
// or bytes only.
//
// Proxies (proxy-config.ts: which one; proxy-tunnel.ts: CONNECT for https; absolute form
// for http, below) and certificates (tls-trust.ts) are options; how their failures
// become typed errors, and which of them are retried, is in proxy-failure.ts.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import type { SecureContext } from "node:tls";
import type { FetchLike } from "../call/4-transport.js";
import { ChirpConfigError } from "../errors/chirp-error.js";
import { ChirpResponseError } from "../errors/network-errors.js";
import { timerDelay } from "../timer-delay.js";
import { BufferedResponse } from "./buffered-response.js";
import { ACCEPT_ENCODING, decodeBody, TOO_LARGE_CODE } from "./decode-body.js";
import { type ProxyEndpoint, type ProxyOption, proxyRoute } from "./proxy-config.js";
import { forwardFailed, forwardNeedsAuth, rejection } from "./proxy-failure.js";
import { TUNNEL_SIGNAL, TunnelAgent } from "./proxy-tunnel.js";
import { type CaOption, trustingContext } from "./tls-trust.js";

export type { ProxyOption } from "./proxy-config.js";
export type { CaOption } from "./tls-trust.js";

/**
 * Default of `maxResponseBytes`: 8 MiB. Chirp's answers are JSON of a few KB (a full
 * page of a list is well under 1 MB); the bound is there so that a broken or hostile
 * server (or proxy) cannot make a call buffer gigabytes.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

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
  /**
   * The HTTP(S) proxy to go through:
   * - `"env"`: `HTTPS_PROXY` for https calls, `HTTP_PROXY` for http calls (lower-case forms
   *   first), except for the hosts in `NO_PROXY` (comma-separated: `*`, names matching
   *   themselves and their subdomains, `.example.com`, `host:port`, IPs, CIDR blocks);
   * - a URL such as `"http://user:password@proxy.corp:3128"`: every call goes through it;
   * - `false`: never a proxy.
   *
   * https calls are tunnelled with CONNECT (TLS runs end to end to the API); http calls are
   * sent to the proxy in absolute form. Credentials in the URL are sent as
   * `Proxy-Authorization: Basic` and never appear in an error or log.
   *
   * @default "env" when Node itself was told to use the environment's proxies
   * (`NODE_USE_ENV_PROXY=1` or `--use-env-proxy`), else `false` — as Node's own fetch and
   * node:http do, so that a stray `HTTPS_PROXY` never reroutes the API key unasked.
   */
  readonly proxy?: ProxyOption | undefined;
  /**
   * PEM certificate(s) to trust IN ADDITION to Node's defaults (its bundled roots and
   * `NODE_EXTRA_CA_CERTS`): the CA of a TLS-inspecting proxy, for example. Applies to the
   * API's certificate and to an https:// proxy's.
   */
  readonly ca?: CaOption | undefined;
  /**
   * Most bytes of one answer kept in memory, after decompression. A longer answer
   * rejects with a `ChirpResponseError` and its connection is closed at once.
   * @default DEFAULT_MAX_RESPONSE_BYTES (8 MiB)
   */
  readonly maxResponseBytes?: number | undefined;
  /** Your own agent for http calls; it replaces the built-in one (`proxy` and `ca` then do not apply to it). */
  readonly httpAgent?: HttpAgent | undefined;
  /** Your own agent for https calls; it replaces the built-in one (`proxy` and `ca` then do not apply to it). */
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

/** The answer passed `maxResponseBytes`: what the call rejects with. */
function tooLarge(method: string, url: URL, status: number, limit: number, what: string): ChirpResponseError {
  return new ChirpResponseError(
    method,
    url.pathname,
    status,
    "",
    undefined,
    `the answer ${what} more than maxResponseBytes (${limit} bytes); the connection was closed`,
  );
}

/**
 * The answer as a Response, its body decoded. An uncompressed answer (the usual one)
 * is built at once; only a compressed one waits for zlib — an extra promise per
 * request costs the concurrent POST benchmark ~10 %.
 */
function respond(
  res: IncomingMessage,
  chunks: Buffer[],
  limit: number,
  tooLargeError: () => Error,
  resolve: (r: Response) => void,
  reject: (e: unknown) => void,
) {
  const headers = headersOf(res);
  const received = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const coding = res.headers["content-encoding"];
  if (coding === undefined) return resolve(buffered(res, headers, received));
  decodeBody(coding, received, limit).then(
    (bytes) => resolve(buffered(res, headers, bytes)),
    (error: unknown) => reject((error as { code?: unknown }).code === TOO_LARGE_CODE ? tooLargeError() : error),
  );
}

/** How one request leaves: which function, which agent, to which host, with which path. */
interface Route {
  readonly send: typeof httpRequest;
  readonly options: RequestOptions & { [TUNNEL_SIGNAL]?: AbortSignal | undefined };
  /** Set when the request is sent to a proxy in absolute form (http targets). */
  readonly forwardedBy: ProxyEndpoint | undefined;
}

/**
 * Builds a fetch-compatible function over node:http / node:https with keep-alive
 * agents. Pass it as the client's `fetch` option. Failures reject with Node's own
 * error (its `code`, such as `ECONNREFUSED`, tells the client whether the request
 * was sent); an aborted signal rejects with the signal's reason. Failures no retry can
 * mend reject with a `ChirpConnectionError` (an untrusted certificate, a proxy refusing
 * the credentials) or a `ChirpResponseError` (an answer over `maxResponseBytes`).
 *
 * Throws `ChirpConfigError` for a proxy URL that cannot work (never quoting it), or when
 * `proxy` or `ca` is given together with your own agents.
 *
 * @example
 * import { Chirp } from "chirp-sdk";
 * import { createNodeFetch } from "chirp-sdk/node";
 * const chirp = new Chirp({ appKey: process.env.CHIRP_APP_KEY, fetch: createNodeFetch() });
 * // Behind a corporate proxy (HTTPS_PROXY, NO_PROXY), with its TLS-inspection CA:
 * const proxied = createNodeFetch({ proxy: "env", ca: readFileSync("corp-ca.pem", "utf8") });
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike {
  if ((options.proxy !== undefined || options.ca !== undefined) && (options.httpAgent || options.httpsAgent)) {
    throw new ChirpConfigError(
      "createNodeFetch: give either `proxy`/`ca` or your own `httpAgent`/`httpsAgent`: an agent of yours decides proxies and TLS itself.",
    );
  }
  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!(Number.isSafeInteger(limit) && limit > 0)) {
    throw new ChirpConfigError(`createNodeFetch: maxResponseBytes must be a positive whole number of bytes.`);
  }
  const secureContext: SecureContext | undefined = options.ca === undefined ? undefined : trustingContext(options.ca);
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? Number.POSITIVE_INFINITY,
    timeout: timerDelay(options.idleTimeout ?? 4000),
    scheduling: "lifo" as const,
  };
  const tlsOptions = { ...agentOptions, ...(secureContext ? { secureContext } : {}) };
  const httpAgent = options.httpAgent ?? new HttpAgent(agentOptions);
  const httpsAgent = options.httpsAgent ?? new HttpsAgent(tlsOptions);
  // Your own agents decide about proxies themselves; the environment is not read for them.
  const route = options.httpAgent || options.httpsAgent ? undefined : proxyRoute(options.proxy);
  // One agent per proxy (a route names at most two: HTTPS_PROXY's and HTTP_PROXY's).
  const tunnels = new Map<ProxyEndpoint, TunnelAgent>();
  const forwarders = new Map<ProxyEndpoint, HttpAgent>();

  const routeOf = (target: URL, method: string, headers: Record<string, string>): Route => {
    const https = target.protocol === "https:";
    const proxy = route?.(target);
    // Direct, or https through a tunnel: the request names the API's host; only the agent differs.
    // One options object, built once: this is every call's path.
    if (!proxy || https) {
      let agent: HttpAgent = https ? httpsAgent : httpAgent;
      if (proxy) {
        let tunnel = tunnels.get(proxy);
        if (!tunnel) {
          tunnel = new TunnelAgent(proxy, tlsOptions, secureContext);
          tunnels.set(proxy, tunnel);
        }
        agent = tunnel;
      }
      return {
        send: https ? httpsRequest : httpRequest,
        options: {
          protocol: target.protocol,
          hostname: target.hostname.startsWith("[") ? target.hostname.slice(1, -1) : target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method,
          headers,
          agent,
        },
        forwardedBy: undefined,
      };
    }
    // http through a proxy: the request itself goes to the proxy, its target in absolute form.
    let agent = forwarders.get(proxy);
    if (!agent) {
      agent = proxy.protocol === "https:" ? new HttpsAgent(tlsOptions) : new HttpAgent(agentOptions);
      forwarders.set(proxy, agent);
    }
    const forwardHeaders: Record<string, string> = { ...headers, host: target.host };
    if (proxy.authorization) forwardHeaders["proxy-authorization"] = proxy.authorization;
    return {
      send: proxy.protocol === "https:" ? httpsRequest : httpRequest,
      options: {
        protocol: proxy.protocol,
        hostname: proxy.hostname,
        port: proxy.port,
        path: target.origin + target.pathname + target.search,
        method,
        headers: forwardHeaders,
        agent,
        ...(proxy.protocol === "https:" && isIP(proxy.hostname) === 0 ? { servername: proxy.hostname } : {}),
      },
      forwardedBy: proxy,
    };
  };

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
      const method = init.method ?? "GET";
      const { send, options: requestOptions, forwardedBy } = routeOf(target, method, headers);
      if (signal && requestOptions.agent instanceof TunnelAgent) requestOptions[TUNNEL_SIGNAL] = signal;
      const req = send(requestOptions);
      // Once the status line is in, the request was answered: a failure after it (abort,
      // reset, a stalled body timed out) resolves as fetch does — to the answer, whose body
      // then fails to read — so the client still sees the status.
      let answered: IncomingMessage | undefined;
      let settled = false;
      const settleFailure = (error: unknown) => {
        if (settled) return;
        settled = true;
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
        } else reject(rejection(error, method, target));
      };
      // Fails the call at once and closes its connection (an answer over the bound, a proxy's 407).
      const abandon = (error: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        req.destroy();
        reject(rejection(error, method, target));
      };
      // Settles at once, whatever state the socket is in (no headers yet, or a stalled body).
      const onAbort = () => {
        req.destroy();
        settleFailure(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const fail = (error: Error) =>
        settleFailure(signal?.aborted ? signal.reason : forwardedBy ? forwardFailed(forwardedBy, error) : error);
      req.on("error", fail);
      req.once("response", (res) => {
        const status = res.statusCode ?? 0;
        // 407 is the proxy's own status: it did not forward the request.
        if (forwardedBy && status === 407) return abandon(forwardNeedsAuth(forwardedBy, res.statusMessage));
        const overLimit = (what: string) => tooLarge(method, target, status, limit, what);
        const declared = Number(res.headers["content-length"]);
        if (declared > limit) return abandon(overLimit(`declares ${declared} bytes,`));
        answered = res;
        const chunks: Buffer[] = [];
        let received = 0;
        res.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > limit) abandon(overLimit("has"));
          else chunks.push(chunk);
        });
        res.on("error", fail);
        res.once("end", () => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener("abort", onAbort);
          respond(res, chunks, limit, () => overLimit("decompresses to"), resolve, reject);
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
