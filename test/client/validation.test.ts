// Early, clear errors for likely mistakes: non-E.164 phone numbers in send
// operations, missing path parameters, bodies that cannot be JSON. Nothing is sent.
import { describe, expect, it } from "vitest";
import {
  Chirp,
  ChirpApiError,
  ChirpError,
  ChirpValidationError,
  InvalidRequestError,
  type OperationId,
  type OperationInfo,
  operations,
} from "../../src/index.js";
import { APP_KEY, json, rejection, scriptedFetch } from "./helpers.js";

const FROM = "+15551234567";
const TO = "+15559876543";

async function refused(call: (chirp: Chirp) => Promise<unknown>): Promise<ChirpValidationError> {
  const { fetch, log } = scriptedFetch(json(200, {}));
  const chirp = new Chirp({ appKey: APP_KEY, fetch });
  const error = await rejection(call(chirp));
  expect(log).toHaveLength(0);
  expect(error).toBeInstanceOf(ChirpValidationError);
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect(error).toBeInstanceOf(ChirpError);
  expect(error).not.toBeInstanceOf(ChirpApiError);
  return error as ChirpValidationError;
}

describe("phone numbers of send operations must be E.164", () => {
  it.each([
    ["to[0] without +", { from: FROM, to: ["5559876543"], text: "Hi" }, "to[0]"],
    ["to[1] with spaces", { from: FROM, to: [TO, "+1 555 987 6543"], text: "Hi" }, "to[1]"],
    ["from with letters (the docs' own example)", { from: "+1abc", to: [TO], text: "Hi" }, "from"],
    ["from with a leading 0 country code", { from: "+0555123", to: [TO], text: "Hi" }, "from"],
    ["to too long (16 digits)", { from: FROM, to: ["+1234567890123456"], text: "Hi" }, "to[0]"],
    ["from as a number", { from: 15551234567, to: [TO], text: "Hi" }, "from"],
  ])("sendSms: %s → ChirpValidationError naming %s", async (_, body, param) => {
    const error = await refused((c) => c.sendSms({ body } as Parameters<Chirp["sendSms"]>[0]));
    expect(error.param).toBe(param);
    expect(error.code).toBe("invalid_phone_number");
    expect(error.type).toBe("invalid_request_error");
    expect(error.message).toContain(param);
    expect(error.message).toContain("validatePhoneNumbers");
  });

  it("sendWhatsAppMessage: a single `to` string is checked and named `to`", async () => {
    const error = await refused((c) =>
      c.sendWhatsAppMessage({ body: { from: FROM, to: "0044 20 7946 0000", type: "text", text: { body: "Hi" } } }),
    );
    expect(error.param).toBe("to");
  });

  it("sendWhatsAppTemplate: from is checked", async () => {
    const error = await refused((c) =>
      c.sendWhatsAppTemplate({ body: { from: "555", to: TO, templateName: "order_shipped", languageCode: "en_US" } }),
    );
    expect(error.param).toBe("from");
  });

  const phoneOps = (Object.keys(operations) as OperationId[]).filter(
    (id) => (operations[id] as OperationInfo).phoneFields !== undefined,
  );

  it("the phone fields come from the spec, for every send operation", () => {
    expect(phoneOps).toEqual(expect.arrayContaining(["sendSms", "sendWhatsAppMessage", "sendWhatsAppTemplate"]));
  });

  it.each(phoneOps.flatMap((id) => ((operations[id] as OperationInfo).phoneFields ?? []).map((f) => [id, f])))(
    "%s: a bad %s is refused before sending",
    async (id, field) => {
      const body = { from: FROM, to: TO, [field]: "not-a-number" };
      const error = await refused((c) => (c.request as (i: string, p: object) => Promise<unknown>)(id, { body }));
      expect(error.param).toBe(field);
    },
  );

  it("valid numbers are sent unchanged", async () => {
    const { fetch, log } = scriptedFetch(json(200, { id: "msg_sms_1" }));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    await chirp.sendSms({ body: { from: FROM, to: [TO, "+447946000000"], text: "Hi" } });
    expect(JSON.parse(log[0]?.body ?? "")).toEqual({ from: FROM, to: [TO, "+447946000000"], text: "Hi" });
    expect(log[0]?.headers.get("content-type")).toBe("application/json");
  });

  it("validatePhoneNumbers: false turns the check off", async () => {
    const { fetch, log } = scriptedFetch(json(200, { id: "msg_sms_1" }));
    const chirp = new Chirp({ appKey: APP_KEY, fetch, validatePhoneNumbers: false });
    await chirp.sendSms({ body: { from: FROM, to: ["5559876543"], text: "Hi" } });
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]?.body ?? "").to).toEqual(["5559876543"]);
  });

  it("operations without phone fields are not checked (a markWhatsAppMessageAsRead body has no from/to)", async () => {
    const { fetch, log } = scriptedFetch(json(200, {}));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    await chirp.request("markWhatsAppMessageAsRead", {
      body: { from: "not-a-phone", messageId: "wamid.1" } as never,
    });
    expect(log).toHaveLength(1);
  });
});

describe("path parameters", () => {
  it("a missing path parameter → ChirpValidationError naming it", async () => {
    const error = await refused((c) =>
      (c.getWhatsAppBusinessProfile as (p?: object) => Promise<unknown>)({ path: {} }),
    );
    expect(error.param).toBe("path.phoneNumberId");
    expect(error.message).toContain("phoneNumberId");
  });

  it("no params at all for an operation with a path parameter → ChirpValidationError", async () => {
    const error = await refused((c) => (c.deleteWebhook as () => Promise<unknown>)());
    expect(error.param).toBe("path.webhookId");
  });

  it.each([
    ["", "path.webhookId"],
    [".", "path.webhookId"],
    ["..", "path.webhookId"],
  ])("a path parameter of %j (which would address another resource) → ChirpValidationError", async (value, param) => {
    const error = await refused((c) => c.deleteWebhook({ path: { webhookId: value } }));
    expect(error.param).toBe(param);
  });

  it("path parameters are percent-encoded, so they cannot change the path", async () => {
    const { fetch, log } = scriptedFetch(json(200, {}));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    await chirp.deleteWebhook({ path: { webhookId: "whk_1/../../v1/sms?x=1#y" } });
    expect(log[0]?.url).toBe("https://api.buildwithchirp.com/v1/webhooks/whk_1%2F..%2F..%2Fv1%2Fsms%3Fx%3D1%23y");
  });
});

describe("bodies", () => {
  it("a body that cannot be JSON (BigInt) → ChirpValidationError naming the operation", async () => {
    const error = await refused((c) => c.sendSms({ body: { from: FROM, to: [TO], text: 1n as unknown as string } }));
    expect(error.param).toBe("body");
    expect(error.message).toContain("sendSms");
  });

  it("a cyclic body → ChirpValidationError", async () => {
    const body: Record<string, unknown> = { from: FROM, to: [TO] };
    body.self = body;
    const error = await refused((c) => c.sendSms({ body } as never));
    expect(error.param).toBe("body");
  });
});
