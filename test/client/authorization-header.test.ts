// A per-call `headers: { Authorization }` would send the call with another key than
// the client's, while the rate limiter counts it against the client key's bucket and
// the key-kind checks speak of the client's key (issue 21, "also look at"). Refused
// before sending, in both call styles; the message never quotes the key.
import { createServer } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Chirp, ChirpConfigError, createPathClient } from "../../src/index.js";
import { closeServer, listenOnLoopback } from "../fixtures/loopback.js";
import { APP_KEY, LIVE_APP_KEY, rejection } from "./helpers.js";

const arrived: (string | undefined)[] = [];
let baseUrl = "";
const server = createServer((req, res) => {
  arrived.push(req.headers.authorization);
  req.resume();
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ id: "msg_sms_1", status: "QUEUED", webhooks: [] }));
});
beforeAll(async () => {
  baseUrl = await listenOnLoopback(server);
});
afterAll(() => closeServer(server));
beforeEach(() => {
  arrived.length = 0;
});

const SMS = { from: "+15551234567", to: ["+15559876543"], text: "hi" };

describe("a per-call Authorization header", () => {
  it.each(["Authorization", "authorization", "AUTHORIZATION"])(
    "%s on a method call → ChirpConfigError, nothing sent",
    async (name) => {
      const chirp = new Chirp({ appKey: APP_KEY, baseUrl });
      const error = await rejection(chirp.sendSms({ body: SMS, headers: { [name]: `Bearer ${LIVE_APP_KEY}` } }));
      expect(error).toBeInstanceOf(ChirpConfigError);
      expect((error as Error).message).toMatch(/Authorization/);
      expect((error as Error).message).not.toContain(LIVE_APP_KEY);
      expect(arrived).toEqual([]);
    },
  );

  it("on a path-style call → ChirpConfigError, nothing sent", async () => {
    const api = createPathClient(new Chirp({ appKey: APP_KEY, baseUrl }));
    const error = await rejection(
      api.POST("/v1/sms", { body: SMS, headers: { Authorization: `Bearer ${LIVE_APP_KEY}` } }),
    );
    expect(error).toBeInstanceOf(ChirpConfigError);
    expect((error as Error).message).not.toContain(LIVE_APP_KEY);
    expect(arrived).toEqual([]);
  });

  it("other per-call headers still go out, with the client's key", async () => {
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl });
    await chirp.sendSms({ body: SMS, headers: { "x-trace": "1" } });
    await createPathClient(chirp).POST("/v1/sms", { body: SMS, headers: { "x-trace": "1" } });
    expect(arrived).toEqual([`Bearer ${APP_KEY}`, `Bearer ${APP_KEY}`]);
  });
});
