// The node:http transport against real loopback servers, run side by side with the
// global fetch: both paths must give the same results, errors and retry decisions.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, Agent as HttpsAgent } from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  Chirp,
  ChirpAbortError,
  ChirpConnectionError,
  ChirpTimeoutError,
  type FetchLike,
  TemplateNotFoundError,
} from "../src/index.js";
import { createNodeFetch } from "../src/node/http-fetch.js";
import { loopbackCert, loopbackKey } from "./fixtures/loopback-tls.js";

const APP_KEY = "sk_test_app_0123456789abcdef";
const SMS = { from: "+15551234567", to: ["+15559876543"], text: "hi" };
type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r).closeAllConnections())));
});

async function serve(handler: Handler): Promise<{ baseUrl: string; connections: () => number }> {
  let connections = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      body += c;
    });
    req.on("end", () => handler(req, body, res));
  });
  server.on("connection", () => connections++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const transports: [string, () => FetchLike][] = [
  ["global fetch", () => (url, init) => fetch(url, init)],
  ["createNodeFetch", () => createNodeFetch()],
];

describe.each(transports)("%s", (_name, makeFetch) => {
  const client = (baseUrl: string, extra: Record<string, unknown> = {}) =>
    new Chirp({ appKey: APP_KEY, baseUrl, fetch: makeFetch(), sleep: async () => {}, ...extra });

  it("sends a POST with its JSON body and key, and parses the answer", async () => {
    const seen: Record<string, string | undefined>[] = [];
    const { baseUrl } = await serve((req, body, res) => {
      seen.push({
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
        type: req.headers["content-type"],
        body,
      });
      json(res, 200, { id: "msg_sms_1", status: "QUEUED" });
    });
    const result = await client(baseUrl).sendSms({ body: SMS });
    expect(result).toEqual({ id: "msg_sms_1", status: "QUEUED" });
    expect(seen).toEqual([
      {
        method: "POST",
        url: "/v1/sms",
        auth: `Bearer ${APP_KEY}`,
        type: "application/json",
        body: JSON.stringify(SMS),
      },
    ]);
  });

  it("exposes response headers and rate-limit info", async () => {
    const { baseUrl } = await serve((req, _body, res) => {
      res.setHeader("x-ratelimit-remaining", "41");
      json(res, 200, { path: req.url });
    });
    const chirp = client(baseUrl);
    const params = { path: { phoneNumberId: "wapn_1" } };
    const first = await chirp.withResponse("getWhatsAppBusinessProfile", params);
    await chirp.getWhatsAppBusinessProfile(params);
    expect(first.data).toEqual({ path: "/v1/whatsapp/phone-numbers/wapn_1/business-profile" });
    expect(first.rateLimit?.remaining).toBe(41);
  });

  it("maps an error status to the class of its code", async () => {
    const { baseUrl } = await serve((_req, _body, res) =>
      json(res, 404, { error: { type: "invalid_request_error", code: "template_not_found", message: "No such" } }),
    );
    const error = await client(baseUrl)
      .getWhatsAppTemplate({ path: { templateId: "t_1" } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TemplateNotFoundError);
    expect(error).toMatchObject({ status: 404, serverMessage: "No such" });
  });

  it("retries a GET after a 503 and gives the second answer", async () => {
    let calls = 0;
    const { baseUrl } = await serve((_req, _body, res) =>
      ++calls === 1 ? json(res, 503, { error: { type: "api_error", message: "busy" } }) : json(res, 200, { ok: 1 }),
    );
    await expect(client(baseUrl).getWhatsAppBusinessProfile({ path: { phoneNumberId: "p" } })).resolves.toEqual({
      ok: 1,
    });
    expect(calls).toBe(2);
  });

  it("classifies a refused connection as not sent and retries it, even for a POST", async () => {
    const { baseUrl } = await serve(() => {});
    await new Promise((r) => servers.pop()!.close(r));
    const inner = makeFetch();
    let attempts = 0;
    const counting: FetchLike = (url, init) => {
      attempts++;
      return inner(url, init);
    };
    const error = await client(baseUrl, { fetch: counting, maxRetries: 2 })
      .sendSms({ body: SMS })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect(error.sent).toBe("not-sent");
    expect(attempts).toBe(3);
  });

  it("does not resend a POST whose connection dropped after sending", async () => {
    let calls = 0;
    const { baseUrl } = await serve((req) => {
      calls++;
      req.socket.destroy();
    });
    const error = await client(baseUrl)
      .sendSms({ body: SMS })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect(error.sent).toBe("maybe-sent");
    expect(calls).toBe(1);
  });

  it("rejects with ChirpAbortError when the caller aborts a pending request", async () => {
    const controller = new AbortController();
    const { baseUrl } = await serve(() => controller.abort(new Error("user gave up")));
    const error = await client(baseUrl)
      .getWhatsAppBusinessProfile({ path: { phoneNumberId: "p" }, signal: controller.signal })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpAbortError);
  });

  it("rejects with ChirpAbortError when the caller aborts in the middle of the body", async () => {
    const controller = new AbortController();
    const { baseUrl } = await serve((_req, _body, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"businessName":', () => controller.abort(new Error("user gave up")));
    });
    const error = await client(baseUrl)
      .getWhatsAppBusinessProfile({ path: { phoneNumberId: "p" }, signal: controller.signal })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpAbortError);
  });

  it("times out an attempt the server never answers, without retrying a POST", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let calls = 0;
    const { baseUrl } = await serve(() => {
      calls++;
      vi.advanceTimersByTime(30_000);
    });
    const error = await client(baseUrl, { timeout: 30_000 })
      .sendSms({ body: SMS })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpTimeoutError);
    expect(calls).toBe(1);
  });
});

describe("createNodeFetch", () => {
  it("reuses one keep-alive connection for sequential requests", async () => {
    const { baseUrl, connections } = await serve((_req, _body, res) => json(res, 200, {}));
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl, fetch: createNodeFetch() });
    for (let i = 0; i < 3; i++) await chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "p" } });
    expect(connections()).toBe(1);
  });

  it("speaks HTTPS through the https agent it is given", async () => {
    const server = createHttpsServer({ cert: loopbackCert, key: loopbackKey }, (req, res) =>
      json(res, 200, { secure: true, path: req.url }),
    );
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const httpsAgent = new HttpsAgent({ keepAlive: true, ca: loopbackCert });
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl, fetch: createNodeFetch({ httpsAgent }) });
    await expect(chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "p" } })).resolves.toEqual({
      secure: true,
      path: "/v1/whatsapp/phone-numbers/p/business-profile",
    });
    httpsAgent.destroy();
  });

  it("gives a null body for 204 and keeps repeated headers", async () => {
    const { baseUrl } = await serve((_req, _body, res) => {
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.writeHead(204).end();
    });
    const response = await createNodeFetch()(`${baseUrl}/x`, { method: "DELETE" });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  it("rejects at once with the reason of an already-aborted signal", async () => {
    const reason = new Error("stop");
    await expect(createNodeFetch()("http://127.0.0.1:9/", { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it("refuses a body it cannot send rather than sending something else", async () => {
    const { baseUrl } = await serve((_req, _body, res) => json(res, 200, {}));
    const stream = new ReadableStream();
    await expect(createNodeFetch()(baseUrl, { method: "POST", body: stream })).rejects.toThrow(TypeError);
  });
});
