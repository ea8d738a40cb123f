// Property: whatever a server answers with an error status — any body, any reason
// phrase, any headers — the call rejects with a ChirpApiError carrying that status, of
// the family its type or status gives, a RateLimitError for every 429, retried only as
// the rules say, and holding no trace of the key in any string form.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { familyOf } from "../../../src/errors/families.js";
import { ChirpApiError, ChirpError, ChirpResponseError, RateLimitError } from "../../../src/index.js";
import { BufferedResponse } from "../../../src/node/buffered-response.js";
import { faultClient, NOW, SECRET } from "../clients.js";
import { everyStringForm } from "../string-forms.js";
import { errorBody, errorStatus, printable, rateLimitReset, retryAfter } from "./arbitraries.js";
import { check } from "./seed.js";

const BASE = "https://api.chirp.test";

const headers = fc.record(
  {
    "retry-after": retryAfter,
    "x-ratelimit-reset": rateLimitReset(NOW),
    "x-ratelimit-limit": printable,
    "x-ratelimit-remaining": printable,
    "x-echo": printable,
    "content-type": fc.constantFrom("application/json", "text/html", "application/problem+json"),
  },
  { requiredKeys: [] },
);

/** The answer as a fetch gives it; BufferedResponse holds statuses the Response constructor refuses (as createNodeFetch does). */
function answer(status: number, statusText: string, body: string, h: Record<string, string>): Response {
  return new BufferedResponse(new TextEncoder().encode(body) as Uint8Array<ArrayBuffer>, {
    status,
    statusText,
    headers: h,
  });
}

// The documented types and their families, spelled out here (not read from the code under test).
const FAMILY_BY_TYPE: Readonly<Record<string, string>> = {
  invalid_request_error: "invalid_request",
  authentication_error: "authentication",
  provider_error: "provider",
  api_error: "api",
};

function expectedFamily(body: string, status: number): string {
  let type: unknown;
  try {
    type = (JSON.parse(body) as { error?: { type?: unknown } })?.error?.type;
  } catch {}
  return typeof type === "string" && Object.hasOwn(FAMILY_BY_TYPE, type)
    ? (FAMILY_BY_TYPE[type] as string)
    : familyOf(undefined, status);
}

const retryable = (status: number) =>
  status === 429 || status === 408 || (status >= 500 && status <= 599 && status !== 501);

describe("fuzz: error answers", () => {
  it("any error status, body, reason phrase and headers → a ChirpApiError of the right family, no key anywhere", async () => {
    await check(
      fc.asyncProperty(
        errorStatus,
        printable,
        errorBody,
        headers,
        fc.constantFrom("GET", "POST"),
        async (status, reason, body, h, method) => {
          let attempts = 0;
          const fetch = async () => {
            attempts++;
            return answer(status, reason, body, h);
          };
          const { chirp, delays } = faultClient(BASE, fetch, { maxRetries: 1, maxRetryAfter: 60_000 });
          const call =
            method === "GET"
              ? chirp.listWebhooks()
              : chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "x" } });
          const error = await call.then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(ChirpApiError);
          const apiError = error as ChirpApiError;
          expect(apiError.status).toBe(status);
          expect(apiError.family).toBe(expectedFamily(body, status));
          if (status === 429) expect(apiError).toBeInstanceOf(RateLimitError);
          // 4xx other than 408/429 and odd statuses are final; a POST retries only a 429.
          const mayRetry = retryable(status) && (method === "GET" || status === 429);
          if (!mayRetry) expect(attempts).toBe(1);
          for (const d of delays) expect(d >= 0 && d <= 60_000).toBe(true);
          for (const form of everyStringForm(apiError)) expect(form).not.toContain(SECRET);
        },
      ),
      4000,
    );
  });

  it("any 2xx body → the parsed value or a ChirpResponseError, no key anywhere", async () => {
    await check(
      fc.asyncProperty(fc.integer({ min: 200, max: 299 }), errorBody, async (status, body) => {
        const fetch = async () => answer(status, "OK", body, { "content-type": "application/json" });
        const outcome = await faultClient(BASE, fetch)
          .chirp.listWebhooks()
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        if (outcome === undefined) return;
        expect(outcome).toBeInstanceOf(ChirpResponseError);
        expect(outcome).toBeInstanceOf(ChirpError);
        for (const form of everyStringForm(outcome)) expect(form).not.toContain(SECRET);
      }),
      1000,
    );
  });
});

describe("fuzz: the generators", () => {
  it("put the key (plain or JSON-escaped) in a good share of bodies and header values, so the properties can fail", () => {
    const decoded = (s: string) =>
      s.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    const bodies = fc.sample(errorBody, { seed: 1, numRuns: 1000 });
    const withKey = bodies.filter((b) => decoded(b).includes(SECRET));
    const escaped = withKey.filter((b) => !b.includes(SECRET));
    expect(withKey.length).toBeGreaterThan(100);
    expect(escaped.length).toBeGreaterThan(20);
    expect(fc.sample(printable, { seed: 1, numRuns: 1000 }).filter((v) => v.includes(SECRET)).length).toBeGreaterThan(
      100,
    );
  });
});

describe("error.type → family", () => {
  it.each(Object.entries(FAMILY_BY_TYPE))("%s → %s", (type, family) => {
    // Whatever the family, one of these statuses implies another: the type must win over both.
    expect(familyOf(type, 500)).toBe(family);
    expect(familyOf(type, 401)).toBe(family);
  });

  // The family is read off the type's name, so names built from inherited members must find nothing.
  it.each([
    "constructor_error",
    "__proto___error",
    "toString_error",
    "hasOwnProperty_error",
    "_error",
    "api",
    "api_errors",
    "API_ERROR",
    "invalid_request",
    undefined,
  ])("%j → no family (the status decides)", (type) => {
    expect(familyOf(type, 500)).toBe("api");
    expect(familyOf(type, 401)).toBe("authentication");
  });
});
