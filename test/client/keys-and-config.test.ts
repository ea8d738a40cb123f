// Keys, base URL and the method-per-operation table: which key each call sends,
// what is refused before sending, and where options come from.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Chirp, ChirpConfigError, ChirpError, type OperationId, operations, rateLimiter } from "../../src/index.js";
import { specFacts } from "../spec-facts.js";
import { ADMIN_KEY, APP_KEY, BASE_URL, json, LIVE_APP_KEY, rejection, scriptedFetch } from "./helpers.js";

/** Runs each test with no CHIRP_* variable set, whatever the machine has. */
function clearChirpEnv(): void {
  vi.stubEnv("CHIRP_APP_KEY", "");
  vi.stubEnv("CHIRP_ADMIN_KEY", "");
  vi.stubEnv("CHIRP_BASE_URL", "");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const operationIds = Object.keys(operations) as OperationId[];

/** Parameters that fill every `{name}` of an operation's path with `<name>_1`. */
function paramsFor(id: OperationId): { path?: Record<string, string>; body?: object } {
  const names = [...operations[id].path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const params: { path?: Record<string, string>; body?: object } = {};
  if (names.length) params.path = Object.fromEntries(names.map((n) => [n, `${n}_1`]));
  if (["POST", "PUT", "PATCH"].includes(operations[id].method)) params.body = {};
  return params;
}

function call(chirp: Chirp, id: OperationId, params: object): Promise<unknown> {
  return (chirp[id] as (p: object) => Promise<unknown>)(params);
}

describe("a method per operation, from the generated table", () => {
  it("has every operation of the spec, in the spec's order", () => {
    expect(operationIds).toEqual(specFacts().operationIds);
  });

  it.each(operationIds)("%s: sends its method and path with the key its security scheme names", async (id) => {
    clearChirpEnv();
    const op = operations[id];
    const { fetch, log } = scriptedFetch(json(op.status, { ok: id }));
    const chirp = new Chirp({ appKey: APP_KEY, adminKey: ADMIN_KEY, baseUrl: BASE_URL, fetch });
    expect(typeof chirp[id]).toBe("function");
    const params = paramsFor(id);
    await expect(call(chirp, id, params)).resolves.toEqual({ ok: id });
    expect(log).toHaveLength(1);
    const [req] = log;
    expect(req?.method).toBe(op.method);
    const filled = op.path.replace(/\{(\w+)\}/g, (_, n: string) => `${n}_1`);
    expect(req?.url).toBe(BASE_URL + filled);
    const expectedKey = op.security === "adminAuth" ? ADMIN_KEY : APP_KEY;
    expect(op.security === "adminAuth" || op.security === "appAuth").toBe(true);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${expectedKey}`);
  });

  it.each(operationIds)("%s: a client without its key throws ChirpConfigError before sending", async (id) => {
    clearChirpEnv();
    const { fetch, log } = scriptedFetch(json(200, {}));
    const holdsOnlyOtherKey =
      operations[id].security === "adminAuth"
        ? new Chirp({ appKey: APP_KEY, baseUrl: BASE_URL, fetch })
        : new Chirp({ adminKey: ADMIN_KEY, baseUrl: BASE_URL, fetch });
    const error = await rejection(call(holdsOnlyOtherKey, id, paramsFor(id)));
    expect(error).toBeInstanceOf(ChirpConfigError);
    expect(error).toBeInstanceOf(ChirpError);
    expect((error as Error).message).toContain(
      operations[id].security === "adminAuth" ? "CHIRP_ADMIN_KEY" : "CHIRP_APP_KEY",
    );
    expect(log).toHaveLength(0);
  });

  it("request(operationId, params) is the generic form of every method", async () => {
    clearChirpEnv();
    const { fetch, log } = scriptedFetch(json(200, { id: "a" }), json(200, { id: "a" }));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const params = { path: { webhookId: "whk_1" } };
    expect(await chirp.request("getWebhook", params)).toEqual(await chirp.getWebhook(params));
    expect(log.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET https://api.buildwithchirp.com/v1/webhooks/whk_1",
      "GET https://api.buildwithchirp.com/v1/webhooks/whk_1",
    ]);
  });

  it("an unknown operationId is a ChirpConfigError, nothing sent", async () => {
    const { fetch, log } = scriptedFetch();
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    const error = await rejection((chirp.request as (id: string) => Promise<unknown>)("sendCarrierPigeon"));
    expect(error).toBeInstanceOf(ChirpConfigError);
    expect(log).toHaveLength(0);
  });
});

describe("keys", () => {
  it("new Chirp({}) and new Chirp() never throw", () => {
    clearChirpEnv();
    expect(() => new Chirp({})).not.toThrow();
    expect(() => new Chirp()).not.toThrow();
  });

  it.each([
    ["an admin key as appKey", { appKey: ADMIN_KEY }],
    ["an app key as adminKey", { adminKey: APP_KEY }],
    ["a live app key as adminKey", { adminKey: LIVE_APP_KEY }],
    ["a key of no known kind as appKey", { appKey: "pk_live_123456" }],
    ["a key of no known kind as adminKey", { adminKey: "sk_admin" }],
    ["a bare prefix", { appKey: "sk_live_app_" }],
    ["an empty appKey", { appKey: "" }],
    ["a key with white space", { appKey: `${APP_KEY} ` }],
    ["a key with a newline (header injection)", { adminKey: `${ADMIN_KEY}\nx-evil: 1` }],
  ])("%s is a ChirpConfigError at construction", (_, options) => {
    clearChirpEnv();
    const { fetch, log } = scriptedFetch();
    expect(() => new Chirp({ ...options, fetch })).toThrow(ChirpConfigError);
    expect(log).toHaveLength(0);
  });

  it.each([
    ["CHIRP_APP_KEY", ADMIN_KEY],
    ["CHIRP_ADMIN_KEY", APP_KEY],
  ])("a key of the wrong kind in %s is a ChirpConfigError at construction", (name, value) => {
    clearChirpEnv();
    vi.stubEnv(name, value);
    expect(() => new Chirp({})).toThrow(ChirpConfigError);
  });

  it("reads CHIRP_APP_KEY, CHIRP_ADMIN_KEY and CHIRP_BASE_URL from the environment", async () => {
    clearChirpEnv();
    vi.stubEnv("CHIRP_APP_KEY", APP_KEY);
    vi.stubEnv("CHIRP_ADMIN_KEY", ADMIN_KEY);
    vi.stubEnv("CHIRP_BASE_URL", "https://env.chirp.test");
    const { fetch, log } = scriptedFetch(json(200, { webhooks: [] }), json(200, { apps: [] }));
    const chirp = new Chirp({ fetch });
    expect(chirp.baseUrl).toBe("https://env.chirp.test");
    expect(chirp.isTestMode).toBe(true);
    await chirp.listWebhooks();
    await chirp.listApps();
    expect(log.map((r) => [r.url, r.headers.get("authorization")])).toEqual([
      ["https://env.chirp.test/v1/webhooks", `Bearer ${APP_KEY}`],
      ["https://env.chirp.test/v1/organization/apps", `Bearer ${ADMIN_KEY}`],
    ]);
  });

  it("options win over the environment", async () => {
    clearChirpEnv();
    vi.stubEnv("CHIRP_APP_KEY", APP_KEY);
    vi.stubEnv("CHIRP_BASE_URL", "https://env.chirp.test");
    const { fetch, log } = scriptedFetch(json(200, { webhooks: [] }));
    const chirp = new Chirp({ appKey: LIVE_APP_KEY, baseUrl: BASE_URL, fetch });
    await chirp.listWebhooks();
    expect(log[0]?.url).toBe(`${BASE_URL}/v1/webhooks`);
    expect(log[0]?.headers.get("authorization")).toBe(`Bearer ${LIVE_APP_KEY}`);
    expect(chirp.isTestMode).toBe(false);
  });

  it.each([
    [{ appKey: APP_KEY }, true],
    [{ appKey: LIVE_APP_KEY }, false],
    [{ adminKey: ADMIN_KEY }, false],
    [{}, false],
  ])("isTestMode for %o is %s", (options, expected) => {
    clearChirpEnv();
    expect(new Chirp(options).isTestMode).toBe(expected);
  });

  it("a client with only an app key calls app operations; admin ones fail before sending", async () => {
    clearChirpEnv();
    const { fetch, log } = scriptedFetch(json(200, { id: "msg_sms_1" }));
    const chirp = new Chirp({ appKey: LIVE_APP_KEY, fetch });
    await chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "Hi" } });
    await expect(chirp.listApps()).rejects.toBeInstanceOf(ChirpConfigError);
    expect(log).toHaveLength(1);
  });

  it("extra headers of a call are sent alongside the key and accept header", async () => {
    clearChirpEnv();
    const { fetch, log } = scriptedFetch(json(200, { webhooks: [] }));
    const chirp = new Chirp({ appKey: APP_KEY, fetch });
    await chirp.listWebhooks({ headers: { "X-Trace": "t1" } });
    expect(log[0]?.headers.get("authorization")).toBe(`Bearer ${APP_KEY}`);
    expect(log[0]?.headers.get("x-trace")).toBe("t1");
    expect(log[0]?.headers.get("accept")).toBe("application/json");
  });
});

describe("base URL", () => {
  it("defaults to https://api.buildwithchirp.com", () => {
    clearChirpEnv();
    expect(new Chirp({}).baseUrl).toBe("https://api.buildwithchirp.com");
  });

  it.each([
    "http://api.buildwithchirp.com",
    "http://10.0.0.5:4010",
    "http://localhost.evil.com",
    // Names that only look like loopback.
    "http://evil-localhost:4010",
    "http://localhostx:4010",
    "http://127.0.0.1.evil.com",
    "http://128.0.0.1:4010",
    "ftp://api.chirp.test",
    "not a url",
    "https://user:pass@api.chirp.test",
    "https://api.chirp.test/?x=1",
  ])("%s is a ChirpConfigError at construction", (baseUrl) => {
    clearChirpEnv();
    expect(() => new Chirp({ baseUrl })).toThrow(ChirpConfigError);
  });

  it("a non-https CHIRP_BASE_URL is a ChirpConfigError too", () => {
    clearChirpEnv();
    vi.stubEnv("CHIRP_BASE_URL", "http://api.buildwithchirp.com");
    expect(() => new Chirp({})).toThrow(ChirpConfigError);
  });

  it.each([
    ["http://localhost:4010", "http://localhost:4010"],
    ["http://127.0.0.1:4010/", "http://127.0.0.1:4010"],
    ["http://[::1]:4010", "http://[::1]:4010"],
    ["http://mock.localhost:4010", "http://mock.localhost:4010"],
    ["http://127.8.9.10:4010", "http://127.8.9.10:4010"],
    ["https://eu.chirp.test/", "https://eu.chirp.test"],
    ["https://proxy.chirp.test/chirp/", "https://proxy.chirp.test/chirp"],
  ])("%s is accepted (loopback http, or https), kept as %s", async (baseUrl, kept) => {
    clearChirpEnv();
    const { fetch, log } = scriptedFetch(json(200, { webhooks: [] }));
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl, fetch });
    expect(chirp.baseUrl).toBe(kept);
    await chirp.listWebhooks();
    expect(log[0]?.url).toBe(`${kept}/v1/webhooks`);
  });

  it.each([
    ["timeout", { timeout: 0 }],
    ["timeout", { timeout: Number.NaN }],
    ["maxRetries", { maxRetries: -1 }],
    ["maxRetries", { maxRetries: 1.5 }],
  ])("an invalid %s is a ChirpConfigError at construction", (_, options) => {
    clearChirpEnv();
    expect(() => new Chirp(options)).toThrow(ChirpConfigError);
  });
});

describe("rateLimit takes rateLimiter()", () => {
  it("the pre-0.2 forms (true, a plain options object) are a ChirpConfigError that names the fix", () => {
    for (const old of [true, { maxConcurrent: 4 }]) {
      const attempt = () => new Chirp({ appKey: APP_KEY, rateLimit: old as never });
      expect(attempt).toThrow(ChirpConfigError);
      expect(attempt).toThrow(/rateLimit: rateLimiter\(\)/);
    }
  });

  it("rateLimiter() gives each client its own limiter", () => {
    const plan = rateLimiter({ maxConcurrent: 2 });
    const a = new Chirp({ appKey: APP_KEY, rateLimit: plan });
    const b = new Chirp({ appKey: APP_KEY, rateLimit: plan });
    expect(a.rateLimiter).toBeDefined();
    expect(a.rateLimiter).not.toBe(b.rateLimiter);
    expect(new Chirp({ appKey: APP_KEY }).rateLimiter).toBeUndefined();
  });
});
