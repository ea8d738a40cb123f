// Whether a failed fetch failed on the server's certificate. The same certificate is
// refused the same way on every attempt, so such a failure is never retried (transport.ts),
// and createNodeFetch names the host whose certificate it was (src/node/proxy-failure.ts).
// Runtime-neutral: Node and Bun give OpenSSL's code (on the error or its cause), Deno
// only words ("invalid peer certificate: UnknownIssuer").

// OpenSSL's verification failures by code (UNABLE_TO_VERIFY_LEAF_SIGNATURE, SELF_SIGNED_CERT_IN_CHAIN,
// CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID, …), or Deno's words in a message. One short
// pattern, not a list: this ships in every client bundle (the list cost ~150 B min+gzip more).
const CERTIFICATE = /^(?:\w*CERT\w*|UNABLE_TO_\w+|INVALID_CA|HOSTNAME_MISMATCH)$|invalid peer certificate/;

/** The certificate failure's code (OpenSSL's name, or Deno's message), else undefined. */
export function certificateCode(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    for (const text of [e.code, e.message]) if (typeof text === "string" && CERTIFICATE.test(text)) return text;
    e = e.cause as typeof e;
  }
  return undefined;
}
