// `rateLimiter({ maxConcurrent })` caps the requests in flight for the whole client,
// all buckets together (issue 21.2): a real HTTP server on loopback counts the
// requests it holds unanswered. The server answers only when the test says so, and the
// test releases one request once the client has sent all it will send for now — no
// timing is involved: with the cap broken, all three calls are on the wire at once.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Chirp, rateLimiter } from "../../src/index.js";
import { closeServer, listenOnLoopback } from "../fixtures/loopback.js";

const APP_KEY = "sk_test_app_max_concurrent_tests_0001";

interface Held {
  readonly path: string;
  readonly res: ServerResponse;
}

/** A loopback server that holds every request until `release()` answers the oldest one. */
async function holdingServer() {
  // A request is in flight from its arrival until the test answers it.
  const held: Held[] = [];
  let maxInFlight = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    held.push({ path: new URL(req.url ?? "/", "http://x").pathname, res });
    maxInFlight = Math.max(maxInFlight, held.length);
  });
  const baseUrl = await listenOnLoopback(server);
  return {
    baseUrl,
    held,
    inFlight: () => held.length,
    maxInFlight: () => maxInFlight,
    /** Answers the oldest held request with a JSON body fitting any of the calls below. */
    release() {
      const next = held.shift();
      if (!next) throw new Error("nothing held");
      next.res.writeHead(200, { "content-type": "application/json" });
      next.res.end(JSON.stringify({ id: "msg_sms_1", status: "QUEUED", webhooks: [] }));
    },
    close: () => closeServer(server),
  };
}

/** Waits until every request the limiter has let go is held at the server (then counting what is held is fair). */
async function allGrantedArrived(chirp: Chirp, server: { inFlight(): number }): Promise<void> {
  const granted = () => (chirp.rateLimiter?.stats() ?? []).reduce((n, b) => n + b.inFlight, 0);
  await vi.waitFor(
    () => {
      expect(granted()).toBeGreaterThan(0);
      expect(server.inFlight()).toBe(granted());
    },
    { timeout: 30_000, interval: 5 },
  );
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("maxConcurrent", () => {
  it("holds for the whole client: one request in flight across the sms, webhooks and general buckets", async () => {
    const server = await holdingServer();
    close = server.close;
    const chirp = new Chirp({
      appKey: APP_KEY,
      baseUrl: server.baseUrl,
      rateLimit: rateLimiter({ maxConcurrent: 1 }),
    });
    const calls = [
      chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "hi" } }), // sms
      chirp.listWebhooks(), // webhooks
      chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } }), // general
    ];
    for (let answered = 0; answered < calls.length; answered++) {
      await allGrantedArrived(chirp, server);
      expect(server.inFlight(), `requests in flight at the server with ${answered} answered`).toBe(1);
      server.release();
    }
    await Promise.all(calls);
    expect(server.maxInFlight()).toBe(1);
    expect(
      chirp.rateLimiter
        ?.stats()
        .map((b) => b.bucket)
        .sort(),
    ).toEqual(["general", "sms", "webhooks"]);
  });

  it("lets as many go as the cap allows (2 of 3 buckets at once with maxConcurrent 2)", async () => {
    const server = await holdingServer();
    close = server.close;
    const chirp = new Chirp({
      appKey: APP_KEY,
      baseUrl: server.baseUrl,
      rateLimit: rateLimiter({ maxConcurrent: 2 }),
    });
    const calls = [
      chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "hi" } }),
      chirp.listWebhooks(),
      chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } }),
    ];
    await allGrantedArrived(chirp, server);
    expect(server.inFlight()).toBe(2);
    server.release();
    await vi.waitFor(() => expect(server.held).toHaveLength(2), { timeout: 30_000, interval: 5 });
    server.release();
    server.release();
    await Promise.all(calls);
    expect(server.maxInFlight()).toBe(2);
  });
});
