// Whether a failed fetch failed on the server's certificate. The same certificate is
// refused the same way on every attempt, so such a failure is never retried (transport.ts),
// and createNodeFetch names the host whose certificate it was (src/node/proxy-failure.ts).
// Runtime-neutral: Node and Bun give OpenSSL's code (on the error or its cause), Deno
// only words ("invalid peer certificate: UnknownIssuer").

// OpenSSL's verification failures, and Node's own for a name mismatch.
const CERTIFICATE_CODES = /* @__PURE__ */ new Set([
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_CRL",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "CERT_SIGNATURE_FAILURE",
  "CERT_NOT_YET_VALID",
  "CERT_HAS_EXPIRED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_REVOKED",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
  "INVALID_PURPOSE",
  "PATH_LENGTH_EXCEEDED",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

// Deno (rustls) says it in words, inside "client error (Connect): …".
const CERTIFICATE_MESSAGE = /\binvalid peer certificate\b/i;

/** The certificate failure's code (OpenSSL's name, or "invalid peer certificate" for Deno), else undefined. */
export function certificateCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CERTIFICATE_CODES.has(code)) return code;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && CERTIFICATE_MESSAGE.test(message)) return "invalid peer certificate";
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
