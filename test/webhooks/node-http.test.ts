// The handler behind a real node:http server on loopback, through toNodeListener.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookHandler, toNodeListener } from "../../src/index.js";
import { sendWebhook, webhookEvent } from "../../src/testing/webhooks.js";

const headers = { "X-Webhook-Secret": "s3cret" };
const received: string[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  const handler = createWebhookHandler({
    secretHeader: "x-webhook-secret",
    secret: "s3cret",
    on: { "messages.sms.received": (event) => void received.push(event.data.message.id) },
  });
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/chirp`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("node:http", () => {
  it("answers 200 once the handler ran, and 200 duplicate on a redelivery", async () => {
    const event = webhookEvent("messages.sms.received");
    const first = await sendWebhook(url, event, { headers });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/json");
    const again = await sendWebhook(url, event, { headers });
    expect(await again.json()).toEqual({ received: true, handled: true, duplicate: true });
    expect(received.filter((id) => id === event.data.message.id)).toHaveLength(1);
  });

  it("answers 401 for a wrong or missing secret", async () => {
    const event = webhookEvent("messages.sms.received");
    expect((await sendWebhook(url, event, { headers: { "X-Webhook-Secret": "nope" } })).status).toBe(401);
    expect((await sendWebhook(url, event)).status).toBe(401);
  });

  it("answers 400 for a bad body", async () => {
    expect((await sendWebhook(url, "{", { headers })).status).toBe(400);
  });

  it("answers 405 for a GET", async () => {
    expect((await fetch(url)).status).toBe(405);
  });
});

describe("toNodeListener", () => {
  it("uses a body that middleware already read (express.raw) and skips HTTP/2 pseudo-headers", async () => {
    const listener = toNodeListener(
      createWebhookHandler({ secretHeader: "X-Webhook-Secret", secret: "s3cret", on: {} }),
    );
    const req = {
      method: "POST",
      url: "/hook",
      headers: { "x-webhook-secret": "s3cret", ":path": "/hook" },
      body: new TextEncoder().encode(JSON.stringify(webhookEvent("messages.sms.received"))),
      async *[Symbol.asyncIterator]() {},
    };
    const res = { statusCode: 0, headers: {} as Record<string, string>, body: "" };
    await listener(req, {
      set statusCode(value: number) {
        res.statusCode = value;
      },
      get statusCode() {
        return res.statusCode;
      },
      setHeader: (name: string, value: string) => {
        res.headers[name] = value;
      },
      end: (body?: Uint8Array | string) => {
        res.body = typeof body === "string" ? body : new TextDecoder().decode(body);
      },
    });
    expect(res).toEqual({
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ received: true, handled: false }),
    });
  });
});

describe("toNodeListener when the framework answered first", () => {
  const event = () => webhookEvent("messages.sms.received");
  /** A server whose route answers (fully, or headers only) and then calls the listener. */
  async function answeringFirst(answer: (res: ServerResponse) => void) {
    const logged: unknown[][] = [];
    const listener = toNodeListener(
      createWebhookHandler({ secretHeader: "X-Webhook-Secret", secret: "s3cret", on: {} }),
      { logger: { error: (...args: unknown[]) => void logged.push(args) } },
    );
    const outcomes: Promise<PromiseSettledResult<void>>[] = [];
    const server = createServer((req, res) => {
      answer(res);
      outcomes.push(Promise.allSettled([listener(req, res)]).then(([outcome]) => outcome!));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    };
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, logged, outcomes, close };
  }

  it("resolves and logs once when the response was already ended (Fastify without reply.hijack())", async () => {
    const app = await answeringFirst((res) => res.end("answered by the framework"));
    try {
      for (let i = 0; i < 2; i++) {
        const response = await sendWebhook(app.url, event(), { headers });
        expect(await response.text()).toBe("answered by the framework");
      }
      expect(await Promise.all(app.outcomes)).toEqual([
        { status: "fulfilled", value: undefined },
        { status: "fulfilled", value: undefined },
      ]);
      expect(app.logged).toHaveLength(1);
      expect(app.logged[0]![0]).toMatch(/already sent.*reply\.hijack\(\)/);
      expect((app.logged[0]![1] as { code?: string }).code).toBe("ERR_HTTP_HEADERS_SENT");
    } finally {
      await app.close();
    }
  });

  it("closes the connection when only the headers went out, so the client does not wait forever", async () => {
    const app = await answeringFirst((res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.flushHeaders();
    });
    try {
      const response = await sendWebhook(app.url, event(), { headers });
      await expect(response.text()).rejects.toThrow();
      expect(await Promise.all(app.outcomes)).toEqual([{ status: "fulfilled", value: undefined }]);
      expect(app.logged).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
