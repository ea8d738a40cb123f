// Keys must never reach a message, a field, a log line or a stack. The SDK never
// copies its own Authorization header into an error; this also scrubs anything
// key-shaped that a server or proxy echoes back in a body.

// Only the public prefix is kept: the secret may itself contain "_" or "-". No \b
// before the prefix, so a key glued to other text (`token=xsk_live_app_…`) goes too.
const KEY_PATTERN = /(sk_(?:live_app|test_app|admin)_)[A-Za-z0-9_-]+/g;

/** Replaces every Chirp-key-shaped token in `text` with its redacted form. */
export function redactKeys(text: string): string {
  return text.includes("sk_") ? text.replace(KEY_PATTERN, "$1[redacted]") : text;
}

/**
 * `error` itself when no key shows in its message, stack or causes; else a copy
 * (same name and `code`) with the keys redacted. For failures thrown by a fetch the
 * SDK does not control, which may quote the request's Authorization header.
 */
export function redactError(error: unknown, depth = 0): unknown {
  if (typeof error === "string") return redactKeys(error);
  if (!(error instanceof Error) || depth > 4) return error;
  const hasCause = "cause" in error;
  const cause = hasCause ? redactError(error.cause, depth + 1) : undefined;
  const message = redactKeys(error.message);
  const stack = error.stack === undefined ? undefined : redactKeys(error.stack);
  if (message === error.message && stack === error.stack && cause === error.cause) return error;
  const copy = new Error(message, hasCause ? { cause } : undefined);
  copy.name = error.name;
  if (stack !== undefined) copy.stack = stack;
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

/** `headers` itself when no value holds a key, else a copy with the keys redacted. */
export function redactHeaders(headers: Headers): Headers {
  let leaks = false;
  headers.forEach((value) => {
    if (redactKeys(value) !== value) leaks = true;
  });
  if (!leaks) return headers;
  const copy = new Headers();
  headers.forEach((value, name) => {
    copy.append(name, redactKeys(value));
  });
  return copy;
}
