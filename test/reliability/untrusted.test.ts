// Server text is untrusted input: codes named like Object.prototype members, keys
// hidden behind JSON escapes or in the reason phrase, megabyte bodies, and foreign
// error objects carrying the request's headers. Every case ends in a ChirpError that
// carries the status (when there was one) and holds no key in any string form.
import { describe, expect, it } from "vitest";
import { ChirpApiError, ChirpConnectionError, type ChirpError, InvalidRequestError } from "../../src/index.js";
import { json, scriptedFetch, text } from "../client/helpers.js";
import { APP_KEY, failure, faultClient, SECRET } from "./clients.js";
import { everyStringForm } from "./string-forms.js";

const BASE = "https://api.chirp.test";

describe("codes and types are looked up as own keys", () => {
  const inherited = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "isPrototypeOf"];
  it.each(inherited)("code and type %j on a 400 → InvalidRequestError with status 400, not retried", async (name) => {
    const { fetch, log } = scriptedFetch(json(400, { error: { type: name, code: name, message: "m" } }), json(200, {}));
    const { chirp } = faultClient(BASE, fetch);
    const error = await failure(chirp.listWebhooks());
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as ChirpApiError).status).toBe(400);
    expect((error as ChirpApiError).code).toBe(name);
    expect(log).toHaveLength(1);
  });

  it.each(inherited)("code %j on a 503 → a ChirpApiError with status 503 (retried as a 503)", async (name) => {
    const body = `{"error": {"type": "api_error", "code": ${JSON.stringify(name)}}}`;
    const { fetch, log } = scriptedFetch(text(503, body), text(503, body), text(503, body));
    const error = await failure(faultClient(BASE, fetch).chirp.listWebhooks());
    expect(error).toBeInstanceOf(ChirpApiError);
    expect((error as ChirpApiError).status).toBe(503);
    expect(log).toHaveLength(3);
  });
});

describe("keys in server text are redacted wherever they hide", () => {
  const escaped = APP_KEY.replace(/s/, "\\u0073").replace(/_/g, "\\u005f");
  it("a key spelled with JSON escapes in a body that is parsed", async () => {
    const body = `{"error": {"type": "invalid_request_error", "message": "bad key ${escaped}", "param": "${escaped}"}}`;
    const { fetch } = scriptedFetch(text(400, body));
    const error = await failure(faultClient(BASE, fetch).chirp.listWebhooks());
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as ChirpApiError).serverMessage).toContain("[redacted]");
    for (const form of everyStringForm(error)) expect(form).not.toContain(SECRET);
  });

  it("a key in the reason phrase", async () => {
    const { fetch } = scriptedFetch(new Response("{}", { status: 401, statusText: `no ${APP_KEY}` }));
    const error = await failure(faultClient(BASE, fetch).chirp.listWebhooks());
    expect((error as ChirpApiError).status).toBe(401);
    for (const form of everyStringForm(error)) expect(form).not.toContain(SECRET);
  });

  it("a fetch error carrying the request headers and inner errors → only a sanitised copy is kept", async () => {
    const inner = Object.assign(new Error(`connect to ${APP_KEY}`), { code: "ECONNRESET", socket: { key: APP_KEY } });
    const thrown = Object.assign(new AggregateError([inner], "fetch failed"), {
      headers: { authorization: `Bearer ${APP_KEY}` },
      cause: inner,
    });
    const { fetch } = scriptedFetch(thrown, thrown, thrown);
    const error = await failure(faultClient(BASE, fetch).chirp.listWebhooks());
    expect(error).toBeInstanceOf(ChirpConnectionError);
    const cause = (error as ChirpError).cause as Error & { errors?: unknown[] };
    expect(cause).not.toBe(thrown);
    expect(cause.message).toBe("fetch failed");
    expect(cause.errors).toHaveLength(1);
    expect((cause.cause as { code?: string }).code).toBe("ECONNRESET");
    for (const form of everyStringForm(error)) expect(form).not.toContain(SECRET);
  });

  it("a non-Error value thrown by fetch → a ChirpConnectionError whose cause is not that value", async () => {
    const thrown = { headers: { authorization: `Bearer ${APP_KEY}` } };
    const { fetch } = scriptedFetch(() => Promise.reject(thrown));
    const error = await failure(faultClient(BASE, fetch, { maxRetries: 0 }).chirp.listWebhooks());
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect((error as ChirpError).cause).not.toBe(thrown);
    for (const form of everyStringForm(error)) expect(form).not.toContain(SECRET);
  });
});

describe("a huge error body", () => {
  it("caps the server text in message; rawBody keeps all of it", async () => {
    const message = "x".repeat(3_000_000);
    const { fetch } = scriptedFetch(json(400, { error: { type: "invalid_request_error", message } }));
    const error = (await failure(faultClient(BASE, fetch).chirp.listWebhooks())) as ChirpApiError;
    expect(error.message.length).toBeLessThan(2000);
    expect(error.serverMessage).toHaveLength(message.length);
    expect(error.rawBody.length).toBeGreaterThan(message.length);
  });

  it("caps an HTML page's text too", async () => {
    const { fetch } = scriptedFetch(text(502, `<html>${"y".repeat(2_000_000)}</html>`));
    const error = (await failure(faultClient(BASE, fetch, { maxRetries: 0 }).chirp.listWebhooks())) as ChirpApiError;
    expect(error.message.length).toBeLessThan(2000);
  });
});

describe("a huge foreign error message", () => {
  it("is cut short in the ChirpConnectionError's message", async () => {
    const { fetch } = scriptedFetch(new Error(`socket hang up ${"z".repeat(1_000_000)}`));
    const error = (await failure(faultClient(BASE, fetch, { maxRetries: 0 }).chirp.listWebhooks())) as Error;
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect(error.message.length).toBeLessThan(1000);
  });
});
