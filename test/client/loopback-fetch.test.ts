// The connection rules against Node's own fetch (undici) on loopback: the shape of
// a refused connection and of a reset after sending is undici's, not a test
// double's. Nothing leaves the machine; retry waits use the injected sleep.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Chirp, ChirpConnectionError } from "../../src/index.js";
import { APP_KEY, recordingSleep, rejection } from "./helpers.js";

const SMS = { body: { from: "+15551234567", to: ["+15559876543"], text: "Hi" } };
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe("with Node's fetch on loopback", () => {
  it("a refused connection is not-sent, so even a POST is retried", async () => {
    const { url, server } = await listen(() => {});
    servers.splice(servers.indexOf(server), 1);
    await new Promise((resolve) => server.close(resolve)); // the port is now closed
    const { sleep, delays } = recordingSleep();
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: url, sleep, random: () => 0.5, maxRetries: 1 });
    const error = await rejection(chirp.sendSms(SMS));
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect((error as ChirpConnectionError).sent).toBe("not-sent");
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect(delays).toEqual([375]);
  });

  it("a reset after the request was sent is maybe-sent: a POST is not re-sent, a GET is", async () => {
    const seen: string[] = [];
    const { url } = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      req.on("end", () => res.socket?.destroy());
    });
    const { sleep, delays } = recordingSleep();
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: url, sleep, random: () => 0.5, maxRetries: 1 });
    const error = await rejection(chirp.sendSms(SMS));
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect((error as ChirpConnectionError).sent).toBe("maybe-sent");
    expect(seen).toEqual(["POST /v1/sms"]);
    expect(delays).toEqual([]);

    await rejection(chirp.listWebhooks());
    expect(seen).toEqual(["POST /v1/sms", "GET /v1/webhooks", "GET /v1/webhooks"]);
    expect(delays).toEqual([375]);
  });

  it("the key and JSON body arrive as sent", async () => {
    const received: Array<{ auth: string | undefined; type: string | undefined; body: string }> = [];
    const { url } = await listen((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        received.push({ auth: req.headers.authorization, type: req.headers["content-type"], body });
        res.writeHead(200, { "content-type": "application/json", "x-ratelimit-remaining": "99" });
        res.end(JSON.stringify({ id: "msg_sms_1", status: "QUEUED" }));
      });
    });
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: url });
    const { data, rateLimit } = await chirp.withResponse("sendSms", SMS);
    expect(data).toMatchObject({ id: "msg_sms_1" });
    expect(rateLimit?.remaining).toBe(99);
    expect(received).toEqual([{ auth: `Bearer ${APP_KEY}`, type: "application/json", body: JSON.stringify(SMS.body) }]);
  });
});
