// Faults of the answer: bodies that are not the JSON promised, compressed bodies,
// statuses and reason phrases no spec lists. Over global fetch and createNodeFetch, an
// answered request always ends in a typed error carrying what came back.
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ApiServerError,
  ChirpApiError,
  ChirpError,
  ChirpResponseError,
  createPathClient,
  InvalidRequestError,
  TemplateNotFoundError,
} from "../../src/index.js";
import { APP_KEY, failure, faultClient, SECRET, SMS, TRANSPORTS } from "./clients.js";
import { encodings } from "./encodings.js";
import { type FaultServer, raw, startFaultServer } from "./fault-server.js";

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
});
afterEach(() => server.close());

const JSON_HEAD = { "content-type": "application/json" };
const answer = (
  status: number | string,
  reason: string,
  body: string | Buffer,
  headers: Record<string, string> = JSON_HEAD,
) => server.play({ onRequest: (s) => s.end(raw(status, reason, headers, body)) });

describe.each(TRANSPORTS)("answers over %s", (_, makeFetch) => {
  const client = () => faultClient(server.url, makeFetch());

  it.each([
    ["truncated JSON", '{"data": [{"id": "wh_1"'],
    ["an HTML page", "<html><body>Bad gateway? No: 200 OK from a captive portal</body></html>"],
    ["invalid JSON", "{data: nope}"],
  ])("200 with %s → ChirpResponseError with the raw body, not retried", async (_, body) => {
    answer(200, "OK", body);
    const error = await failure(client().chirp.listWebhooks());
    expect(error).toBeInstanceOf(ChirpResponseError);
    expect((error as ChirpResponseError).rawBody).toBe(body);
    expect(server.counts.requests).toBe(1);
  });

  it("path-style GET of an HTML 200 → ChirpResponseError, never a raw SyntaxError", async () => {
    answer(200, "OK", "<html>portal</html>", { "content-type": "text/html" });
    const error = await failure(createPathClient(client().chirp).GET("/v1/webhooks"));
    expect(error).toBeInstanceOf(ChirpResponseError);
    expect((error as ChirpResponseError).status).toBe(200);
    expect((error as ChirpResponseError).rawBody).toBe("<html>portal</html>");
  });

  it("path-style GET of a truncated chunked 200 → ChirpResponseError", async () => {
    server.play({
      onRequest: (s) =>
        s.end('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n4\r\n{"da\r\n0\r\n\r\n'),
    });
    expect(await failure(createPathClient(client().chirp).GET("/v1/webhooks"))).toBeInstanceOf(ChirpResponseError);
  });

  it.each([
    [400, "truncated JSON", '{"error": {"type": "invalid_request_error", "code": "template_not'],
    [404, "an HTML page", "<html>Not Found</html>"],
    [502, "an empty body", ""],
  ])("%i with %s → ChirpApiError with that status and the raw body", async (status, _, body) => {
    answer(status, "Whatever", body);
    const error = await failure(client().chirp.sendSms({ body: SMS }));
    expect(error).toBeInstanceOf(ChirpApiError);
    expect((error as ChirpApiError).status).toBe(status);
    expect((error as ChirpApiError).rawBody).toBe(body);
    expect(server.counts.requests).toBe(1);
  });

  it.each(encodings)("a %s-compressed 200 is decoded, and gzip and deflate were asked for", async (coding, encode) => {
    answer(200, "OK", encode(JSON.stringify({ data: [{ id: "wh_z" }] })), {
      ...JSON_HEAD,
      "content-encoding": coding,
    });
    const page = (await client().chirp.listWebhooks()) as unknown as { data: { id: string }[] };
    expect(page.data[0]?.id).toBe("wh_z");
    // Node 20's fetch asks for gzip and deflate (and decodes br all the same).
    const asked = server.requests[0]?.headers["accept-encoding"] ?? "";
    for (const c of ["gzip", "deflate"]) expect(asked).toContain(c);
  });

  it("a gzip-compressed 400 envelope → the class of its code", async () => {
    const envelope = {
      error: { type: "invalid_request_error", code: "template_not_found", message: "no such template" },
    };
    answer(400, "Bad Request", gzipSync(JSON.stringify(envelope)), { ...JSON_HEAD, "content-encoding": "gzip" });
    const error = await failure(client().chirp.sendSms({ body: SMS }));
    expect(error).toBeInstanceOf(TemplateNotFoundError);
    expect((error as ChirpApiError).serverMessage).toBe("no such template");
  });

  it("a gzip body that is not gzip → a ChirpError, never a raw zlib error", async () => {
    answer(200, "OK", "definitely not gzip", { ...JSON_HEAD, "content-encoding": "gzip" });
    expect(await failure(client().chirp.sendSms({ body: SMS }))).toBeInstanceOf(ChirpError);
  });

  it.each([600, 999])("status %i → ApiServerError carrying it, final even for a GET", async (status) => {
    answer(status, "Made Up", "{}");
    const error = await failure(client().chirp.listWebhooks());
    expect(error).toBeInstanceOf(ApiServerError);
    expect((error as ChirpApiError).status).toBe(status);
    expect(server.counts.requests).toBe(1);
  });

  it.each([418, 451, 499, 302])("status %i → ChirpApiError carrying it, a GET not retried", async (status) => {
    answer(status, "Odd", "{}");
    const error = await failure(client().chirp.listWebhooks());
    expect(error).toBeInstanceOf(ChirpApiError);
    expect((error as ChirpApiError).status).toBe(status);
    expect(server.counts.requests).toBe(1);
  });

  it("a reason phrase echoing the key → redacted in message and stack", async () => {
    answer(400, `Bad key ${APP_KEY}`, "{}");
    const error = (await failure(client().chirp.listWebhooks())) as Error;
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(`${error.message}${error.stack}`).not.toContain(SECRET);
  });

  it("an empty reason phrase, and one of 4000 characters → the message stays short", async () => {
    answer(503, "", "{}");
    expect(((await failure(client().chirp.sendSms({ body: SMS }))) as Error).message).toMatch(/^503: POST \/v1\/sms/);
    answer(503, "x".repeat(4000), "{}");
    const error = (await failure(client().chirp.sendSms({ body: SMS }))) as Error;
    expect(error.message.length).toBeLessThan(1500);
  });
});

describe("createNodeFetch content codings", () => {
  it("asks for gzip, deflate and br, and keeps an accept-encoding the caller set", async () => {
    const { createNodeFetch } = await import("../../src/node/http-fetch.js");
    const fetch = createNodeFetch();
    answer(200, "OK", "{}");
    await fetch(`${server.url}/a`, { method: "GET" });
    expect(server.requests[0]?.headers["accept-encoding"]).toBe("gzip, deflate, br");
    answer(200, "OK", "{}");
    await fetch(`${server.url}/b`, { method: "GET", headers: { "Accept-Encoding": "identity" } });
    expect(server.requests[0]?.headers["accept-encoding"]).toBe("identity");
  });
});
