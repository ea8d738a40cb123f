// Path-style calls (createPathClient(chirp).DELETE / POST …) make the same checks as the
// operation methods before anything is sent (issue 21.3): a path value of "..", "." or
// "" would address another resource, and a phone field that is not E.164 would be a
// wrong (and billed) send. A real loopback server records whether anything arrived.
import { createServer } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Chirp, ChirpValidationError, createPathClient, InvalidRequestError } from "../../src/index.js";
import { closeServer, listenOnLoopback } from "../fixtures/loopback.js";
import { APP_KEY, rejection } from "./helpers.js";

const arrived: string[] = [];
let baseUrl = "";
const server = createServer((req, res) => {
  arrived.push(`${req.method} ${req.url}`);
  req.resume();
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ id: "msg_sms_1", status: "QUEUED", deleted: true }));
});

beforeAll(async () => {
  baseUrl = await listenOnLoopback(server);
});
afterAll(() => closeServer(server));
beforeEach(() => {
  arrived.length = 0;
});

function clients(validatePhoneNumbers?: boolean) {
  const chirp = new Chirp({ appKey: APP_KEY, baseUrl, maxRetries: 0, validatePhoneNumbers });
  return { chirp, api: createPathClient(chirp) };
}

describe("path-style calls check what the methods check, before the network", () => {
  it.each(["..", ".", ""])(
    "DELETE /v1/webhooks/{webhookId} with webhookId %j → ChirpValidationError, nothing sent",
    async (webhookId) => {
      const { chirp, api } = clients();
      const pathStyle = await rejection(api.DELETE("/v1/webhooks/{webhookId}", { params: { path: { webhookId } } }));
      const method = await rejection(chirp.deleteWebhook({ path: { webhookId } }));
      for (const error of [pathStyle, method]) {
        expect(error).toBeInstanceOf(ChirpValidationError);
        expect(error).toBeInstanceOf(InvalidRequestError);
        expect(error).toMatchObject({ param: "path.webhookId" });
      }
      expect(arrived).toEqual([]);
    },
  );

  it.each([
    ["no path params", {}],
    ["an empty path object", { path: {} }],
    ["webhookId: null", { path: { webhookId: null } }],
  ])(
    "DELETE /v1/webhooks/{webhookId} with %s → ChirpValidationError naming path.webhookId, nothing sent",
    async (_, params) => {
      const { api } = clients();
      // What a JavaScript caller (or a cast) can pass; openapi-fetch sent /v1/webhooks/%7BwebhookId%7D.
      const error = await rejection(
        (api.DELETE as (path: string, init: unknown) => Promise<unknown>)("/v1/webhooks/{webhookId}", { params }),
      );
      expect(error).toBeInstanceOf(ChirpValidationError);
      expect(error).toMatchObject({ param: "path.webhookId" });
      expect(arrived).toEqual([]);
    },
  );

  it("POST /v1/sms to a number that is not E.164 → ChirpValidationError naming to[0], nothing sent", async () => {
    const { chirp, api } = clients();
    const body = { from: "+15551234567", to: ["not-a-number"], text: "hi" };
    const pathStyle = await rejection(api.POST("/v1/sms", { body }));
    const method = await rejection(chirp.sendSms({ body }));
    for (const error of [pathStyle, method]) {
      expect(error).toBeInstanceOf(ChirpValidationError);
      expect(error).toMatchObject({ code: "invalid_phone_number", param: "to[0]" });
    }
    expect(arrived).toEqual([]);
  });

  it("POST /v1/sms from a number that is not E.164 (the issue's 5551234567) → refused, nothing sent", async () => {
    const { api } = clients();
    const error = await rejection(
      api.POST("/v1/sms", { body: { from: "5551234567", to: ["+15559876543"], text: "hi" } }),
    );
    expect(error).toBeInstanceOf(ChirpValidationError);
    expect(error).toMatchObject({ param: "from" });
    expect(arrived).toEqual([]);
  });

  it("honours validatePhoneNumbers: false like the methods (the server decides)", async () => {
    const { chirp, api } = clients(false);
    const body = { from: "+15551234567", to: ["0044 20 7946 0000"], text: "hi" };
    await api.POST("/v1/sms", { body });
    await chirp.sendSms({ body });
    expect(arrived).toEqual(["POST /v1/sms", "POST /v1/sms"]);
  });

  it("valid values still go out", async () => {
    const { api } = clients();
    await api.DELETE("/v1/webhooks/{webhookId}", { params: { path: { webhookId: "wh_1" } } });
    await api.POST("/v1/sms", { body: { from: "+15551234567", to: ["+15559876543"], text: "hi" } });
    expect(arrived).toEqual(["DELETE /v1/webhooks/wh_1", "POST /v1/sms"]);
  });
});
