// Budgets are per key, but a key must never reach a store, a log or an error: the
// limiter knows a key only by a short SHA-256 prefix, the same in every process.

/** The first 16 hex digits of SHA-256(key), via Web Crypto (Node ≥ 20, Bun, Deno, browsers, Workers). */
export async function keyId(key: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  let hex = "";
  for (const byte of new Uint8Array(digest, 0, 8)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
