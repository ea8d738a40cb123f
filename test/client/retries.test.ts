// Retry rules, table-driven: a script of answers (or throws) per attempt, then the
// request log, the attempt count and the delays given to the injected sleep. No
// real time passes.
import { describe, expect, it } from "vitest";
import {
  ApiServerError,
  Chirp,
  ChirpConnectionError,
  type ChirpOptions,
  type OperationId,
  RateLimitError,
} from "../../src/index.js";
import {
  APP_KEY,
  BASE_URL,
  connectionError,
  json,
  recordingSleep,
  rejection,
  type Step,
  scriptedFetch,
  text,
} from "./helpers.js";

const NOW = Date.parse("2025-01-01T00:00:00Z");
const sms = () => ({ body: { from: "+15551234567", to: ["+15559876543"], text: "Hi" } });
const ok = () => json(200, { ok: true });
const s503 = () => text(503, "");

/** One call per HTTP method, each on a real operation of the spec. */
const CALLS = {
  GET: ["listWebhooks", {}],
  PUT: ["updateWebhook", { path: { webhookId: "whk_1" }, body: { url: "https://example.com/h" } }],
  DELETE: ["deleteWebhook", { path: { webhookId: "whk_1" } }],
  POST: ["sendSms", { body: { from: "+15551234567", to: ["+15559876543"], text: "Hi" } }],
  PATCH: ["updateWhatsAppBusinessProfile", { path: { phoneNumberId: "wapn_1" }, body: { about: "x" } }],
} as const;
type Method = keyof typeof CALLS;

interface Case {
  readonly name: string;
  readonly method: Method;
  readonly steps: () => Step[];
  readonly client?: Partial<ChirpOptions>;
  readonly call?: Record<string, unknown>;
  /** Attempts made, which is also the length of the request log. */
  readonly attempts: number;
  /** Delays passed to sleep, in ms. */
  readonly delays: number[];
  /** What the call rejects with, or "ok". */
  readonly outcome: "ok" | Function;
}

// random() = 0.5 → backoff = 500 ms · 2^retry · 0.75: 375, 750, 1500, …
const cases: Case[] = [
  // 5xx / 408: idempotent methods only.
  ...(["GET", "PUT", "DELETE"] as const).map(
    (method): Case => ({
      name: `${method} 503, 503, 200 → retried twice with backoff`,
      method,
      steps: () => [s503(), s503(), ok()],
      attempts: 3,
      delays: [375, 750],
      outcome: "ok",
    }),
  ),
  ...(["POST", "PATCH"] as const).flatMap((method) =>
    [500, 502, 503, 504, 408].map(
      (status): Case => ({
        name: `${method} ${status} → never re-sent (no idempotency key: a resend may be a second SMS)`,
        method,
        steps: () => [text(status, ""), ok()],
        attempts: 1,
        delays: [],
        outcome: status === 408 ? Error : ApiServerError,
      }),
    ),
  ),
  {
    name: "GET 503 ×3 → ApiServerError after maxRetries (2) retries",
    method: "GET",
    steps: () => [s503(), s503(), s503()],
    attempts: 3,
    delays: [375, 750],
    outcome: ApiServerError,
  },
  {
    name: "GET 408, 200 → retried",
    method: "GET",
    steps: () => [text(408, ""), ok()],
    attempts: 2,
    delays: [375],
    outcome: "ok",
  },
  {
    name: "GET 503 with Retry-After: 3 → waits what the server asks",
    method: "GET",
    steps: () => [text(503, "", { "Retry-After": "3" }), ok()],
    attempts: 2,
    delays: [3000],
    outcome: "ok",
  },
  ...[400, 401, 402, 403, 404, 409, 422, 424].map(
    (status): Case => ({
      name: `GET ${status} → not retried`,
      method: "GET",
      steps: () => [text(status, ""), ok()],
      attempts: 1,
      delays: [],
      outcome: Error,
    }),
  ),
  // 429: retried for every method, after Retry-After / X-RateLimit-Reset, within the cap.
  ...(["POST", "PATCH", "GET"] as const).map(
    (method): Case => ({
      name: `${method} 429 Retry-After: 2 → retried after 2000 ms`,
      method,
      steps: () => [json(429, { error: "Rate limit exceeded. Try again in 2 seconds." }, { "Retry-After": "2" }), ok()],
      attempts: 2,
      delays: [2000],
      outcome: "ok",
    }),
  ),
  {
    name: "POST 429 Retry-After as an HTTP date → the time until it",
    method: "POST",
    steps: () => [text(429, "", { "Retry-After": "Wed, 01 Jan 2025 00:00:05 GMT" }), ok()],
    attempts: 2,
    delays: [5000],
    outcome: "ok",
  },
  {
    name: "POST 429 with X-RateLimit-Reset only → the time until the reset",
    method: "POST",
    steps: () => [text(429, "", { "X-RateLimit-Reset": String(NOW / 1000 + 12), "X-RateLimit-Remaining": "0" }), ok()],
    attempts: 2,
    delays: [12_000],
    outcome: "ok",
  },
  {
    name: "POST 429 with no wait header → exponential backoff",
    method: "POST",
    steps: () => [text(429, ""), text(429, ""), ok()],
    attempts: 3,
    delays: [375, 750],
    outcome: "ok",
  },
  {
    name: "POST 429 ×3 → RateLimitError once retries are used up",
    method: "POST",
    steps: () => [text(429, ""), text(429, ""), text(429, "")],
    attempts: 3,
    delays: [375, 750],
    outcome: RateLimitError,
  },
  {
    name: "POST 429 Retry-After: 120 (over the 60 s cap) → RateLimitError at once",
    method: "POST",
    steps: () => [text(429, "", { "Retry-After": "120" }), ok()],
    attempts: 1,
    delays: [],
    outcome: RateLimitError,
  },
  {
    name: "POST 429 Retry-After: 60 (exactly the default cap) → waited for",
    method: "POST",
    steps: () => [text(429, "", { "Retry-After": "60" }), ok()],
    attempts: 2,
    delays: [60_000],
    outcome: "ok",
  },
  {
    name: "GET 429 X-RateLimit-Reset 10 min away → RateLimitError at once",
    method: "GET",
    steps: () => [text(429, "", { "X-RateLimit-Reset": String(NOW / 1000 + 600) }), ok()],
    attempts: 1,
    delays: [],
    outcome: RateLimitError,
  },
  {
    name: "maxRetryAfter per call lowers the cap",
    method: "POST",
    steps: () => [text(429, "", { "Retry-After": "5" }), ok()],
    call: { maxRetryAfter: 1000 },
    attempts: 1,
    delays: [],
    outcome: RateLimitError,
  },
  {
    name: "maxRetryAfter on the client raises the cap",
    method: "POST",
    steps: () => [text(429, "", { "Retry-After": "120" }), ok()],
    client: { maxRetryAfter: 300_000 },
    attempts: 2,
    delays: [120_000],
    outcome: "ok",
  },
  // Connections: refused / DNS → retried for every method; ambiguous → idempotent only.
  ...(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"] as const).flatMap((code) =>
    (["POST", "PATCH", "GET"] as const).map(
      (method): Case => ({
        name: `${method} ${code} (never sent) → retried`,
        method,
        steps: () => [connectionError(code), ok()],
        attempts: 2,
        delays: [375],
        outcome: "ok",
      }),
    ),
  ),
  ...(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"] as const).flatMap((code) => [
    {
      name: `POST ${code} (maybe sent) → not re-sent`,
      method: "POST",
      steps: () => [connectionError(code), ok()],
      attempts: 1,
      delays: [],
      outcome: ChirpConnectionError,
    } satisfies Case,
    {
      name: `GET ${code} (maybe sent) → retried`,
      method: "GET",
      steps: () => [connectionError(code), ok()],
      attempts: 2,
      delays: [375],
      outcome: "ok",
    } satisfies Case,
  ]),
  {
    name: "POST TypeError('fetch failed') with no cause → maybe sent, not re-sent",
    method: "POST",
    steps: () => [new TypeError("fetch failed"), ok()],
    attempts: 1,
    delays: [],
    outcome: ChirpConnectionError,
  },
  {
    name: "POST ECONNREFUSED ×3 → ChirpConnectionError after retries",
    method: "POST",
    steps: () => [connectionError("ECONNREFUSED"), connectionError("ECONNREFUSED"), connectionError("ECONNREFUSED")],
    attempts: 3,
    delays: [375, 750],
    outcome: ChirpConnectionError,
  },
  // The opt-in, and maxRetries.
  {
    name: "retryNonIdempotent on the client → POST 503 is retried",
    method: "POST",
    steps: () => [s503(), ok()],
    client: { retryNonIdempotent: true },
    attempts: 2,
    delays: [375],
    outcome: "ok",
  },
  {
    name: "retryNonIdempotent per call → PATCH ECONNRESET is retried",
    method: "PATCH",
    steps: () => [connectionError("ECONNRESET"), ok()],
    call: { retryNonIdempotent: true },
    attempts: 2,
    delays: [375],
    outcome: "ok",
  },
  {
    name: "retryNonIdempotent: false per call overrides the client's true",
    method: "POST",
    steps: () => [s503(), ok()],
    client: { retryNonIdempotent: true },
    call: { retryNonIdempotent: false },
    attempts: 1,
    delays: [],
    outcome: ApiServerError,
  },
  {
    name: "maxRetries: 0 on the client → one attempt",
    method: "GET",
    steps: () => [s503(), ok()],
    client: { maxRetries: 0 },
    attempts: 1,
    delays: [],
    outcome: ApiServerError,
  },
  {
    name: "maxRetries: 4 per call → five attempts, backoff doubling",
    method: "GET",
    steps: () => [s503(), s503(), s503(), s503(), ok()],
    call: { maxRetries: 4 },
    attempts: 5,
    delays: [375, 750, 1500, 3000],
    outcome: "ok",
  },
  {
    name: "maxRetries: 0 per call overrides the client's 3 for a 429",
    method: "POST",
    steps: () => [text(429, "", { "Retry-After": "1" }), ok()],
    client: { maxRetries: 3 },
    call: { maxRetries: 0 },
    attempts: 1,
    delays: [],
    outcome: RateLimitError,
  },
];

async function run(c: Case) {
  const { fetch, log } = scriptedFetch(...c.steps());
  const { sleep, delays } = recordingSleep();
  const chirp = new Chirp({
    appKey: APP_KEY,
    baseUrl: BASE_URL,
    fetch,
    sleep,
    random: () => 0.5,
    now: () => NOW,
    ...c.client,
  });
  const [id, params] = CALLS[c.method];
  const call = (chirp.request as (id: OperationId, p: object) => Promise<unknown>)(id, { ...params, ...c.call });
  return { call, log, delays };
}

describe("retries", () => {
  it.each(cases)("$name", async (c) => {
    const { call, log, delays } = await run(c);
    if (c.outcome === "ok") {
      await expect(call).resolves.toEqual({ ok: true });
    } else {
      const error = await rejection(call);
      expect(error).toBeInstanceOf(c.outcome);
    }
    expect(log).toHaveLength(c.attempts);
    expect(delays).toEqual(c.delays);
    // Every attempt is the same request: method, URL, key and body.
    const first = log[0];
    for (const req of log) {
      expect(req.method).toBe(c.method);
      expect(req.url).toBe(first?.url);
      expect(req.headers.get("authorization")).toBe(`Bearer ${APP_KEY}`);
      expect(req.body).toBe(first?.body);
    }
  });

  it("a 429 thrown for waiting too long says when to retry", async () => {
    const { call } = await run({
      name: "",
      method: "POST",
      steps: () => [json(429, { error: "Rate limit exceeded." }, { "Retry-After": "90" })],
      attempts: 1,
      delays: [],
      outcome: RateLimitError,
    });
    const error = (await rejection(call)) as RateLimitError;
    expect(error.retryAfterMs).toBe(90_000);
    expect(error.message).toContain("retry after 90 s");
  });

  it("a refused connection is marked not-sent, a reset maybe-sent", async () => {
    for (const [code, sent] of [
      ["ECONNREFUSED", "not-sent"],
      ["ECONNRESET", "maybe-sent"],
    ] as const) {
      const { fetch } = scriptedFetch(connectionError(code));
      const chirp = new Chirp({ appKey: APP_KEY, fetch, maxRetries: 0 });
      const error = (await rejection(chirp.sendSms(sms()))) as ChirpConnectionError;
      expect(error.sent).toBe(sent);
      expect(error.message).toContain(code);
    }
  });

  it("backoff has jitter and a ceiling", async () => {
    const delaysWith = async (random: number) => {
      const { fetch } = scriptedFetch(s503(), s503(), s503(), s503(), s503(), s503(), s503(), ok());
      const { sleep, delays } = recordingSleep();
      const chirp = new Chirp({ appKey: APP_KEY, fetch, sleep, random: () => random, maxRetries: 7 });
      await chirp.listWebhooks();
      return delays;
    };
    const high = await delaysWith(0.999999);
    const low = await delaysWith(0);
    expect(high).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(low).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
  });

  it("the default sleep is not used when one is injected (no real time passes)", async () => {
    const { fetch, log } = scriptedFetch(text(429, "", { "Retry-After": "59" }), ok());
    const { sleep, delays } = recordingSleep();
    const chirp = new Chirp({ appKey: APP_KEY, fetch, sleep });
    const started = performance.now();
    await chirp.sendSms(sms());
    expect(performance.now() - started).toBeLessThan(1000);
    expect(delays).toEqual([59_000]);
    expect(log).toHaveLength(2);
  });
});
