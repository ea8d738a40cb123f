// Clients for the fault suite: one per transport under test, all with an injected
// sleep (retries never wait for real) and a fixed clock and jitter, so every wait the
// client asks for is exact.
import { Chirp, type ChirpOptions, type FetchLike, type RateLimitOptions, rateLimiter } from "../../src/index.js";
import { createNodeFetch } from "../../src/node/http-fetch.js";

/** A live key, long and distinctive: any trace of its secret part in an error is a leak. */
export const SECRET = "R3liabilitySecretNeverLeaks0123456789";
export const APP_KEY = `sk_live_app_${SECRET}`;
/** The fixed clock of every client here: X-RateLimit-Reset and HTTP-dates are relative to it. */
export const NOW = Date.parse("2030-01-01T00:00:00Z");

/** The two transports every fault case runs over. */
export const TRANSPORTS: ReadonlyArray<readonly [string, () => FetchLike | undefined]> = [
  ["global fetch", () => undefined],
  ["createNodeFetch", () => createNodeFetch()],
];

/** An SMS that passes validation. */
export const SMS = { from: "+15551234567", to: ["+15559876543"], text: "hi" };

/**
 * A client of `baseUrl` over `fetch` (the global one when undefined), recording the
 * delays it asks for without sleeping and counting the attempts it hands to fetch.
 */
export function faultClient(baseUrl: string, fetch: FetchLike | undefined, options: ChirpOptions = {}) {
  const delays: number[] = [];
  let attempts = 0;
  const inner: FetchLike = fetch ?? ((url, init) => globalThis.fetch(url, init));
  const counted: FetchLike = (url, init) => {
    attempts++;
    return inner(url, init);
  };
  const chirp = new Chirp({
    appKey: APP_KEY,
    baseUrl,
    // These clients fail thousands of calls on purpose: at the default level each would
    // print an error line (66,000 lines in one CI log). Logging has its own tests.
    logLevel: "off",
    fetch: counted,
    timeout: 10_000,
    maxRetries: 2,
    random: () => 0,
    now: () => NOW,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...options,
  });
  return { chirp, delays, attempts: () => attempts };
}

/**
 * A client with the rate limiter on. The one place that says how a limiter is passed
 * to the client, so a change of that option changes only this function.
 */
export function rateLimitedClient(options: ChirpOptions, limiter: RateLimitOptions = {}): Chirp {
  return new Chirp({ logLevel: "off", ...options, rateLimit: rateLimiter(limiter) });
}

/** What a promise rejected with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, but the call resolved");
}
