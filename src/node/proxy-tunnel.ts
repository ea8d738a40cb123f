/// <reference types="node" />
// https through a proxy: each new socket of the agent is a CONNECT tunnel to the API's
// host:port, and TLS to the API runs inside it, end to end — the proxy sees only the host
// name. The agent keeps tunnelled sockets alive and reuses them like direct ones, so a
// tunnel is opened once per connection, not once per request.
import { request as httpRequest } from "node:http";
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions, request as httpsRequest } from "node:https";
import { isIP, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { SecureContext } from "node:tls";
import type { ProxyEndpoint } from "./proxy-config.js";
import { tunnelRefused, tunnelUnreachable } from "./proxy-failure.js";

/**
 * The request option that carries the caller's AbortSignal to the agent's createConnection
 * (node:http strips `signal` itself before the agent sees the options), so that an aborted
 * or timed-out call also stops a CONNECT the proxy never answers.
 */
export const TUNNEL_SIGNAL = "chirpTunnelSignal";

/** What the tunnel needs besides the proxy: how to trust an https:// proxy, and when to give up. */
export interface TunnelOptions {
  readonly secureContext?: SecureContext | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Asks `proxy` for a tunnel to `host:port` and resolves to the socket once the proxy
 * answered 2xx. Rejects with a `ProxyFailure` (never naming the credentials) otherwise.
 */
export function openTunnel(proxy: ProxyEndpoint, host: string, port: number, options: TunnelOptions = {}) {
  return new Promise<Duplex>((resolve, reject) => {
    const authority = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
    const headers: Record<string, string> = { host: authority };
    if (proxy.authorization) headers["proxy-authorization"] = proxy.authorization;
    const tlsToProxy = proxy.protocol === "https:";
    const req = (tlsToProxy ? httpsRequest : httpRequest)({
      host: proxy.hostname,
      port: proxy.port,
      method: "CONNECT",
      path: authority,
      headers,
      agent: false,
      signal: options.signal,
      ...(tlsToProxy
        ? {
            ...(options.secureContext ? { secureContext: options.secureContext } : {}),
            ...(isIP(proxy.hostname) ? {} : { servername: proxy.hostname }),
          }
        : {}),
    });
    // node:http hands every answer to CONNECT to "connect", whatever its status.
    req.once("connect", (res, socket: Socket, head: Buffer) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        socket.destroy();
        reject(tunnelRefused(proxy, status, res.statusMessage));
        return;
      }
      // Bytes after the proxy's answer already belong to the tunnel (the server's first TLS bytes).
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    req.once("error", (error) => reject(tunnelUnreachable(proxy, error)));
    req.end();
  });
}

/** An https Agent whose sockets are CONNECT tunnels through `proxy`. */
export class TunnelAgent extends HttpsAgent {
  readonly #proxy: ProxyEndpoint;
  readonly #proxyContext: SecureContext | undefined;

  /** `proxyContext`: the trust for an https:// proxy itself (the agent's own for the API is in `options`). */
  constructor(proxy: ProxyEndpoint, options: HttpsAgentOptions, proxyContext?: SecureContext) {
    super(options);
    this.#proxy = proxy;
    this.#proxyContext = proxyContext;
  }

  // node:http's Agent waits for the callback when createConnection returns nothing.
  override createConnection(
    options: Record<string, unknown>,
    callback?: (error: Error | null, socket: Duplex) => void,
  ): Duplex {
    const done = callback as (error: Error | null, socket?: Duplex) => void;
    const host = String(options.host ?? "localhost");
    const port = Number(options.port) || 443;
    openTunnel(this.#proxy, host, port, {
      secureContext: this.#proxyContext,
      signal: options[TUNNEL_SIGNAL] as AbortSignal | undefined,
    }).then(
      (socket) => {
        try {
          // https.Agent's own createConnection: TLS over the tunnel, with its session cache and servername.
          done(null, super.createConnection({ ...options, socket } as never) as Duplex);
        } catch (error) {
          socket.destroy();
          done(error as Error);
        }
      },
      (error: Error) => done(error),
    );
    return undefined as unknown as Duplex;
  }
}
