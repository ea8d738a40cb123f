// Step 6 of the call path (see src/call/README.md): what a failed attempt was. A
// connection failure is classified by whether the request may have reached Chirp —
// the one fact the retry rules (7-retry.ts) need to keep a send at most once. An
// answered failure becomes its ChirpApiError in src/errors/from-response.ts.
import { ChirpConfigError } from "../errors/chirp-error.js";
import type { SentState } from "../errors/network-errors.js";

// Connection failures that happen before a single byte of the request left:
// undici puts the code on `cause`, node:http on the error, Bun and Deno use names.
// A proxy that could not open the tunnel to the API is ERR_PROXY_TUNNEL (Node's code; createNodeFetch uses it too).
// One pattern, not a Set: the same test, and smaller in every client's bundle.
const NOT_SENT_CODES =
  /^(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EAI_NONAME|ENETUNREACH|EHOSTUNREACH|UND_ERR_CONNECT_TIMEOUT|ConnectionRefused|FailedToOpenSocket|ERR_PROXY_TUNNEL)$/;

// Runtimes that give no code say it in words. Deno: a TypeError whose cause reads
// "… client error (Connect): tcp connect error: Connection refused" (or "dns error"):
// the connection never opened, so nothing was sent. workerd's "Network connection
// lost." and Chromium's "Failed to fetch" are said of a refused connection and of one
// dropped mid-request alike: those stay maybe-sent, as the runtime cannot tell.
const NOT_SENT_MESSAGES = /\b(?:tcp connect error|client error \(Connect\)|dns error)\b/i;

// Deno's permission refusal (NotCapable since Deno 2, PermissionDenied before):
// nothing was sent and no retry can succeed, so it is a setup error, not a connection failure.
const DENIED = /^Requires net access to/;

/**
 * Whether a failed fetch may have reached the server. Throws `ChirpConfigError`
 * (never retried) when the runtime refused the request outright (Deno without --allow-net).
 */
export function sentState(error: unknown): SentState {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NOT_SENT_CODES.test(code)) return "not-sent";
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string") {
      if (DENIED.test(message)) {
        throw new ChirpConfigError(
          // Deno's own text names the host; a key not granted --allow-env is a missing key's error, not this one.
          `Network access refused, nothing sent: ${message} (Deno: run with --allow-net=<the API host>).`,
        );
      }
      if (NOT_SENT_MESSAGES.test(message)) return "not-sent";
    }
    e = (e as { cause?: unknown }).cause;
  }
  return "maybe-sent";
}
