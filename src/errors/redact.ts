// Keys must never reach a message, a field, a log line or a stack. The SDK never
// copies its own Authorization header into an error; this also scrubs anything
// key-shaped that a server or proxy echoes back in a body.

const KEY_PATTERN = /\bsk_(?:live_app|test_app|admin)_[A-Za-z0-9_-]+/g;

/** Replaces every Chirp-key-shaped token in `text` with its redacted form. */
export function redactKeys(text: string): string {
  return text.includes("sk_")
    ? text.replace(KEY_PATTERN, (key) => `${key.slice(0, key.lastIndexOf("_") + 1)}[redacted]`)
    : text;
}
