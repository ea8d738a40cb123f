/// <reference types="node" />
// Content-Encoding for createNodeFetch: global fetch asks for gzip, deflate and br and
// hands back the decoded body, and so must the transport that replaces it — a proxy
// in front of the API may compress whatever it forwards.
import { kMaxLength } from "node:buffer";
import { promisify } from "node:util";
import { brotliDecompress, constants, gunzip, inflate, inflateRaw } from "node:zlib";

/** The codings asked for when the caller set no `accept-encoding`, as undici's fetch does. */
export const ACCEPT_ENCODING = "gzip, deflate, br";

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const inflateRawAsync = promisify(inflateRaw);
const brotliAsync = promisify(brotliDecompress);

// Like undici: a body cut short after a whole block still yields what arrived.
const lenient = { finishFlush: constants.Z_SYNC_FLUSH };
const lenientBrotli = { finishFlush: constants.BROTLI_OPERATION_FLUSH };

function decodeOne(coding: string, bytes: Buffer, maxOutputLength: number): Promise<Buffer> | undefined {
  const zlib = { ...lenient, maxOutputLength };
  if (coding === "gzip" || coding === "x-gzip") return gunzipAsync(bytes, zlib);
  // "deflate" is meant to be zlib-wrapped, but servers send raw deflate too: a zlib header's
  // first byte has compression method 8 in its low nibble.
  if (coding === "deflate")
    return ((bytes[0] ?? 0) & 0x0f) === 8 ? inflateAsync(bytes, zlib) : inflateRawAsync(bytes, zlib);
  if (coding === "br") return brotliAsync(bytes, { ...lenientBrotli, maxOutputLength });
  return undefined;
}

/** zlib's code when decoding would pass `maxBytes` (a few KB of gzip can inflate to gigabytes). */
export const TOO_LARGE_CODE = "ERR_BUFFER_TOO_LARGE";

/**
 * `bytes` decoded by each coding of `contentEncoding`, last applied first. A body in a
 * coding fetch does not know either (identity, compress) is returned as it came.
 * Rejects when a known coding's data is corrupt, and with a RangeError whose code is
 * `TOO_LARGE_CODE` when a decoded body would pass `maxBytes`.
 */
export async function decodeBody(
  contentEncoding: string | null,
  bytes: Buffer,
  maxBytes: number = kMaxLength,
): Promise<Buffer> {
  if (!contentEncoding || bytes.length === 0) return bytes;
  const codings = contentEncoding
    .toLowerCase()
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "" && c !== "identity");
  let out = bytes;
  for (let i = codings.length - 1; i >= 0; i--) {
    const decoded = decodeOne(codings[i] as string, out, Math.max(1, Math.min(maxBytes, kMaxLength)));
    if (decoded === undefined) return out;
    out = await decoded;
  }
  return out;
}
