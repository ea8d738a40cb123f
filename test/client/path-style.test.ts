// The typed openapi-fetch client made from a Chirp client (createPathClient(chirp)
// → api.GET / POST / …): the same key selection, retries and error classes as the
// operation methods.
import { describe, expect, it } from "vitest";
import {
  ApiServerError,
  Chirp,
  ChirpConfigError,
  ChirpConnectionError,
  createPathClient,
  InvalidRequestError,
  PhoneNumberNotAssignedError,
  RateLimitError,
} from "../../src/index.js";
import {
  ADMIN_KEY,
  APP_KEY,
  apiError,
  BASE_URL,
  connectionError,
  json,
  recordingSleep,
  rejection,
  scriptedFetch,
  text,
} from "./helpers.js";

const PROFILE_PATH = "/v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile";
const SMS = { from: "+15551234567", to: ["+15559876543"], text: "Hi" };

function client(...steps: Parameters<typeof scriptedFetch>) {
  const { fetch, log } = scriptedFetch(...steps);
  const { sleep, delays } = recordingSleep();
  const chirp = new Chirp({ appKey: APP_KEY, adminKey: ADMIN_KEY, baseUrl: BASE_URL, fetch, sleep, random: () => 0.5 });
  return { api: createPathClient(chirp), log, delays };
}

describe("path-style calls", () => {
  it("GET an app operation: the app key, the typed data", async () => {
    const { api, log } = client(json(200, { id: "wabp_1", businessName: "Acme Corp" }));
    const { data, response } = await api.GET(PROFILE_PATH, { params: { path: { phoneNumberId: "wapn_1" } } });
    expect(data?.businessName).toBe("Acme Corp");
    expect(response.status).toBe(200);
    expect(log).toHaveLength(1);
    expect(log[0]?.method).toBe("GET");
    expect(log[0]?.url).toBe(`${BASE_URL}/v1/whatsapp/phone-numbers/wapn_1/business-profile`);
    expect(log[0]?.headers.get("authorization")).toBe(`Bearer ${APP_KEY}`);
  });

  it("GET an admin operation: the admin key, the query", async () => {
    const { api, log } = client(json(200, { messages: [], nextCursor: null, totalCount: 0 }));
    await api.GET("/v1/organization/sms/messages", { params: { query: { limit: "5" } } });
    expect(log[0]?.url).toBe(`${BASE_URL}/v1/organization/sms/messages?limit=5`);
    expect(log[0]?.headers.get("authorization")).toBe(`Bearer ${ADMIN_KEY}`);
  });

  it("POST sends the JSON body with the app key", async () => {
    const { api, log } = client(json(200, { id: "msg_sms_1", status: "QUEUED" }));
    const { data } = await api.POST("/v1/sms", { body: SMS });
    expect(data?.id).toBe("msg_sms_1");
    expect(log[0]?.method).toBe("POST");
    expect(JSON.parse(log[0]?.body ?? "")).toEqual(SMS);
    expect(log[0]?.headers.get("authorization")).toBe(`Bearer ${APP_KEY}`);
  });

  it("a client without the operation's key → ChirpConfigError, nothing sent", async () => {
    const { fetch, log } = scriptedFetch(json(200, {}));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const error = await rejection(createPathClient(chirp).GET("/v1/organization/apps"));
    expect(error).toBeInstanceOf(ChirpConfigError);
    expect(log).toHaveLength(0);
  });

  it("errors are thrown with their class (not returned as { error })", async () => {
    const { api } = client(
      apiError(404, { type: "invalid_request_error", code: "phone_number_not_assigned", message: "not yours" }),
    );
    const error = await rejection(api.GET(PROFILE_PATH, { params: { path: { phoneNumberId: "wapn_1" } } }));
    expect(error).toBeInstanceOf(PhoneNumberNotAssignedError);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ status: 404, code: "phone_number_not_assigned", method: "GET" });
  });

  it("GET is retried on 503", async () => {
    const { api, log, delays } = client(text(503, ""), json(200, { webhooks: [] }));
    const { data } = await api.GET("/v1/webhooks");
    expect(data).toEqual({ webhooks: [] });
    expect(log).toHaveLength(2);
    expect(delays).toEqual([375]);
  });

  it("POST is not re-sent on 503", async () => {
    const { api, log } = client(text(503, ""), json(200, {}));
    const error = await rejection(api.POST("/v1/sms", { body: SMS }));
    expect(error).toBeInstanceOf(ApiServerError);
    expect(log).toHaveLength(1);
  });

  it("POST is not re-sent after a reset, but is after a refused connection", async () => {
    const reset = client(connectionError("ECONNRESET"), json(200, {}));
    expect(await rejection(reset.api.POST("/v1/sms", { body: SMS }))).toBeInstanceOf(ChirpConnectionError);
    expect(reset.log).toHaveLength(1);
    const refused = client(connectionError("ECONNREFUSED"), json(200, { id: "msg_sms_1" }));
    await refused.api.POST("/v1/sms", { body: SMS });
    expect(refused.log).toHaveLength(2);
    expect(refused.log[1]?.body).toBe(refused.log[0]?.body);
  });

  it("POST is retried on 429 after Retry-After, and the body is sent again intact", async () => {
    const { api, log, delays } = client(text(429, "", { "Retry-After": "1" }), json(200, { id: "msg_sms_1" }));
    await api.POST("/v1/sms", { body: SMS });
    expect(delays).toEqual([1000]);
    expect(log.map((r) => JSON.parse(r.body ?? ""))).toEqual([SMS, SMS]);
  });

  it("a 429 over the cap is a RateLimitError at once", async () => {
    const { api, log } = client(text(429, "", { "Retry-After": "3600" }));
    expect(await rejection(api.GET("/v1/webhooks"))).toBeInstanceOf(RateLimitError);
    expect(log).toHaveLength(1);
  });

  it("a path that is not an operation of the spec → ChirpConfigError", async () => {
    const { api, log } = client(json(200, {}));
    const error = await rejection((api.GET as (p: string) => Promise<unknown>)("/v1/nope"));
    expect(error).toBeInstanceOf(ChirpConfigError);
    expect(log).toHaveLength(0);
  });

  it("exposes GET, POST, PUT, PATCH and DELETE", () => {
    const { api } = client();
    for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) expect(typeof api[m]).toBe("function");
  });

  it("createPathClient of anything but a Chirp client → ChirpConfigError", () => {
    expect(() => createPathClient({} as Chirp)).toThrow(ChirpConfigError);
  });
});
