// The seed operations, exercised with the seed documents' own example payloads
// (test/fixtures/seeds/, copied verbatim from shared/seeds/).
import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ApiServerError,
  AuthenticationError,
  Chirp,
  ChirpConfigError,
  type components,
  InvalidPhoneNumberError,
  InvalidRequestError,
  MetaApiError,
  MetaApiUnavailableError,
  PhoneNumberNotAssignedError,
  ProviderError,
  WhatsappNotConfiguredError,
} from "../../src/index.js";
import { ADMIN_KEY, APP_KEY, BASE_URL, json, recordingSleep, rejection, scriptedFetch } from "./helpers.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/seeds/${name}`, import.meta.url), "utf8");

/** The JSON object that starts at the first `{` at or after `from` in `text`, by brace matching. */
function jsonAt(text: string, from: number): { value: unknown; end: number } {
  const start = text.indexOf("{", from);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return { value: JSON.parse(text.slice(start, i + 1)), end: i + 1 };
  }
  throw new Error("no complete JSON object found");
}

describe("seed 000: POST /v1/organization/whatsapp/business-profiles/callback (admin key)", () => {
  const seed = fixture("000_66df2edef1cd6c84.txt");
  const request = jsonAt(seed, seed.indexOf("--data"));
  const response = jsonAt(seed, request.end);
  const seedRequest = request.value as components["schemas"]["WhatsAppBusinessProfileCallbackRequest"];
  const seedResponse = response.value as components["schemas"]["BusinessProfileCallbackResponse"];

  it("the seed's payloads were found", () => {
    expect(seedRequest).toMatchObject({ code: "<string>", isCoexistence: true });
    expect(seedResponse).toMatchObject({ id: "wabp_2DbBs7GWhGvVNJGrDXr5RG0mBWI", businessName: "Acme Corp" });
  });

  it("completeWhatsAppBusinessProfileCallback sends the seed's request and resolves to its 201 response", async () => {
    const { fetch, log } = scriptedFetch(json(201, seedResponse));
    const chirp = new Chirp({ adminKey: ADMIN_KEY, baseUrl: BASE_URL, fetch });
    const profile = await chirp.completeWhatsAppBusinessProfileCallback({ body: seedRequest });
    expectTypeOf(profile).toEqualTypeOf<components["schemas"]["BusinessProfileCallbackResponse"]>();
    expect(profile).toEqual(seedResponse);
    expect(profile.phoneNumbers[0]?.qualityRating).toBe("GREEN");
    expect(log).toHaveLength(1);
    expect(log[0]?.method).toBe("POST");
    expect(log[0]?.url).toBe(`${BASE_URL}/v1/organization/whatsapp/business-profiles/callback`);
    expect(log[0]?.headers.get("authorization")).toBe(`Bearer ${ADMIN_KEY}`);
    expect(log[0]?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(log[0]?.body ?? "")).toEqual(seedRequest);
  });

  it("an app-key-only client cannot call it: ChirpConfigError, nothing sent", async () => {
    const { fetch, log } = scriptedFetch(json(201, seedResponse));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    expect(await rejection(chirp.completeWhatsAppBusinessProfileCallback({ body: seedRequest }))).toBeInstanceOf(
      ChirpConfigError,
    );
    expect(log).toHaveLength(0);
  });

  it("a 500 is not re-sent (a POST; the FB.login code expires in 30 s anyway)", async () => {
    const { fetch, log } = scriptedFetch(
      json(500, { error: { type: "api_error", message: "Unexpected server-side failure." } }),
      json(201, seedResponse),
    );
    const { sleep, delays } = recordingSleep();
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch, sleep });
    expect(await rejection(chirp.completeWhatsAppBusinessProfileCallback({ body: seedRequest }))).toBeInstanceOf(
      ApiServerError,
    );
    expect(log).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("the server's 401 for a wrong key is an AuthenticationError", async () => {
    const { fetch } = scriptedFetch(
      json(401, { error: { type: "authentication_error", message: "Not an admin key" } }),
    );
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    const error = await rejection(chirp.completeWhatsAppBusinessProfileCallback({ body: seedRequest }));
    expect(error).toBeInstanceOf(AuthenticationError);
  });
});

describe("seed 004: GET /v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile (app key)", () => {
  const seed = fixture("004_ba8c0aaa83cd4957.txt");
  const examples = JSON.parse(fixture("004_examples.json")) as {
    phoneNumberId: string;
    profile: Awaited<ReturnType<Chirp["getWhatsAppBusinessProfile"]>>;
    apiErrorExample: { error: Record<string, unknown> };
    _notFromSeed: string[];
  };
  const params = { path: { phoneNumberId: examples.phoneNumberId } };

  function client(...answers: Response[]) {
    const { fetch, log } = scriptedFetch(...answers);
    const { sleep, delays } = recordingSleep();
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: BASE_URL, fetch, sleep, random: () => 0.5 });
    return { chirp, log, delays };
  }

  it("every example value of the fixture is in the seed text", () => {
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === "string") strings.push(v);
      else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
    };
    walk({ p: examples.phoneNumberId, r: examples.profile, e: examples.apiErrorExample });
    for (const s of strings) if (!examples._notFromSeed.includes(s)) expect(seed, s).toContain(s);
  });

  it("getWhatsAppBusinessProfile resolves to the typed profile, with the app key", async () => {
    const { chirp, log } = client(json(200, examples.profile));
    const profile = await chirp.getWhatsAppBusinessProfile(params);
    expect(profile).toEqual(examples.profile);
    expect(profile.vertical).toBe("RETAIL");
    expect(profile.websites).toEqual(["https://www.example.com", "https://shop.example.com"]);
    expect(log[0]?.method).toBe("GET");
    expect(log[0]?.url).toBe(`${BASE_URL}/v1/whatsapp/phone-numbers/wapn_2DbBs7GWhGvVNJGrDXr5RG0mBWI/business-profile`);
    expect(log[0]?.headers.get("authorization")).toBe(`Bearer ${APP_KEY}`);
    expect(log[0]?.body).toBeUndefined();
  });

  it("vertical: null (API-BEHAVIOUR §10) and the other nullable fields pass through", async () => {
    const nulls = { ...examples.profile, vertical: null, about: null, websites: null, reviewDecision: null };
    const { chirp } = client(json(200, nulls));
    expect(await chirp.getWhatsAppBusinessProfile(params)).toEqual(nulls);
  });

  it("an admin-key-only client cannot call it: ChirpConfigError, nothing sent", async () => {
    const { fetch, log } = scriptedFetch(json(200, examples.profile));
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    expect(await rejection(chirp.getWhatsAppBusinessProfile(params))).toBeInstanceOf(ChirpConfigError);
    expect(log).toHaveLength(0);
  });

  it("the ApiError model's own example → InvalidPhoneNumberError with every field", async () => {
    const { chirp } = client(json(400, examples.apiErrorExample));
    const error = await rejection(chirp.getWhatsAppBusinessProfile(params));
    expect(error).toBeInstanceOf(InvalidPhoneNumberError);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({
      status: 400,
      type: "invalid_request_error",
      code: "invalid_phone_number",
      serverMessage: 'The phone number "+1abc" is not in E.164 format.',
      docUrl: "https://docs.buildwithchirp.com/api_reference/error-codes#invalid_phone_number",
      param: "from",
      provider: { source: "meta", code: 131026, message: "Unable to deliver message" },
    });
  });

  it.each([
    ["phone_number_not_assigned", PhoneNumberNotAssignedError],
    ["whatsapp_not_configured", WhatsappNotConfiguredError],
  ] as const)("404 %s → its class, an InvalidRequestError, not retried", async (code, Class) => {
    const { chirp, log } = client(
      json(404, { error: { type: "invalid_request_error", code, message: "Phone number not found" } }),
    );
    const error = await rejection(chirp.getWhatsAppBusinessProfile(params));
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ status: 404, code });
    expect(log).toHaveLength(1);
  });

  it.each([
    ["meta_api_error", MetaApiError, "api_error", ApiServerError],
    ["meta_api_unavailable", MetaApiUnavailableError, "api_error", ApiServerError],
    ["meta_api_error", MetaApiError, "provider_error", ProviderError],
    ["meta_api_unavailable", MetaApiUnavailableError, undefined, ProviderError],
  ] as const)(
    "424 %s (type %s) → its class, family by type else status, provider kept",
    async (code, Class, type, Family) => {
      const provider = {
        source: "meta",
        code: 2,
        message: "Service temporarily unavailable",
        fbtrace_id: "AbC123",
        health_status: {
          can_send_message: "LIMITED",
          entities: [
            {
              entity_type: "WABA",
              id: "waba_1",
              can_send_message: "LIMITED",
              additional_info: ["Messaging limit reached"],
            },
          ],
        },
      };
      const { chirp, log } = client(json(424, { error: { type, code, message: "Meta error", provider } }));
      const error = await rejection(chirp.getWhatsAppBusinessProfile(params));
      expect(error).toBeInstanceOf(Class);
      expect(error).toBeInstanceOf(Family);
      expect(error).toMatchObject({ status: 424, code, type, provider });
      expect(log).toHaveLength(1);
    },
  );

  it("500 → ApiServerError, retried for this GET, then thrown", async () => {
    const body = { error: { type: "api_error", message: "Internal server error" } };
    const { chirp, log, delays } = client(json(500, body), json(500, body), json(500, body));
    const error = await rejection(chirp.getWhatsAppBusinessProfile(params));
    expect(error).toBeInstanceOf(ApiServerError);
    expect(log).toHaveLength(3);
    expect(delays).toEqual([375, 750]);
  });

  it("500 then 200 → the profile", async () => {
    const { chirp, log } = client(
      json(500, { error: { type: "api_error", message: "x" } }),
      json(200, examples.profile),
    );
    expect(await chirp.getWhatsAppBusinessProfile(params)).toEqual(examples.profile);
    expect(log).toHaveLength(2);
  });
});
