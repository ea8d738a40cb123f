// Reading a candidate spec from where upstream publishes it: a local file, an https
// URL, or plain http on a loopback address only (a test's local server; anything
// reachable over a network must come over TLS, so a spec cannot be swapped in transit).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True for a URL this project may fetch a spec from. */
export function allowedUrl(source) {
  let url;
  try {
    url = new URL(source);
  } catch {
    return false;
  }
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
}

/** The document's text, from a file path or an allowed URL. */
export async function readSource(source) {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    if (!allowedUrl(source)) {
      throw new Error(`only local files, https URLs and http on loopback are accepted, not ${source}`);
    }
    const res = await fetch(source, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`GET ${source} answered ${res.status} ${res.statusText}`);
    return res.text();
  }
  return readFileSync(resolve(source), "utf8");
}
