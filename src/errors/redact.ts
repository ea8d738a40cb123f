// Keys must never reach a message, a field, a log line or a stack. The SDK never
// copies its own Authorization header into an error; this also scrubs anything
// key-shaped that a server, a proxy or a fetch implementation hands back.

// Only the public prefix is kept: the secret may itself contain "_" or "-". No \b
// before the prefix, so a key glued to other text (`token=xsk_live_app_…`) goes too.
const KEY_PATTERN = /(sk_(?:live_app|test_app|admin)_)[A-Za-z0-9_-]+/g;

// A JSON `\u00XX` escape (not itself escaped as `\\u…`) of a character a key can hold:
// a body spelling `\u0073k_live_app_…` parses to a key, so it is one. Case-insensitive
// for the hex digits; so `\U00XX` (not JSON) is decoded too, which can only redact more.
const ESCAPED_KEY_CHAR = /(?<!\\)((?:\\\\)*)\\u00(2d|3\d|[46][1-9a-f]|[57][\da]|5f)/gi;

/** Most levels of `cause` (and of `errors`) kept when copying a foreign error. */
const MAX_DEPTH = 4;

/** Replaces every Chirp-key-shaped token in `text` with its redacted form, also when spelled with JSON escapes. */
export function redactKeys(text: string): string {
  let out = text.includes("sk_") ? text.replace(KEY_PATTERN, "$1[redacted]") : text;
  if (out.includes("\\u")) {
    const plain = out.replace(
      ESCAPED_KEY_CHAR,
      (_m, slashes: string, hex: string) => slashes + String.fromCharCode(Number.parseInt(hex, 16)),
    );
    // Only rewrite the escapes when they hid a key: other text stays byte for byte as sent.
    const redacted = plain.replace(KEY_PATTERN, "$1[redacted]");
    if (redacted !== plain) out = redacted;
  }
  return out;
}

/**
 * A sanitised copy of a failure thrown by code the SDK does not control (a fetch
 * implementation, a store): an `Error` with the same name and primitive `code`, its
 * message and stack redacted, its `cause` and `errors` copied the same way. Nothing
 * else is kept — a foreign error may carry the request's headers, sockets or agents.
 * Never returns the object it was given (strings excepted, redacted).
 */
export function redactError(error: unknown, depth = 0): unknown {
  if (error === undefined || error === null) return error;
  if (typeof error === "string") return redactKeys(error);
  if (!(error instanceof Error)) {
    return new Error(`a non-Error value was thrown (${typeof error})`);
  }
  const deeper = depth < MAX_DEPTH;
  const copy: Error & { code?: string | number; errors?: unknown[] } = new Error(
    redactKeys(String(error.message)),
    deeper && "cause" in error ? { cause: redactError(error.cause, depth + 1) } : undefined,
  );
  const { name, stack, code, errors } = error as { name: unknown; stack?: unknown; code?: unknown; errors?: unknown };
  copy.name = typeof name === "string" ? redactKeys(name) : "Error";
  copy.stack = typeof stack === "string" ? redactKeys(stack) : `${copy.name}: ${copy.message}`;
  if (typeof code === "string") copy.code = redactKeys(code);
  if (typeof code === "number") copy.code = code;
  if (deeper && Array.isArray(errors)) copy.errors = errors.slice(0, 16).map((e) => redactError(e, depth + 1));
  return copy;
}

/**
 * `headers` itself when no name or value holds a key, else a copy with the keys
 * redacted from values and the headers whose name holds one left out.
 */
export function redactHeaders(headers: Headers): Headers {
  // One pass builds the copy; it is returned only when something had to go.
  let leaks = false;
  const copy = new Headers();
  headers.forEach((value, name) => {
    const redacted = redactKeys(value);
    if (redacted !== value) leaks = true;
    // "[redacted]" is not a valid header name: such a header is dropped.
    if (redactKeys(name) !== name) leaks = true;
    else copy.append(name, redacted);
  });
  return leaks ? copy : headers;
}
