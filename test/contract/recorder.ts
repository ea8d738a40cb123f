// A fetch that forwards to the real one and keeps what the SDK actually sent and
// what came back, so the suite checks the wire, not the SDK's idea of it.
import type { FetchLike } from "../../src/index.js";

/** One request as sent, and its answer. */
export interface Exchange {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly status: number;
  readonly responseHeaders: Headers;
  readonly responseText: string;
}

/** A recording fetch; `rewrite` may alter the request on its way out (the suite's negative cases). */
export function recordingFetch(rewrite?: (headers: Headers) => void): { fetch: FetchLike; log: Exchange[] } {
  const log: Exchange[] = [];
  const fetch: FetchLike = async (url, init) => {
    const headers = new Headers(init.headers);
    rewrite?.(headers);
    const response = await globalThis.fetch(url, { ...init, headers });
    const body = typeof init.body === "string" ? init.body : init.body == null ? undefined : String(init.body);
    log.push({
      method: init.method ?? "GET",
      url: new URL(url),
      headers: Object.fromEntries(headers),
      body,
      status: response.status,
      responseHeaders: response.headers,
      responseText: await response.clone().text(),
    });
    return response;
  };
  return { fetch, log };
}
