// Compile-time rules: a wrong operationId, path parameter, body field or query type
// does not compile; results are the spec's schema types. (`vitest --typecheck`.)
import { describe, expectTypeOf, it } from "vitest";
import {
  Chirp,
  type ChirpApiError,
  type ConversationWindowExpiredError,
  type components,
  createPathClient,
  type ErrorCode,
  errorClassByCode,
  type ListItem,
  type ListOperationId,
  type OperationId,
  type OperationResult,
  type OperationTypes,
  type RateLimitError,
  type RateLimitInfo,
  type TemplateNotFoundError,
  type WithResponse,
} from "../../src/index.js";

type Schemas = components["schemas"];
const chirp = new Chirp({});
const sms = { from: "+15551234567", to: ["+15559876543"], text: "Hi" };
const profileParams = { path: { phoneNumberId: "wapn_1" } };

describe("operation ids", () => {
  it("a method exists for every operationId, and only for those", () => {
    expectTypeOf(chirp.sendSms).toBeFunction();
    expectTypeOf(chirp.completeWhatsAppBusinessProfileCallback).toBeFunction();
    // @ts-expect-error: no such operation
    chirp.sendSmsMessage;
    // @ts-expect-error: operationIds are case-sensitive
    chirp.SendSms;
  });

  it("request / withResponse / paginate take only known operationIds", () => {
    // @ts-expect-error: unknown operationId
    chirp.request("sendCarrierPigeon", {});
    // @ts-expect-error: unknown operationId
    chirp.withResponse("getWhatsappBusinessProfile", profileParams);
    expectTypeOf<"sendSms">().toExtend<OperationId>();
    expectTypeOf<"sendCarrierPigeon">().not.toExtend<OperationId>();
  });
});

describe("parameters", () => {
  it("path parameters are required and typed", () => {
    chirp.getWhatsAppBusinessProfile(profileParams);
    // @ts-expect-error: params are required when the path has a parameter
    chirp.getWhatsAppBusinessProfile();
    // @ts-expect-error: path is required
    chirp.getWhatsAppBusinessProfile({});
    // @ts-expect-error: the path parameter is missing
    chirp.getWhatsAppBusinessProfile({ path: {} });
    // @ts-expect-error: wrong path parameter name
    chirp.getWhatsAppBusinessProfile({ path: { phoneNumberID: "wapn_1" } });
    // @ts-expect-error: wrong path parameter type
    chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: 42 } });
    // @ts-expect-error: an operation without path parameters takes no path
    chirp.listWebhooks({ path: { webhookId: "whk_1" } });
  });

  it("bodies are required where the spec requires them, and typed", () => {
    chirp.sendSms({ body: sms });
    // @ts-expect-error: sendSms needs params
    chirp.sendSms();
    // @ts-expect-error: sendSms needs a body
    chirp.sendSms({});
    // @ts-expect-error: `to` is required
    chirp.sendSms({ body: { from: "+15551234567", text: "Hi" } });
    // @ts-expect-error: `to` is an array
    chirp.sendSms({ body: { from: "+15551234567", to: "+15559876543", text: "Hi" } });
    // @ts-expect-error: unknown body field
    chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], txt: "Hi" } });
    // @ts-expect-error: wrong enum value
    chirp.sendSms({ body: { ...sms, transport: "carrier-pigeon" } });
    // @ts-expect-error: a GET takes no body
    chirp.getWhatsAppBusinessProfile({ ...profileParams, body: {} });
    // @ts-expect-error: the seed 000 callback body needs `code`
    chirp.completeWhatsAppBusinessProfileCallback({ body: { redirectUri: "https://x" } });
    chirp.completeWhatsAppBusinessProfileCallback({ body: { code: "c", isCoexistence: true } });
  });

  it("query parameters are typed (numbers the spec declares as strings stay strings)", () => {
    chirp.listOrganizationSmsMessages({ query: { limit: "50", direction: "OUTBOUND" } });
    chirp.listOrganizationSmsMessages();
    // @ts-expect-error: limit is a string in the spec
    chirp.listOrganizationSmsMessages({ query: { limit: 50 } });
    // @ts-expect-error: direction is an enum
    chirp.listOrganizationSmsMessages({ query: { direction: "SIDEWAYS" } });
    // @ts-expect-error: unknown query parameter
    chirp.listOrganizationSmsMessages({ query: { pageSize: "50" } });
    chirp.listCallVoicemails({ query: { limit: 20, offset: 0 } });
    // @ts-expect-error: voicemail limit is an integer
    chirp.listCallVoicemails({ query: { limit: "20" } });
  });

  it("call options are accepted on every call", () => {
    chirp.listWebhooks({ timeout: 1000, maxRetries: 0, signal: AbortSignal.abort(), headers: { "x-a": "1" } });
    chirp.sendSms({ body: sms, retryNonIdempotent: true, maxRetryAfter: 5000 });
    // @ts-expect-error: timeout is a number of ms
    chirp.listWebhooks({ timeout: "1s" });
  });
});

describe("results are the spec's schema types", () => {
  it("methods, request and withResponse", () => {
    // The same type, spelled out (Readable flattens the allOf intersection for the hover): assignable both ways.
    type Profile = OperationTypes["getWhatsAppBusinessProfile"]["responses"][200]["content"]["application/json"];
    expectTypeOf(chirp.getWhatsAppBusinessProfile(profileParams)).resolves.toExtend<Profile>();
    expectTypeOf<Profile>().toExtend<Awaited<ReturnType<typeof chirp.getWhatsAppBusinessProfile>>>();
    expectTypeOf(chirp.getWhatsAppBusinessProfile(profileParams)).resolves.toExtend<
      Schemas["BusinessProfileResponse"]
    >();
    expectTypeOf(chirp.completeWhatsAppBusinessProfileCallback({ body: { code: "c" } })).resolves.toEqualTypeOf<
      Schemas["BusinessProfileCallbackResponse"]
    >();
    expectTypeOf(chirp.request("sendSms", { body: sms })).resolves.toEqualTypeOf<
      OperationTypes["sendSms"]["responses"][200]["content"]["application/json"]
    >();
    expectTypeOf(chirp.withResponse("sendSms", { body: sms })).resolves.toEqualTypeOf<
      WithResponse<OperationResult<"sendSms">>
    >();
    expectTypeOf<WithResponse<unknown>["rateLimit"]>().toEqualTypeOf<RateLimitInfo | undefined>();
    expectTypeOf<WithResponse<unknown>["response"]>().toEqualTypeOf<Response>();
  });

  it("a 201 operation resolves to its 201 body", () => {
    type Created = OperationTypes["createWebhook"]["responses"][201]["content"]["application/json"];
    expectTypeOf<OperationResult<"createWebhook">>().toExtend<Created>();
    expectTypeOf<Created>().toExtend<OperationResult<"createWebhook">>();
    // @ts-expect-error: and not the 200 body of another operation
    expectTypeOf<OperationResult<"createWebhook">>().toExtend<OperationResult<"sendSms">>();
  });
});

describe("pagination", () => {
  it("ListOperationId holds list operations only", () => {
    expectTypeOf<"listOrganizationSmsMessages">().toExtend<ListOperationId>();
    expectTypeOf<"listAppKeys">().toExtend<ListOperationId>();
    expectTypeOf<"listCallVoicemails">().toExtend<ListOperationId>();
    expectTypeOf<"listWebhooks">().toExtend<ListOperationId>();
    expectTypeOf<"sendSms">().not.toExtend<ListOperationId>();
    expectTypeOf<"getWhatsAppBusinessProfile">().not.toExtend<ListOperationId>();
    // @ts-expect-error: sendSms is not a list operation
    chirp.paginate("sendSms", { body: sms });
  });

  it("paginate yields the item type of the operation's array", () => {
    expectTypeOf(chirp.paginate("listOrganizationSmsMessages")).toEqualTypeOf<
      AsyncIterable<Schemas["OrgSmsMessageList"]["messages"][number]>
    >();
    expectTypeOf<ListItem<"listAppKeys">>().toEqualTypeOf<
      NonNullable<OperationResult<"listAppKeys">["keys"]>[number]
    >();
    expectTypeOf<ListItem<"listCallVoicemails">>().toEqualTypeOf<
      NonNullable<OperationResult<"listCallVoicemails">["data"]>[number]
    >();
    // @ts-expect-error: paginate params are typed like the method's
    chirp.paginate("listOrganizationSmsMessages", { query: { limit: 50 } });
  });
});

describe("path-style client", () => {
  it("paths, params and bodies are typed", () => {
    const api = createPathClient(chirp);
    api.GET("/v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile", {
      params: { path: { phoneNumberId: "wapn_1" } },
    });
    // @ts-expect-error: not a path of the spec
    api.GET("/v1/nope");
    // @ts-expect-error: /v1/sms has no GET
    api.GET("/v1/sms");
    // @ts-expect-error: `to` is an array
    api.POST("/v1/sms", { body: { from: "+15551234567", to: "+15559876543" } });
    // @ts-expect-error: the body is required
    api.POST("/v1/sms", {});
  });

  it("answers are typed from the spec, and request(method, url) is as exact", async () => {
    const api = createPathClient(chirp);
    const { data } = await api.POST("/v1/sms", {
      body: { from: "+15551234567", to: ["+15559876543"], text: "hi" },
    });
    expectTypeOf(data).toEqualTypeOf<OperationResult<"sendSms"> | undefined>();
    api.request("post", "/v1/sms", { body: { from: "+15551234567", to: ["+15559876543"], text: "hi" } });
    // @ts-expect-error: /v1/sms has no GET
    api.request("get", "/v1/sms");
    // A URL typed as some of the method's paths is still a call (only all of them at once is
    // the fallback of a wrong URL, typed with nothing to spell out).
    const either = "/v1/webhooks" as "/v1/webhooks" | "/v1/phone-numbers";
    api.POST(either, { body: {} as never });
  });
});

describe("errors", () => {
  it("a class per code, keyed by the spec's codes", () => {
    expectTypeOf<keyof typeof errorClassByCode>().toEqualTypeOf<ErrorCode>();
    expectTypeOf(errorClassByCode.template_not_found).toEqualTypeOf<typeof TemplateNotFoundError>();
    expectTypeOf<InstanceType<typeof ConversationWindowExpiredError>>().toExtend<ChirpApiError>();
    expectTypeOf<InstanceType<typeof RateLimitError>["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ChirpApiError["status"]>().toEqualTypeOf<number>();
  });
});
