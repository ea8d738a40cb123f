// No message, toString, JSON.stringify, stack or util.inspect of any error — or of
// the client — ever contains a key, or any part of one beyond its public prefix.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { redactHeaders, redactKeys } from "../../src/errors/redact.js";
import {
  Chirp,
  ChirpAbortError,
  ChirpApiError,
  ChirpConfigError,
  ChirpConnectionError,
  ChirpTimeoutError,
  ChirpValidationError,
} from "../../src/index.js";
import { json, rejection, scriptedFetch, text } from "./helpers.js";

// Secrets with underscores and dashes too: a redactor must not keep "the part before the last _".
const SECRETS = {
  app: "T3st_App_S3cret-0123456789abcdefghij",
  live: "L1ve_App_S3cret-0123456789abcdefghij",
  admin: "Adm1n_S3cret-0123456789abcdefghijkl",
};
const APP_KEY = `sk_test_app_${SECRETS.app}`;
const LIVE_KEY = `sk_live_app_${SECRETS.live}`;
const ADMIN_KEY = `sk_admin_${SECRETS.admin}`;
/** Fragments that must never appear: each secret's first and last chunks and the whole thing. */
const FORBIDDEN = Object.values(SECRETS).flatMap((s) => [s, s.slice(0, 6), s.slice(-10)]);

function renderings(value: unknown): string[] {
  const out = [String(value), JSON.stringify(value) ?? "", inspect(value, { depth: Number.POSITIVE_INFINITY })];
  if (value instanceof Error)
    out.push(value.message, value.stack ?? "", inspect(value, { showHidden: true, depth: 6 }));
  return out;
}

function expectNoKey(value: unknown): void {
  for (const rendering of renderings(value)) {
    for (const fragment of FORBIDDEN) expect(rendering).not.toContain(fragment);
  }
}

describe("errors raised before sending", () => {
  it.each([
    ["an admin key as appKey", { appKey: ADMIN_KEY }],
    ["a live app key as adminKey", { adminKey: LIVE_KEY }],
    ["an app key as adminKey", { adminKey: APP_KEY }],
    ["a key with a trailing newline", { appKey: `${APP_KEY}\n` }],
    ["a key with a space inside", { adminKey: `sk_admin_${SECRETS.admin} x` }],
    ["a key of no known kind", { appKey: `pk_${SECRETS.app}` }],
  ])("%s: the ChirpConfigError shows no part of it", (_, options) => {
    let error: unknown;
    try {
      new Chirp(options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChirpConfigError);
    expectNoKey(error);
  });

  it("a missing key for the operation: no part of the other key", async () => {
    const chirp = new Chirp({ appKey: APP_KEY, fetch: scriptedFetch().fetch });
    const error = await rejection(chirp.listApps());
    expect(error).toBeInstanceOf(ChirpConfigError);
    expectNoKey(error);
  });

  it("a validation error", async () => {
    const chirp = new Chirp({ appKey: APP_KEY, fetch: scriptedFetch().fetch });
    const error = await rejection(chirp.sendSms({ body: { from: "+1", to: ["x"], text: APP_KEY } }));
    expect(error).toBeInstanceOf(ChirpValidationError);
    expectNoKey(error);
  });
});

describe("errors from an answer that echoes the key", () => {
  it.each([
    ["the envelope", () => json(401, { error: { type: "authentication_error", message: `Invalid key ${APP_KEY}` } })],
    ["the param field", () => json(400, { error: { type: "invalid_request_error", message: "bad", param: APP_KEY } })],
    ["the 429 string form", () => json(429, { error: `Rate limit exceeded for ${APP_KEY}` }, { "Retry-After": "999" })],
    ["Prism's problem+json", () => json(422, { title: "Invalid", detail: `Authorization: Bearer ${APP_KEY}` })],
    ["HTML from a proxy", () => text(502, `<pre>Authorization: Bearer ${APP_KEY}</pre>`)],
    ["truncated JSON", () => text(500, `{"error": {"message": "${APP_KEY}`)],
    [
      "a key glued to other text",
      () => json(400, { error: { type: "invalid_request_error", message: `token=x${APP_KEY}` } }),
    ],
    ["a header", () => json(400, { error: { type: "invalid_request_error", message: "m" } }, { "x-debug": APP_KEY })],
  ])("%s", async (_, answer) => {
    const { fetch } = scriptedFetch(answer());
    const chirp = new Chirp({ appKey: APP_KEY, fetch, maxRetries: 0 });
    const error = await rejection(chirp.listWebhooks());
    expect(error).toBeInstanceOf(ChirpApiError);
    expectNoKey(error);
    // The prefix stays, so the reader can tell what kind of key was echoed.
    expect((error as ChirpApiError).rawBody + JSON.stringify((error as ChirpApiError).body)).not.toContain(SECRETS.app);
  });

  it("a 2xx whose body is not JSON and echoes the key", async () => {
    const { fetch } = scriptedFetch(text(200, `<html>proxy login for ${ADMIN_KEY}</html>`));
    const chirp = new Chirp({ adminKey: ADMIN_KEY, fetch });
    expectNoKey(await rejection(chirp.listApps()));
  });
});

describe("errors with no answer", () => {
  it("a connection failure whose cause quotes the Authorization header", async () => {
    const cause = new TypeError(`Request to https://api.buildwithchirp.com failed, headers: Bearer ${APP_KEY}`, {
      cause: Object.assign(new Error(`socket closed (auth ${APP_KEY})`), { code: "ECONNRESET" }),
    });
    const { fetch } = scriptedFetch(cause);
    const chirp = new Chirp({ appKey: APP_KEY, fetch, maxRetries: 0 });
    const error = await rejection(chirp.listWebhooks());
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect((error as ChirpConnectionError).sent).toBe("maybe-sent");
    expect((error as Error).message).toContain("ECONNRESET");
    expectNoKey(error);
  });

  it("a timeout and an abort", async () => {
    const hang = (req: { signal: AbortSignal | undefined }) =>
      new Promise<Response>((_, reject) => req.signal?.addEventListener("abort", () => reject(new Error("aborted"))));
    const { fetch } = scriptedFetch(hang, hang);
    const chirp = new Chirp({ appKey: APP_KEY, fetch, maxRetries: 0, timeout: 1 });
    const timeout = await rejection(chirp.listWebhooks());
    expect(timeout).toBeInstanceOf(ChirpTimeoutError);
    expectNoKey(timeout);
    const abort = await rejection(chirp.listWebhooks({ signal: AbortSignal.abort() }));
    expect(abort).toBeInstanceOf(ChirpAbortError);
    expectNoKey(abort);
  });
});

describe("the client", () => {
  it("String, JSON.stringify, util.inspect (even showHidden) and its own keys show no key", () => {
    const chirp = new Chirp({ appKey: APP_KEY, adminKey: ADMIN_KEY });
    expectNoKey(chirp);
    expect(inspect(chirp, { showHidden: true, depth: 8, getters: true })).not.toContain(SECRETS.admin);
    for (const value of Object.values(chirp)) expectNoKey(value);
    expect(JSON.stringify(Object.getOwnPropertyNames(chirp).map((n) => String((chirp as never)[n])))).not.toContain(
      SECRETS.app,
    );
  });
});

describe("redactHeaders", () => {
  it("is the same Headers when nothing holds a key", () => {
    const headers = new Headers({ "x-request-id": "req_1", "content-type": "application/json" });
    expect(redactHeaders(headers)).toBe(headers);
  });

  it("redacts a key in a value, drops a header whose name holds one, keeps the rest", () => {
    const headers = new Headers({
      "x-echo": `Bearer ${APP_KEY}`,
      [`x-${ADMIN_KEY.toLowerCase()}`]: "1",
      "x-request-id": "req_1",
    });
    const copy = redactHeaders(headers);
    expect(copy).not.toBe(headers);
    expect([...copy]).toEqual([
      ["x-echo", "Bearer sk_test_app_[redacted]"],
      ["x-request-id", "req_1"],
    ]);
  });

  it("drops a header whose name alone holds a key", () => {
    const headers = new Headers({ [`x-${LIVE_KEY.toLowerCase()}`]: "1", "x-request-id": "req_1" });
    expect([...redactHeaders(headers)]).toEqual([["x-request-id", "req_1"]]);
  });
});

describe("redactKeys", () => {
  it("keeps the public prefix of each kind of key, glued to other text or not", () => {
    expect(redactKeys(`a ${APP_KEY}, b=x${LIVE_KEY} ${ADMIN_KEY}.`)).toBe(
      "a sk_test_app_[redacted], b=xsk_live_app_[redacted] sk_admin_[redacted].",
    );
  });

  it("finds a key spelled with JSON escapes, any of its characters, hex digits in either case", () => {
    const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(4, "0");
    for (const key of [APP_KEY, LIVE_KEY, ADMIN_KEY]) {
      const lower = [...key].map((c) => `\\u${hex(c)}`).join("");
      const upper = [...key].map((c) => `\\u${hex(c).toUpperCase()}`).join("");
      for (const spelled of [lower, upper, key.replace(/[sk_]/g, (c) => `\\u${hex(c)}`)]) {
        const out = redactKeys(`{"m":"${spelled}"}`);
        expect(out).toContain("[redacted]");
        for (const fragment of FORBIDDEN) expect(out).not.toContain(fragment);
      }
    }
  });

  it("leaves text without a key byte for byte, escapes included; an escaped backslash is not an escape", () => {
    for (const text of ['{"m":"caf\\u00e9 \\u0041\\u0022"}', "\\\\u0073k_live_app_x", "no key here"]) {
      expect(redactKeys(text)).toBe(text);
    }
  });
});
