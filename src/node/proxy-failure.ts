/// <reference types="node" />
// How a failure at the proxy or in TLS becomes what createNodeFetch rejects with.
//
// Two kinds, told apart by what a retry could do:
// - Retryable: the proxy could not be reached, or it could not open the tunnel (5xx to
//   CONNECT). A plain Error whose `code` the transport reads: `ERR_PROXY_TUNNEL` (Node's own
//   code for a failed tunnel) or the socket's (`ECONNREFUSED`…) — both "not-sent", since
//   nothing reached the API — so it is retried like a refused connection, POST included.
// - Final: the proxy wants other credentials (407) or refuses the host (other 4xx), or a
//   certificate is not trusted. Another attempt fails the same way, so createNodeFetch
//   rejects with a ChirpConnectionError itself: the transport passes a ChirpError on
//   unchanged and never retries it.
//
// Every message names the proxy as host:port (ProxyEndpoint.label), never its credentials.
import { certificateCode } from "../certificate-failure.js";
import { ChirpConnectionError } from "../errors/network-errors.js";
import type { ProxyEndpoint } from "./proxy-config.js";

/** Node's code for a proxy tunnel that could not be set up; the transport reads it as "not sent". */
export const PROXY_TUNNEL_CODE = "ERR_PROXY_TUNNEL";

/** A failure at the proxy. `final`: another attempt cannot succeed. */
export class ProxyFailure extends Error {
  override readonly name = "ProxyFailure";
  /** `ERR_PROXY_TUNNEL`, `ERR_PROXY_AUTH` (407 in absolute form) or a certificate error's code. */
  readonly code: string;
  /** The proxy as host:port. */
  readonly proxy: string;
  /** The proxy's answer, when it gave one. */
  readonly status: number | undefined;
  /** Another attempt cannot succeed: createNodeFetch raises it as a ChirpConnectionError, which is never retried. */
  readonly final: boolean;

  constructor(
    message: string,
    details: { code: string; proxy: string; status?: number | undefined; final: boolean; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.proxy = details.proxy;
    this.status = details.status;
    this.final = details.final;
  }
}

const TRUST_HINT =
  "If a TLS-inspecting proxy signs it, trust that proxy's CA: createNodeFetch({ ca }) or NODE_EXTRA_CA_CERTS at startup.";

/** A certificate `host` presented that is not trusted: final, since a retry meets the same certificate. */
export function untrustedCertificate(host: string, error: Error, code: string): Error {
  return Object.assign(
    new Error(`the TLS certificate of ${host} is not trusted (${error.message}). ${TRUST_HINT}`, { cause: error }),
    { code },
  );
}

/** The proxy could not be reached or dropped the CONNECT: retryable, nothing was sent to the API. */
export function tunnelUnreachable(proxy: ProxyEndpoint, error: Error): ProxyFailure {
  return (
    untrustedProxy(proxy, error) ??
    new ProxyFailure(`proxy ${proxy.label} ${unreachableText(error)}`, {
      code: PROXY_TUNNEL_CODE,
      proxy: proxy.label,
      final: false,
      cause: error,
    })
  );
}

// An https:// proxy whose own certificate is not trusted: final, and it is the proxy's, not the API's.
function untrustedProxy(proxy: ProxyEndpoint, error: Error): ProxyFailure | undefined {
  const code = certificateCode(error);
  if (!code) return undefined;
  return new ProxyFailure(untrustedCertificate(`proxy ${proxy.label}`, error, code).message, {
    code,
    proxy: proxy.label,
    final: true,
    cause: error,
  });
}

/** The proxy answered CONNECT with `status`. 407 and other refusals are final; 5xx, 408 and 429 are retried. */
export function tunnelRefused(proxy: ProxyEndpoint, status: number, statusText: string | undefined): ProxyFailure {
  const retryable = status >= 500 || status === 408 || status === 429;
  return new ProxyFailure(`proxy ${proxy.label} ${refusalText(proxy, status, statusText, "open a tunnel")}`, {
    code: PROXY_TUNNEL_CODE,
    proxy: proxy.label,
    status,
    final: !retryable,
  });
}

/** A 407 to a request sent in absolute form: the proxy did not forward it. Final. */
export function forwardNeedsAuth(proxy: ProxyEndpoint, statusText: string | undefined): ProxyFailure {
  return new ProxyFailure(`proxy ${proxy.label} ${refusalText(proxy, 407, statusText, "forward the request")}`, {
    code: "ERR_PROXY_AUTH",
    proxy: proxy.label,
    status: 407,
    final: true,
  });
}

/**
 * A socket failure of a request sent through `proxy` in absolute form (http targets). Its
 * code is kept, so the transport reads "not-sent" for a refused connection and "maybe-sent"
 * for a reset once the proxy had the request (it may have forwarded it).
 */
export function forwardFailed(proxy: ProxyEndpoint, error: Error): Error {
  const untrusted = untrustedProxy(proxy, error);
  if (untrusted) return untrusted;
  const code = (error as { code?: unknown }).code;
  return Object.assign(new Error(`proxy ${proxy.label} ${unreachableText(error)}`, { cause: error }), {
    ...(typeof code === "string" ? { code } : {}),
  });
}

function unreachableText(error: Error): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ECONNREFUSED") return `refused the connection (${error.message})`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `could not be resolved (${error.message})`;
  return `failed: ${error.message}`;
}

function refusalText(proxy: ProxyEndpoint, status: number, statusText: string | undefined, what: string): string {
  const answer = `${status}${statusText ? ` ${statusText}` : ""}`;
  if (status !== 407) return `did not ${what} (${answer})`;
  return proxy.authorization
    ? `refused the credentials in the proxy URL (${answer})`
    : `requires credentials, and the proxy URL has none (${answer}): give them as http://user:password@host:port`;
}

/** What createNodeFetch rejects with for `error`: a final failure as a ChirpConnectionError, anything else as it is. */
export function rejection(error: unknown, method: string, url: URL): unknown {
  if (error instanceof ProxyFailure && error.final) return connectionError(error, method, url);
  const code = certificateCode(error);
  if (code && error instanceof Error) {
    const host = `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
    return connectionError(untrustedCertificate(host, error, code), method, url);
  }
  return error;
}

function connectionError(cause: Error, method: string, url: URL): ChirpConnectionError {
  // Nothing of the request reached the API: the TLS handshake or the proxy stopped it first.
  return new ChirpConnectionError(method, url.pathname, "not-sent", { cause, url: url.href });
}
