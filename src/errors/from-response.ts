// One place turns a failed HTTP answer into the right error class.
import { errorCodePage, errorCodes } from "../generated/errors.js";
import { readRateLimit, readRetryAfter } from "../rate-limit-info.js";
import { readRequestId } from "../request-id.js";
import { type ApiErrorInit, type ChirpApiError, cap, type ProviderErrorDetails } from "./api-error.js";
import { codeErrorClass } from "./code-error.js";
import { classOfFamily, familyOf, RateLimitError } from "./families.js";
import { redactHeaders, redactKeys } from "./redact.js";

/** What the error needs of a failed answer (a `Response` has it): each read once. */
export type FailedResponse = Pick<Response, "status" | "statusText" | "headers">;

// A non-empty string, else undefined.
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

// An empty or blank body throws in JSON.parse like any other non-JSON: undefined too.
function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The fields a body can tell: only these, so that spreading them into an init cannot override the answer's own facts. */
type EnvelopeField = "type" | "code" | "serverMessage" | "docUrl" | "param" | "provider" | "additionalInfo";
type Envelope = Pick<ApiErrorInit, EnvelopeField>;

/**
 * Picks the documented fields out of whatever body came back (`body` parsed, undefined when
 * `rawBody` is not JSON): every one of them, in the order the error lists them, undefined where
 * the body does not tell it. `serverMessage` is decided here for every form of body (`messageOf`).
 */
function readEnvelope(body: unknown, rawBody: string): Envelope {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const { error } = b;
  const chirp = error && typeof error === "object";
  const e = (chirp ? error : {}) as Record<string, unknown>;
  return {
    type: str(e.type),
    code: str(e.code),
    serverMessage: messageOf(body, b, rawBody),
    docUrl: str(e.doc_url),
    param: str(e.param),
    provider: e.provider && typeof e.provider === "object" ? (e.provider as ProviderErrorDetails) : undefined,
    additionalInfo: Array.isArray(e.additional_info)
      ? e.additional_info.filter((x): x is string => typeof x === "string")
      : undefined,
  };
}

/** The server's human text, for every form of body (`b` is `body` as an object, `{}` when it is none). */
function messageOf(body: unknown, b: Record<string, unknown>, rawBody: string): string | undefined {
  const { error } = b;
  // The documented 429 string form: {"error": "Rate limit exceeded. Try again in 30 seconds."}
  if (typeof error === "string") return error;
  // Chirp's envelope.
  if (error && typeof error === "object") return str((error as Record<string, unknown>).message);
  // Not JSON at all (a proxy's HTML page, cut-off text): the text itself, on one line and cut short; none when blank.
  if (body === undefined) return cap(rawBody.replace(/\s+/g, " ").trim(), 200) || undefined;
  // Not Chirp's envelope (Prism's application/problem+json, a gateway's JSON): keep its human
  // text; its `type` is a URI, not a Chirp error type.
  return str(b.detail) ?? str(b.title) ?? str(b.message);
}

/**
 * The error for a failed answer `res` to `req` (`text`: its body as received, may be empty,
 * HTML, truncated JSON; `now`: the clock, for a `Retry-After` date): a known `code` gives its
 * own class; else a known `type` gives its family; else the status does. Every 429 is also a
 * `RateLimitError`. `pauseMs`: what the rate limiter that paces the call said of this answer; for
 * a 429, the wait it imposes (it overrides the headers).
 */
export function errorFromResponse(
  res: FailedResponse,
  req: { readonly method: string; readonly path: string },
  text: string,
  now: number,
  pauseMs?: number,
): ChirpApiError {
  // Each getter of the answer read once (a Response's are checked calls).
  const { status, headers } = res;
  const rawBody = redactKeys(text);
  const body = parse(rawBody);
  const envelope = readEnvelope(body, rawBody);
  const family = familyOf(envelope.type, status);
  // A code the spec documents (compared as a string: the server's code may be "__proto__"; an absent
  // one, undefined, is not in the list either).
  const code = envelope.code;
  const documented = (errorCodes as readonly (string | undefined)[]).includes(code);
  // Every field of the error, undefined ones included, in the order it lists them: ChirpApiError
  // takes them as they come (an own property each, as a class field would be).
  const init: ApiErrorInit = {
    family,
    // The reason phrase is the server's text too (a proxy may echo the request into it).
    statusText: redactKeys(res.statusText),
    status,
    // type, code, serverMessage, docUrl, param, provider, additionalInfo as read.
    ...envelope,
    // A body without `doc_url` still has a page: Chirp's error-code page anchors every
    // documented code. A code the spec does not list gets no made-up anchor.
    docUrl: envelope.docUrl ?? (documented && errorCodePage ? `${errorCodePage}#${code}` : undefined),
    headers: redactHeaders(headers),
    rateLimit: readRateLimit(headers),
    retryAfterMs: (status === 429 ? pauseMs : undefined) ?? readRetryAfter(headers, now, status),
    body,
    rawBody,
    method: req.method,
    path: req.path,
    requestId: readRequestId(headers),
  };
  // A documented code's class is the one its export is (one class per code, src/errors/code-error.ts).
  const Class: new (init: ApiErrorInit) => ChirpApiError = documented
    ? codeErrorClass(code as string)
    : status === 429 && !envelope.type
      ? RateLimitError
      : classOfFamily[family];
  return new Class(init);
}
