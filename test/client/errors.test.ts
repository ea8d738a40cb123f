// Which error class a failed answer becomes, and what it carries. Table-driven
// over status/body cases; one case per generated code class (from the spec, not a
// hand list).
import { describe, expect, it } from "vitest";
import { errorClassByCode, errorCodes } from "../../src/generated/errors.js";
import * as sdk from "../../src/index.js";
import {
  ApiServerError,
  AuthenticationError,
  Chirp,
  ChirpApiError,
  ChirpConnectionError,
  ChirpError,
  ChirpResponseError,
  InvalidRequestError,
  ProviderError,
  RateLimitError,
} from "../../src/index.js";
import { specFacts } from "../spec-facts.js";
import { APP_KEY, apiError, BASE_URL, json, rejection, scriptedFetch, text } from "./helpers.js";

const FAMILIES = { InvalidRequestError, AuthenticationError, ProviderError, ApiServerError } as const;
type FamilyName = keyof typeof FAMILIES;

/** Calls one GET operation once (no retries) against `answer`, and returns what it threw. */
async function failWith(answer: Response): Promise<ChirpApiError> {
  const { fetch, log } = scriptedFetch(answer);
  const chirp = new Chirp({ appKey: APP_KEY, baseUrl: BASE_URL, fetch, maxRetries: 0 });
  const error = await rejection(chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } }));
  expect(log).toHaveLength(1);
  expect(error).toBeInstanceOf(ChirpError);
  expect(error).toBeInstanceOf(ChirpApiError);
  return error as ChirpApiError;
}

/** The one family `error` belongs to; fails when it is in none or several. */
function familyOf(error: unknown): FamilyName {
  const names = (Object.keys(FAMILIES) as FamilyName[]).filter((n) => error instanceof FAMILIES[n]);
  expect(names).toHaveLength(1);
  return names[0] as FamilyName;
}

// A code already ending in `_error` keeps one "Error" (`meta_api_error` → `MetaApiError`).
const className = (code: string) =>
  `${code
    .replace(/_error$/, "")
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("")}Error`;

describe("a class per documented code, generated from the spec", () => {
  it("has every code of the spec's ApiError, each with its own class", () => {
    const spec = specFacts().errorCodes;
    expect(errorCodes).toEqual(spec);
    expect(Object.keys(errorClassByCode).sort()).toEqual([...spec].sort());
    expect(new Set(Object.values(errorClassByCode)).size).toBe(spec.length);
  });

  it.each(errorCodes.map((code) => [code]))("%s → its <PascalCaseCode>Error class, exported", async (code) => {
    const Class = errorClassByCode[code];
    expect(Class.name).toBe(className(code));
    expect(Class.name).not.toMatch(/ErrorError$/);
    expect((sdk as Record<string, unknown>)[Class.name]).toBe(Class);
    const error = await failWith(
      apiError(400, { type: "invalid_request_error", code, message: `about ${code}`, doc_url: `https://d/#${code}` }),
    );
    expect(error).toBeInstanceOf(Class);
    expect(error.constructor).toBe(Class);
    expect(error.name).toBe(Class.name);
    expect(error.code).toBe(code);
    expect(error.type).toBe("invalid_request_error");
    expect(error.status).toBe(400);
    expect(error.docUrl).toBe(`https://d/#${code}`);
    expect(familyOf(error)).toBe("InvalidRequestError");
    // No other code class claims it.
    for (const other of errorCodes) if (other !== code) expect(error).not.toBeInstanceOf(errorClassByCode[other]);
  });
});

interface Case {
  readonly name: string;
  readonly answer: () => Response;
  readonly cls: Function;
  readonly family: FamilyName;
  readonly rateLimit: boolean;
  readonly fields?: Partial<Record<keyof ChirpApiError, unknown>>;
}

const cases: Case[] = [
  // A known type decides the family, whatever the status (the docs' tables disagree, §1.2).
  {
    name: "403 provider_error account_restricted (codes table) → ProviderError family",
    answer: () => apiError(403, { type: "provider_error", code: "account_restricted", message: "restricted" }),
    cls: errorClassByCode.account_restricted,
    family: "ProviderError",
    rateLimit: false,
    fields: { status: 403, type: "provider_error", code: "account_restricted", serverMessage: "restricted" },
  },
  {
    name: "424 api_error meta_api_error (codes table) → ApiServerError family",
    answer: () => apiError(424, { type: "api_error", code: "meta_api_error", message: "meta" }),
    cls: errorClassByCode.meta_api_error,
    family: "ApiServerError",
    rateLimit: false,
    fields: { status: 424, type: "api_error", code: "meta_api_error" },
  },
  {
    name: "402 provider_error conversation_window_expired",
    answer: () => apiError(402, { type: "provider_error", code: "conversation_window_expired", message: "24h" }),
    cls: errorClassByCode.conversation_window_expired,
    family: "ProviderError",
    rateLimit: false,
  },
  {
    name: "known code, no type → class by code, family by status (404)",
    answer: () => apiError(404, { code: "template_not_found", message: "no template" }),
    cls: errorClassByCode.template_not_found,
    family: "InvalidRequestError",
    rateLimit: false,
    fields: { type: undefined, code: "template_not_found" },
  },
  // Known type, no code → the family class itself.
  ...(
    [
      ["invalid_request_error", 400, InvalidRequestError, "InvalidRequestError"],
      ["authentication_error", 401, AuthenticationError, "AuthenticationError"],
      ["provider_error", 402, ProviderError, "ProviderError"],
      ["api_error", 500, ApiServerError, "ApiServerError"],
      ["authentication_error", 500, AuthenticationError, "AuthenticationError"],
    ] as const
  ).map(
    ([type, status, cls, family]): Case => ({
      name: `${status} ${type} without code → ${family}`,
      answer: () => apiError(status, { type, message: "m" }),
      cls,
      family,
      rateLimit: false,
      fields: { status, type, code: undefined },
    }),
  ),
  // A code the SDK does not know yet → its family class, code kept.
  {
    name: "unknown code with a known type → family class, code set",
    answer: () => apiError(400, { type: "invalid_request_error", code: "brand_new_code", message: "new" }),
    cls: InvalidRequestError,
    family: "InvalidRequestError",
    rateLimit: false,
    fields: { code: "brand_new_code", type: "invalid_request_error" },
  },
  {
    name: "unknown code and unknown type → family by status (402), both kept",
    answer: () => apiError(402, { type: "billing_error", code: "brand_new_code", message: "pay" }),
    cls: ProviderError,
    family: "ProviderError",
    rateLimit: false,
    fields: { code: "brand_new_code", type: "billing_error", serverMessage: "pay" },
  },
  // No known type → family by status.
  ...(
    [
      [400, "InvalidRequestError"],
      [404, "InvalidRequestError"],
      [409, "InvalidRequestError"],
      [422, "InvalidRequestError"],
      [401, "AuthenticationError"],
      [403, "AuthenticationError"],
      [402, "ProviderError"],
      [424, "ProviderError"],
      [500, "ApiServerError"],
      [502, "ApiServerError"],
      [503, "ApiServerError"],
      [418, "ApiServerError"],
      [405, "ApiServerError"],
    ] as const
  ).map(
    ([status, family]): Case => ({
      name: `${status} with a body that names no type → ${family}`,
      answer: () => json(status, { error: { message: "m" } }),
      cls: FAMILIES[family],
      family,
      rateLimit: false,
      fields: { status, type: undefined, code: undefined, serverMessage: "m" },
    }),
  ),
  // Bodies that are not the envelope.
  {
    name: "Prism's application/problem+json 422 → InvalidRequestError, its detail as message",
    answer: () =>
      new Response(
        JSON.stringify({
          type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
          title: "Invalid request",
          status: 422,
          detail: "Your request is not valid and no HTTP validation response was found in the spec",
        }),
        { status: 422, headers: { "content-type": "application/problem+json" } },
      ),
    cls: InvalidRequestError,
    family: "InvalidRequestError",
    rateLimit: false,
    fields: {
      type: undefined,
      serverMessage: "Your request is not valid and no HTTP validation response was found in the spec",
    },
  },
  {
    name: "HTML from a proxy on 502 → ApiServerError, raw text kept",
    answer: () => text(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", { "content-type": "text/html" }),
    cls: ApiServerError,
    family: "ApiServerError",
    rateLimit: false,
    fields: { body: undefined, rawBody: "<html><body><h1>502 Bad Gateway</h1></body></html>" },
  },
  {
    name: "empty body on 503 → ApiServerError",
    answer: () => text(503, ""),
    cls: ApiServerError,
    family: "ApiServerError",
    rateLimit: false,
    fields: { body: undefined, rawBody: "", type: undefined },
  },
  {
    name: "empty body on 401 → AuthenticationError",
    answer: () => text(401, ""),
    cls: AuthenticationError,
    family: "AuthenticationError",
    rateLimit: false,
  },
  {
    name: "truncated JSON on 400 → InvalidRequestError, raw text kept",
    answer: () =>
      text(400, '{"error": {"type": "invalid_request_error", "code": "templ', { "content-type": "application/json" }),
    cls: InvalidRequestError,
    family: "InvalidRequestError",
    rateLimit: false,
    fields: { rawBody: '{"error": {"type": "invalid_request_error", "code": "templ', code: undefined },
  },
  {
    name: "a JSON array body on 404 → InvalidRequestError",
    answer: () => json(404, ["not", "an", "envelope"]),
    cls: InvalidRequestError,
    family: "InvalidRequestError",
    rateLimit: false,
  },
  // Every 429 is a RateLimitError, and a member of its type's family.
  {
    name: 'the documented 429 string form {"error": "Rate limit exceeded…"} → RateLimitError (invalid_request)',
    answer: () => json(429, { error: "Rate limit exceeded. Try again in 30 seconds." }, { "Retry-After": "30" }),
    cls: RateLimitError,
    family: "InvalidRequestError",
    rateLimit: true,
    fields: { serverMessage: "Rate limit exceeded. Try again in 30 seconds.", retryAfterMs: 30_000, type: undefined },
  },
  {
    name: "429 rate_limit_exceeded envelope → RateLimitExceededError, RateLimitError, InvalidRequestError",
    answer: () => apiError(429, { type: "invalid_request_error", code: "rate_limit_exceeded", message: "slow" }),
    cls: errorClassByCode.rate_limit_exceeded,
    family: "InvalidRequestError",
    rateLimit: true,
  },
  {
    name: "429 whatsapp_rate_limited provider_error → WhatsappRateLimitedError, RateLimitError, ProviderError",
    answer: () => apiError(429, { type: "provider_error", code: "whatsapp_rate_limited", message: "meta says slow" }),
    cls: errorClassByCode.whatsapp_rate_limited,
    family: "ProviderError",
    rateLimit: true,
  },
  {
    name: "429 api_error without code → ApiServerError family, still a RateLimitError",
    answer: () => apiError(429, { type: "api_error", message: "busy" }),
    cls: ApiServerError,
    family: "ApiServerError",
    rateLimit: true,
  },
  {
    name: "429 with an HTML body → RateLimitError",
    answer: () => text(429, "<html>Too Many Requests</html>"),
    cls: RateLimitError,
    family: "InvalidRequestError",
    rateLimit: true,
    fields: { rawBody: "<html>Too Many Requests</html>" },
  },
];

describe("the class of a failed answer", () => {
  it.each(cases)("$name", async ({ answer, cls, family, rateLimit, fields }) => {
    const error = await failWith(answer());
    expect(error).toBeInstanceOf(cls);
    expect(familyOf(error)).toBe(family);
    expect(error instanceof RateLimitError).toBe(rateLimit);
    for (const [name, value] of Object.entries(fields ?? {})) {
      expect(error[name as keyof ChirpApiError], name).toEqual(value);
    }
  });

  it("a non-429 is never a RateLimitError, even with rate_limit_exceeded as its code", async () => {
    const error = await failWith(
      apiError(400, { type: "invalid_request_error", code: "rate_limit_exceeded", message: "x" }),
    );
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(errorClassByCode.rate_limit_exceeded);
  });

  it("ChirpValidationError is an InvalidRequestError but not a ChirpApiError answer", () => {
    const error = new sdk.ChirpValidationError("bad", "to[0]", "invalid_phone_number");
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect(error).not.toBeInstanceOf(RateLimitError);
  });

  it("configuration, connection and plain errors belong to no family", () => {
    for (const error of [new sdk.ChirpConfigError("x"), new Error("x"), new TypeError("x"), null, "x"]) {
      for (const Family of [...Object.values(FAMILIES), RateLimitError]) expect(error).not.toBeInstanceOf(Family);
    }
  });
});

describe("what an API error carries", () => {
  it("every documented envelope field, the headers, rate limit and raw body", async () => {
    const envelope = {
      error: {
        type: "provider_error",
        code: "message_undeliverable",
        message: "The message could not be delivered",
        doc_url: "https://docs.buildwithchirp.com/api_reference/error-codes#message_undeliverable",
        param: "to[0]",
        provider: {
          source: "meta",
          code: 131026,
          message: "Unable to deliver message",
          fbtrace_id: "AbCdEf123",
          health_status: {
            can_send_message: "BLOCKED",
            entities: [
              {
                entity_type: "PHONE_NUMBER",
                id: "1234",
                can_send_message: "BLOCKED",
                errors: [{ error_code: 141006, error_description: "payment", possible_solution: "add card" }],
              },
            ],
          },
        },
        additional_info: ["Add a payment method in WhatsApp Manager"],
      },
    };
    const error = await failWith(
      json(402, envelope, {
        "X-RateLimit-Limit": "100",
        "X-RateLimit-Remaining": "7",
        "X-RateLimit-Reset": "1640995200",
      }),
    );
    expect(error).toBeInstanceOf(errorClassByCode.message_undeliverable);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      status: 402,
      type: "provider_error",
      code: "message_undeliverable",
      serverMessage: "The message could not be delivered",
      docUrl: envelope.error.doc_url,
      param: "to[0]",
      provider: envelope.error.provider,
      additionalInfo: ["Add a payment method in WhatsApp Manager"],
      rateLimit: { limit: 100, remaining: 7, resetAt: 1_640_995_200_000 },
      body: envelope,
      rawBody: JSON.stringify(envelope),
      method: "GET",
      path: "/v1/whatsapp/phone-numbers/wapn_1/business-profile",
    });
    expect(error.provider?.health_status?.can_send_message).toBe("BLOCKED");
    expect(error.headers.get("x-ratelimit-remaining")).toBe("7");
  });

  it("every field is an own property, in the same order, whatever the body's form", async () => {
    const fields = [
      "status",
      "type",
      "code",
      "serverMessage",
      "docUrl",
      "param",
      "provider",
      "additionalInfo",
      "headers",
      "rateLimit",
      "retryAfterMs",
      "body",
      "rawBody",
      "method",
      "path",
      "requestId",
    ];
    const answers = [
      apiError(400, { type: "invalid_request_error", code: "template_not_found", message: "m" }),
      json(429, { error: "Rate limit exceeded. Try again in 30 seconds." }),
      json(422, { type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY", title: "t", detail: "d" }),
      json(400, [1]),
      text(502, "<html>bad gateway</html>"),
      text(500, ""),
    ];
    for (const answer of answers) {
      const error = await failWith(answer);
      const own = Object.keys(error).filter((key) => fields.includes(key));
      expect(own).toEqual(fields);
      // The two facts only the message and the class are made from are not fields.
      expect(Object.hasOwn(error, "statusText")).toBe(false);
    }
  });

  it("its message reads `<status> <text>: <METHOD> <path> — <server message>`", async () => {
    const error = await failWith(
      new Response(JSON.stringify({ error: { type: "invalid_request_error", message: "Template is missing" } }), {
        status: 404,
        statusText: "Not Found",
      }),
    );
    expect(error.message).toBe(
      "404 Not Found: GET /v1/whatsapp/phone-numbers/wapn_1/business-profile — Template is missing",
    );
  });

  it("its message says so when the answer had neither an error message nor a reason phrase", async () => {
    const error = await failWith(apiError(400, { type: "invalid_request_error", code: "no_such_code" }));
    expect(error.message).toBe("400: GET /v1/whatsapp/phone-numbers/wapn_1/business-profile — no error message");
  });

  it("its message names no host and no query string", async () => {
    const { fetch } = scriptedFetch(apiError(400, { type: "invalid_request_error", message: "bad" }));
    const chirp = new Chirp({ adminKey: "sk_admin_k1", baseUrl: BASE_URL, fetch, maxRetries: 0 });
    const error = (await rejection(chirp.listOrganizationSmsMessages({ query: { appId: "secret_app" } }))) as Error;
    expect(error.message).not.toContain("api.chirp.test");
    expect(error.message).not.toContain("secret_app");
  });
});

describe("no network failure escapes as a bare TypeError", () => {
  it.each([
    ["undici's TypeError('fetch failed') with a coded cause", Object.assign(new TypeError("fetch failed"), {})],
    ["a plain Error", new Error("socket hang up")],
    ["a thrown string", "boom"],
  ])("%s → ChirpConnectionError with a copy as cause", async (_, thrown) => {
    const { fetch } = scriptedFetch((): Response => {
      throw thrown;
    });
    const chirp = new Chirp({ appKey: APP_KEY, fetch, maxRetries: 0 });
    const error = await rejection(chirp.listWebhooks());
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect(error).toBeInstanceOf(ChirpError);
    // A sanitised copy, never the foreign object itself (it may hold the request's headers).
    const cause = (error as ChirpConnectionError).cause;
    if (typeof thrown === "string") expect(cause).toBe(thrown);
    else {
      expect(cause).not.toBe(thrown);
      expect(cause).toMatchObject({ name: thrown.name, message: thrown.message });
    }
    expect((error as ChirpConnectionError).sent).toBe("maybe-sent");
  });

  it("a 2xx whose body is not JSON → ChirpResponseError, raw text kept", async () => {
    const { fetch } = scriptedFetch(text(200, "<html>captive portal</html>"));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const error = await rejection(chirp.listWebhooks());
    expect(error).toBeInstanceOf(ChirpResponseError);
    expect(error).toBeInstanceOf(ChirpError);
    expect((error as ChirpResponseError).rawBody).toBe("<html>captive portal</html>");
  });
});
