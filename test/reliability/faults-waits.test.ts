// 429 and 5xx with every combination of Retry-After and X-RateLimit-Reset (absent,
// valid, malformed), over both transports. The waits are exact (fixed clock, no
// jitter, recorded rather than slept): Retry-After counts for both, X-RateLimit-Reset
// only for a 429, and anything malformed falls back to the normal backoff.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BACKOFF_BASE_MS } from "../../src/call/7-retry.js";
import { RateLimitError } from "../../src/index.js";
import { failure, faultClient, NOW, SMS, TRANSPORTS } from "./clients.js";
import { type FaultServer, raw, startFaultServer } from "./fault-server.js";

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
});
afterEach(() => server.close());

/** The first backoff with the clients' jitter source (random() = 0 → half the ceiling). */
const BACKOFF = BACKOFF_BASE_MS / 2;

const RETRY_AFTER = [
  { name: "no Retry-After", value: undefined, wait: undefined },
  { name: "Retry-After: 2", value: "2", wait: 2000 },
  { name: "Retry-After: an HTTP-date 3 s on", value: new Date(NOW + 3000).toUTCString(), wait: 3000 },
  { name: "Retry-After: -5", value: "-5", wait: undefined },
] as const;
const RESET = [
  { name: "no X-RateLimit-Reset", value: undefined, wait: undefined },
  { name: "X-RateLimit-Reset 5 s on", value: String(NOW / 1000 + 5), wait: 5000 },
  { name: "X-RateLimit-Reset in ms", value: String(NOW + 5000), wait: undefined },
] as const;

const COMBOS = [429, 503].flatMap((status) =>
  RETRY_AFTER.flatMap((ra) =>
    RESET.map((reset) => {
      const headers: Record<string, string> = { "content-type": "application/json", "x-ratelimit-limit": "100" };
      if (ra.value !== undefined) headers["retry-after"] = ra.value;
      if (reset.value !== undefined) headers["x-ratelimit-reset"] = reset.value;
      const wait = ra.wait ?? (status === 429 ? reset.wait : undefined) ?? BACKOFF;
      return { status, label: `${ra.name}, ${reset.name}`, headers, wait };
    }),
  ),
);

function refuseOnce(status: number, headers: Record<string, string>) {
  server.play({
    onRequest: (s) =>
      s.end(
        server.counts.requests === 1
          ? raw(status, "No", headers, '{"error": {"type": "api_error", "message": "later"}}')
          : raw(200, "OK", { "content-type": "application/json" }, '{"data": []}'),
      ),
  });
}

describe.each(TRANSPORTS)("waits over %s", (_, makeFetch) => {
  it.each(COMBOS)("GET, $status with $label → one retry after $wait ms", async ({ status, headers, wait }) => {
    refuseOnce(status, headers);
    const { chirp, delays } = faultClient(server.url, makeFetch());
    await chirp.listWebhooks();
    expect(delays).toEqual([wait]);
    expect(server.counts.requests).toBe(2);
  });

  it.each(COMBOS)("POST, $status with $label → retried only for a 429", async ({ status, headers, wait }) => {
    refuseOnce(status, headers);
    const { chirp, delays } = faultClient(server.url, makeFetch());
    const call = chirp.sendSms({ body: SMS });
    if (status === 429) {
      await call;
      expect(delays).toEqual([wait]);
      expect(server.counts.requests).toBe(2);
    } else {
      expect(await failure(call)).toMatchObject({ status });
      expect(delays).toEqual([]);
      expect(server.counts.requests).toBe(1);
    }
  });

  it("a 429 asking for longer than maxRetryAfter → RateLimitError at once, with the wait", async () => {
    refuseOnce(429, { "retry-after": "120" });
    const { chirp, delays } = faultClient(server.url, makeFetch());
    const error = await failure(chirp.sendSms({ body: SMS }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(delays).toEqual([]);
    expect(server.counts.requests).toBe(1);
  });
});
