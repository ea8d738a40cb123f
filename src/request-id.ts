// The request id Chirp (or a gateway in front of it) puts on an answer: what an operator
// quotes to the vendor's support, so it goes on errors, `withResponse`, log lines and spans.

// It is the server's text, so only a short printable token is taken: a header made up by
// a proxy must not carry a line break into a log line, nor a megabyte into a span.
// Printable ASCII is ! (0x21) to ~ (0x7e): no space, no control character.
const TOKEN = /^[!-~]{1,128}$/;

/** The answer's `x-request-id` (or `request-id`) header, when it is a short printable token; else undefined. */
export function readRequestId(headers: Headers): string | undefined {
  // None is "", which TOKEN refuses (one character at least).
  const value = headers.get("x-request-id") ?? headers.get("request-id") ?? "";
  // A key-shaped id is dropped whole rather than half-redacted (nothing of a key leaves).
  return TOKEN.test(value) && !value.includes("sk_") ? value : undefined;
}
