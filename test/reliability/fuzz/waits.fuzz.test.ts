// Property: whatever Retry-After and X-RateLimit-Reset say, every wait the client
// asks for lies within [0, maxRetryAfter]; digits are read as seconds, an HTTP-date
// as the time until it, and anything else falls back to the backoff (never "now").
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoff } from "../../../src/call/7-retry.js";
import { parseHttpDate } from "../../../src/http-date.js";
import { ChirpApiError } from "../../../src/index.js";
import { readRetryAfter } from "../../../src/rate-limit-info.js";
import { faultClient, NOW } from "../clients.js";
import { rateLimitReset, retryAfter } from "./arbitraries.js";
import { check } from "./seed.js";

const BASE = "https://api.chirp.test";

describe("fuzz: waits", () => {
  it("every wait lies within [0, maxRetryAfter], whatever the headers", async () => {
    await check(
      fc.asyncProperty(
        fc.constantFrom(429, 503, 500, 408),
        fc.option(retryAfter, { nil: undefined }),
        fc.option(rateLimitReset(NOW), { nil: undefined }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        async (status, ra, reset, maxRetryAfter, jitter) => {
          const headers: Record<string, string> = {};
          if (ra !== undefined) headers["retry-after"] = ra;
          if (reset !== undefined) headers["x-ratelimit-reset"] = reset;
          const fetch = async () => new Response("", { status, headers });
          const { chirp, delays } = faultClient(BASE, fetch, { maxRetries: 3, maxRetryAfter, random: () => jitter });
          const error = await chirp.listWebhooks().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(ChirpApiError);
          for (const d of delays) expect(Number.isFinite(d) && d >= 0 && d <= maxRetryAfter).toBe(true);
        },
      ),
      3000,
    );
  });

  it("Retry-After: digits → seconds; an HTTP-date → the time until it; anything else → no server wait", async () => {
    await check(
      fc.asyncProperty(retryAfter, fc.constantFrom(429, 503), async (value, status) => {
        const wait = readRetryAfter(new Headers({ "retry-after": value }), NOW, status);
        const trimmed = value.trim();
        if (/^\d+$/.test(trimmed)) expect(wait).toBe(Number(trimmed) * 1000);
        else {
          const date = parseHttpDate(trimmed);
          expect(wait).toBe(date === undefined ? undefined : Math.max(0, date - NOW));
          if (date !== undefined) expect(Number.isFinite(date)).toBe(true);
        }
      }),
      1000,
    );
  });

  it("a malformed Retry-After on a 503 means the backoff, never an immediate retry", async () => {
    await check(
      fc.asyncProperty(
        retryAfter.filter((v) => !/^\d+$/.test(v.trim()) && parseHttpDate(v.trim()) === undefined),
        async (value) => {
          const fetch = async () => new Response("", { status: 503, headers: { "retry-after": value } });
          const { chirp, delays } = faultClient(BASE, fetch, { maxRetries: 1 });
          await chirp.listWebhooks().catch(() => {});
          expect(delays).toEqual([backoff(0, () => 0)]);
        },
      ),
      500,
    );
  });
});

describe("HTTP-date forms", () => {
  it.each([
    ["IMF-fixdate", "Sun, 06 Nov 1994 08:49:37 GMT"],
    ["RFC 850", "Sunday, 06-Nov-94 08:49:37 GMT"],
    ["asctime", "Sun Nov  6 08:49:37 1994"],
  ])("%s is read as UTC", (_, value) => {
    expect(parseHttpDate(value)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  it.each([
    "-5",
    "+5",
    "1,5",
    "abc",
    "1e12",
    "2030-01-01",
    "Sun, 06 Nov 1994 08:49:37 PST",
    "Sun, 32 Nov 1994 08:49:37 GMT",
    // One form's start with another's end.
    "Sun, 06 Nov 1994 08:49:37 1994",
    "Sunday, 06-Nov-94 08:49:37 1994",
    "Sun Nov  6 08:49:37 GMT",
  ])("%j is not an HTTP-date", (value) => {
    expect(parseHttpDate(value)).toBeUndefined();
  });
});

describe("X-RateLimit-Reset", () => {
  const wait = (value: string, status = 429) =>
    readRetryAfter(new Headers({ "x-ratelimit-reset": value }), NOW, status);
  it.each([
    ["epoch seconds", String(NOW / 1000 + 7), 7000],
    ["epoch seconds with a fraction", String(NOW / 1000 + 0.25), 250],
    ["a reset already past", String(NOW / 1000 - 5), 0],
  ])("%s → the time until it", (_, value, ms) => {
    expect(wait(value)).toBe(ms);
  });

  it.each([
    ["milliseconds", String(NOW + 7000)],
    ["just above 10^11 seconds", "100000000001"],
    ["negative", "-5"],
    ["an exponent", "1.9e9"],
    ["text", "soon"],
  ])("%s → ignored", (_, value) => {
    expect(wait(value)).toBeUndefined();
  });

  it("counts for a 429 only", () => {
    expect(wait(String(NOW / 1000 + 7), 503)).toBeUndefined();
  });
});
