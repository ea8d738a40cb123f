// Reading a delivery's body with a bound. A webhook endpoint is public, so the body
// is read only after the secret matched, as a stream, counted as it arrives: a
// declared Content-Length over the bound is refused before a byte is read, and a
// body that grows past it is refused at the first byte too many, its stream
// cancelled. What is kept never exceeds the bound plus the chunk that crossed it.

import { ChirpConfigError } from "../errors/chirp-error.js";

/**
 * `maxBodyBytes` checked, so a typo is a setup error rather than a 413 (or no bound) on every delivery.
 * The default, 1 MiB: Chirp's deliveries are a few kB.
 * @throws ChirpConfigError when it is given and not a whole number ≥ 1.
 */
export function checkMaxBodyBytes(value: unknown): number {
  if (value === undefined) return 1_048_576;
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new ChirpConfigError(`Webhook option maxBodyBytes must be a whole number ≥ 1, not ${String(value)}.`);
  }
  return value as number;
}

/**
 * Tells the runtime that the rest of the body is not wanted, without reading it: on
 * `toNodeListener` this stops pulling from the socket (and the connection is closed
 * after the answer); on Bun, Deno and Workers the runtime drops the rest.
 * Never throws and never waits: the answer must not depend on the sender.
 */
export function discardBody(request: Request): void {
  const body = request.body;
  if (body && !body.locked) body.cancel().catch(() => {});
}

/**
 * Reads the body as a stream, at most `max` bytes: the bytes, `"too_large"` (declared
 * or counted over `max`; the stream is cancelled), or `"unreadable"` (the sender went
 * away mid-body, or the runtime failed the stream). With a Content-Length the buffer is
 * allocated once at that size; without one it grows by doubling up to `max`.
 */
export async function readBoundedBody(request: Request, max: number): Promise<Uint8Array | "too_large" | "unreadable"> {
  // NaN when absent or not a number (then the stream alone is counted, and NaN >= 0 is false below).
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > max) {
    discardBody(request);
    return "too_large";
  }
  const body = request.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  let buffer = new Uint8Array(declared >= 0 ? declared : Math.min(max, 16_384));
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return buffer.subarray(0, size);
      const next = size + value.byteLength;
      if (next > max) {
        // Not awaited: a sender that never acknowledges must not hold the answer back.
        reader.cancel().catch(() => {});
        return "too_large";
      }
      if (next > buffer.byteLength) {
        const grown = new Uint8Array(Math.min(max, Math.max(next, buffer.byteLength * 2)));
        grown.set(buffer.subarray(0, size));
        buffer = grown;
      }
      buffer.set(value, size);
      size = next;
    }
  } catch {
    return "unreadable";
  } finally {
    reader.releaseLock();
  }
}
