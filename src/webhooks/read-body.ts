// Reading a delivery's body with a bound. A webhook endpoint is public, so the body
// is read only after the secret matched, as a stream, counted as it arrives: a
// declared Content-Length over the bound is refused before a byte is read, and a
// body that grows past it is refused at the first byte too many, its stream
// cancelled. What is kept never exceeds the bound plus the chunk that crossed it.

import { ChirpConfigError } from "../errors/chirp-error.js";

/** The default bound on a webhook body: Chirp's deliveries are a few kB. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/**
 * `maxBodyBytes` checked, so a typo is a setup error rather than a 413 (or no bound) on every delivery.
 * @throws ChirpConfigError when it is given and not a whole number ≥ 1.
 */
export function checkMaxBodyBytes(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_BODY_BYTES;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new ChirpConfigError(
      `Webhook option maxBodyBytes is ${String(value)}: set it to a whole number of bytes ≥ 1 (default 1048576, 1 MiB).`,
    );
  }
  return value;
}

/** The outcome of `readBoundedBody`: the bytes, or why there are none. */
export type BodyReadResult =
  | { readonly kind: "ok"; readonly bytes: Uint8Array }
  | { readonly kind: "too_large" }
  | { readonly kind: "unreadable"; readonly cause: unknown };

/**
 * Tells the runtime that the rest of the body is not wanted, without reading it: on
 * `toNodeListener` this stops pulling from the socket (and the connection is closed
 * after the answer); on Bun, Deno and Workers the runtime drops the rest.
 * Never throws and never waits: the answer must not depend on the sender.
 */
export function discardBody(request: Request): void {
  const body = request.body;
  if (body === null || body.locked) return;
  body.cancel().catch(() => {});
}

/** The declared length, or `undefined` when absent or not a plain decimal (the stream is then counted alone). */
function declaredLength(request: Request): number | undefined {
  const header = request.headers.get("content-length");
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/**
 * Reads the body as a stream, at most `max` bytes. With a Content-Length the buffer is
 * allocated once at that size; without one it grows by doubling up to `max`.
 */
export async function readBoundedBody(request: Request, max: number): Promise<BodyReadResult> {
  const declared = declaredLength(request);
  if (declared !== undefined && declared > max) {
    discardBody(request);
    return { kind: "too_large" };
  }
  const body = request.body;
  if (body === null) return { kind: "ok", bytes: new Uint8Array(0) };
  const reader = body.getReader();
  let buffer = new Uint8Array(Math.min(max, declared ?? 16_384));
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > max) {
        // Not awaited: a sender that never acknowledges must not hold the answer back.
        reader.cancel().catch(() => {});
        return { kind: "too_large" };
      }
      if (size + value.byteLength > buffer.byteLength) {
        const grown = new Uint8Array(Math.min(max, Math.max(size + value.byteLength, buffer.byteLength * 2)));
        grown.set(buffer.subarray(0, size));
        buffer = grown;
      }
      buffer.set(value, size);
      size += value.byteLength;
    }
  } catch (cause) {
    // The sender went away mid-body (or the runtime failed the stream): nothing to parse.
    return { kind: "unreadable", cause };
  } finally {
    reader.releaseLock();
  }
  return { kind: "ok", bytes: size === buffer.byteLength ? buffer : buffer.subarray(0, size) };
}
