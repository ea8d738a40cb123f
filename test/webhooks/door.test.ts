// The webhook door (issue 19.1): the secret header is checked before a byte of the body
// is read, on every path, and a body is read as a counted stream. Behaviour over real
// loopback sockets (node:http through toNodeListener) and on the fetch-style handler
// with a body stream that records every pull. Memory under a flood: flood.test.ts.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChirpConfigError, createWebhookHandler, toNodeListener } from "../../src/index.js";
import { sendWebhook, webhookEvent } from "../../src/testing/webhooks.js";
import { openUpload, upload } from "./fixtures/upload.js";

const SECRET = "whsec_door_test";
const MAX = 64 * 1024;
const right = { "X-Webhook-Secret": SECRET };
const wrong = { "X-Webhook-Secret": `${SECRET}x` };

const handled: string[] = [];
const logged: unknown[] = [];
const handler = createWebhookHandler({
  secretHeader: "X-Webhook-Secret",
  secret: SECRET,
  maxBodyBytes: MAX,
  on: { "messages.sms.received": (event) => void handled.push(event.data.message.id) },
  logger: { error: (...args: unknown[]) => void logged.push(args) },
});
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer(toNodeListener(handler, { logger: { error: (...args) => void logged.push(args) } }));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
});
afterAll(() => new Promise((ok) => server.close(ok)));

describe("node:http through toNodeListener: refused on the headers alone", () => {
  it.each([
    ["a wrong secret", wrong],
    ["no secret header", {}],
  ])("%s, chunked, before any body byte is sent: 401, then the connection is closed", async (_, headers) => {
    const up = openUpload(url, headers);
    // Not a byte of the body has been written: an answer now cannot have waited for it.
    const answer = await up.answer;
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toEqual({ error: "unauthorized" });
    expect(answer.headers.connection).toBe("close");
    // The rest of the upload is not wanted: the server closes the connection however much more comes.
    up.write(new Uint8Array(65_536));
    await up.closed;
  });

  it("a wrong secret with a Content-Length of 300 MB, before any body byte: 401", async () => {
    const up = openUpload(url, { ...wrong, "content-length": String(300 * 1024 * 1024) });
    expect((await up.answer).status).toBe(401);
    await up.closed;
  });

  it("a declared Content-Length over maxBodyBytes with the right secret: 413 before any body byte", async () => {
    const up = openUpload(url, { ...right, "content-length": String(MAX + 1) });
    const answer = await up.answer;
    expect([answer.status, JSON.parse(answer.body)]).toEqual([413, { error: `body larger than ${MAX} bytes` }]);
    expect(answer.headers.connection).toBe("close");
    await up.closed;
  });

  it("a chunked body of exactly maxBodyBytes is read (and rejected as not JSON, 400)", async () => {
    const result = await upload(url, { headers: right, bytes: MAX, chunkBytes: 4096 });
    expect([result.status, result.finished]).toEqual([400, true]);
  });

  it("a chunked body one byte over maxBodyBytes: 413 at that byte, while the upload is still open", async () => {
    const up = openUpload(url, right);
    up.write(new Uint8Array(MAX).fill(0x61));
    up.write(new Uint8Array(1).fill(0x61)); // the first byte too many; the request is not ended
    const answer = await up.answer;
    expect(answer.status).toBe(413);
    await up.closed;
  });

  it("a hostile client that keeps sending after the 401 is cut off long before its 50 MB are out", async () => {
    const result = await upload(url, { headers: wrong, bytes: 50 * 1024 * 1024, keepSending: true });
    expect(result.status).toBe(401);
    expect(result.finished).toBe(false);
    expect(result.error).toMatch(/ECONNRESET|EPIPE/);
  });

  it("a genuine delivery is handled once, on a connection that stays open", async () => {
    const event = webhookEvent("messages.sms.received");
    const response = await sendWebhook(url, event, { headers: right });
    expect([response.status, await response.json()]).toEqual([
      200,
      { received: true, handled: true, duplicate: false },
    ]);
    expect(response.headers.get("connection")).not.toBe("close");
    expect(handled.filter((id) => id === event.data.message.id)).toHaveLength(1);
  });

  it("a sender that goes away mid-body costs a 400 nobody reads, and nothing is logged", async () => {
    const before = logged.length;
    const up = openUpload(url, right);
    up.write(new Uint8Array(1000));
    up.destroy();
    await up.closed;
    // The server is still answering, and wrote nothing to its logger for the abandoned upload.
    const event = webhookEvent("messages.sms.received");
    const result = await upload(url, {
      headers: right,
      bytes: 0,
      payload: new TextEncoder().encode(JSON.stringify(event)),
    });
    expect(result.status).toBe(200);
    expect(logged.length).toBe(before);
  });
});

describe("toNodeListener after something drained the stream and kept nothing", () => {
  it("answers 400 naming the fix instead of waiting for a body that will never come", async () => {
    const drained = createServer((req, res) => {
      req.resume();
      req.on("end", () => void toNodeListener(handler)(req, res));
    });
    await new Promise<void>((ok) => drained.listen(0, "127.0.0.1", ok));
    try {
      const port = (drained.address() as AddressInfo).port;
      const response = await sendWebhook(`http://127.0.0.1:${port}/`, webhookEvent("messages.sms.received"), {
        headers: right,
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/no body/);
    } finally {
      await new Promise((ok) => drained.close(ok));
    }
  });
});

describe("toNodeListener with a body a framework already parsed", () => {
  const res = () => {
    const out = { statusCode: 0, headers: {} as Record<string, string>, body: "" };
    return {
      out,
      res: {
        set statusCode(value: number) {
          out.statusCode = value;
        },
        get statusCode() {
          return out.statusCode;
        },
        setHeader: (name: string, value: string) => {
          out.headers[name] = value;
        },
        end: (body?: Uint8Array | string) => {
          out.body = typeof body === "string" ? body : new TextDecoder().decode(body);
        },
      },
    };
  };
  const req = (headers: Record<string, string>, body: unknown) => ({
    method: "POST",
    url: "/webhooks",
    headers,
    body,
    complete: true,
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      throw new Error("the stream was read although the framework had read it");
    },
  });

  it("a wrong secret: 401 without serialising the parsed body", async () => {
    let serialised = 0;
    const body = {
      ...webhookEvent("messages.sms.received"),
      toJSON() {
        serialised++;
        return {};
      },
    };
    const { out, res: r } = res();
    await toNodeListener(handler)(req({ "x-webhook-secret": "nope" }, body), r);
    expect([out.statusCode, serialised]).toEqual([401, 0]);
    // Read by the framework already: nothing left to discard, so no reason to close the connection.
    expect(out.headers.connection).toBeUndefined();
  });

  it("a parsed body larger than maxBodyBytes once serialised: 413", async () => {
    const body = webhookEvent("messages.sms.received", { data: { message: { text: "x".repeat(MAX) } } });
    const { out, res: r } = res();
    await toNodeListener(handler)(req({ "x-webhook-secret": SECRET }, body), r);
    expect(out.statusCode).toBe(413);
  });
});

/** A request whose body stream records how many chunks were pulled and whether it was cancelled. */
function probe(init: { headers: Record<string, string>; chunks: number; chunkBytes: number; method?: string }) {
  const seen = { pulls: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulls === init.chunks) return controller.close();
        seen.pulls++;
        controller.enqueue(new Uint8Array(init.chunkBytes).fill(0x61));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/webhooks", {
    method: init.method ?? "POST",
    headers: init.headers,
    body,
    duplex: "half",
  } as RequestInit);
  return { request, seen };
}

describe("the fetch-style handler reads nothing it does not need", () => {
  it.each([
    ["a wrong secret", { "x-webhook-secret": "nope" }, 401],
    ["no secret header", {}, 401],
  ])("%s: answered without a single pull, the body cancelled", async (_, headers, status) => {
    const { request, seen } = probe({ headers, chunks: 1_000_000, chunkBytes: 1024 });
    expect((await handler(request)).status).toBe(status);
    expect(seen).toEqual({ pulls: 0, cancelled: true });
  });

  it("a PUT: 405 without a pull", async () => {
    const { request, seen } = probe({ headers: right, chunks: 10, chunkBytes: 10, method: "PUT" });
    expect((await handler(request)).status).toBe(405);
    expect(seen).toEqual({ pulls: 0, cancelled: true });
  });

  it("a declared Content-Length over the bound: 413 without a pull", async () => {
    const headers = { ...right, "content-length": String(MAX + 1) };
    const { request, seen } = probe({ headers, chunks: 1_000_000, chunkBytes: 1024 });
    expect((await handler(request)).status).toBe(413);
    expect(seen).toEqual({ pulls: 0, cancelled: true });
  });

  it("an endless body with the right secret: 413 at the chunk that crosses the bound, then cancelled", async () => {
    const { request, seen } = probe({ headers: right, chunks: 1_000_000, chunkBytes: 1024 });
    expect((await handler(request)).status).toBe(413);
    // 64 chunks of 1 KiB are exactly the bound; the 65th crosses it and is the last one read.
    expect(seen).toEqual({ pulls: MAX / 1024 + 1, cancelled: true });
  });

  it("a body that lies about its Content-Length (says 10, sends more) is still counted", async () => {
    const headers = { ...right, "content-length": "10" };
    const { request, seen } = probe({ headers, chunks: 1_000_000, chunkBytes: 1024 });
    expect((await handler(request)).status).toBe(413);
    expect(seen.pulls).toBe(MAX / 1024 + 1);
  });
});

describe("maxBodyBytes", () => {
  it.each([0, -1, 1.5, Number.NaN, "1mb"])("%s is a ChirpConfigError at construction", (value) => {
    const build = () =>
      createWebhookHandler({ secretHeader: "X-Webhook-Secret", secret: "s", on: {}, maxBodyBytes: value as number });
    expect(build).toThrow(ChirpConfigError);
    expect(build).toThrow(/maxBodyBytes/);
  });
});
