// An in-process Chirp for the limiter tests: a fetch that enforces `limit` SMS sends
// per fixed window on the (faked) clock, answers with X-RateLimit-* headers, and logs
// every arrival. Latency is a (faked) timer, so no real time passes.
import type { FetchLike } from "../../src/index.js";

/** One arrival at the fake server. */
export interface Arrival {
  readonly at: number;
  readonly path: string;
  readonly text: string;
  readonly status: number;
}

/** Options of the fake server. */
export interface FakeChirpOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly latencyMs?: number;
  /** Overrides the answer for some arrivals (return undefined for the normal one). */
  readonly script?: (text: string, attempt: number) => Response | "reset" | undefined;
}

/** The fake server's fetch and its log. */
export function fakeChirp(options: FakeChirpOptions) {
  const arrivals: Arrival[] = [];
  const used = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const answer = (path: string, text: string): Response => {
    const now = Date.now();
    const window = Math.floor(now / options.windowMs);
    const resetMs = (window + 1) * options.windowMs;
    // One budget per path, as Chirp keeps one per endpoint group.
    const bucket = `${path} ${window}`;
    const count = used.get(bucket) ?? 0;
    const headers = { "x-ratelimit-limit": String(options.limit), "x-ratelimit-reset": String(resetMs / 1000) };
    if (count >= options.limit) {
      const retryAfter = String((resetMs - now) / 1000);
      return Response.json(
        { error: "Rate limit exceeded." },
        { status: 429, headers: { ...headers, "x-ratelimit-remaining": "0", "retry-after": retryAfter } },
      );
    }
    used.set(bucket, count + 1);
    const remaining = String(options.limit - count - 1);
    const body = path === "/v1/sms" ? { id: `msg_sms_${text}`, status: "QUEUED" } : { webhooks: [] };
    return Response.json(body, { headers: { ...headers, "x-ratelimit-remaining": remaining } });
  };
  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    const text = typeof init.body === "string" ? String((JSON.parse(init.body) as { text?: unknown }).text) : "";
    const attempt = arrivals.filter((a) => a.text === text && a.path === path).length;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const scripted = options.script?.(text, attempt);
      const response = scripted === "reset" || scripted === undefined ? answer(path, text) : scripted;
      arrivals.push({ at: Date.now(), path, text, status: response.status });
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      if (scripted === "reset") throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
      return response;
    } finally {
      inFlight--;
    }
  };
  return {
    fetch,
    arrivals,
    maxInFlight: () => maxInFlight,
    /** Arrivals per window index. */
    perWindow: () => {
      const counts = new Map<number, number>();
      for (const a of arrivals) {
        const w = Math.floor(a.at / options.windowMs);
        if (a.status !== 429) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
      return counts;
    },
  };
}

/** An SMS body whose text names it. */
export const sms = (text: string) => ({ from: "+15551234567", to: ["+15559876543"], text });
