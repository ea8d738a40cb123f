// createNodeFetch through a real forward proxy on loopback (the `proxy` package): https
// targets tunnelled with CONNECT, http targets in absolute form, NO_PROXY, proxy
// authentication, a proxy that refuses or fails, and credentials kept out of every error.
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Chirp, ChirpAbortError, ChirpConnectionError, type FetchLike } from "../../src/index.js";
import { createNodeFetch, type NodeFetchOptions } from "../../src/node/http-fetch.js";
import { testCaCert } from "../fixtures/test-ca.js";
import { api, closeAll, closedPort, forwardProxy, refusingTunnelProxy, silentProxy } from "./loopback-servers.js";

const APP_KEY = "sk_test_app_0123456789abcdef";
const SMS = { from: "+15551234567", to: ["+15559876543"], text: "hi" };
const PROFILE = { path: { phoneNumberId: "wapn_1" } };

afterEach(async () => {
  vi.unstubAllEnvs();
  await closeAll();
});

/** No proxy variables from the machine running the tests. */
function clearProxyEnv(): void {
  for (const name of ["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "NODE_USE_ENV_PROXY"]) {
    vi.stubEnv(name, undefined);
    vi.stubEnv(name.toLowerCase(), undefined);
  }
}

function client(baseUrl: string, options: NodeFetchOptions, count?: { attempts: number }) {
  const inner = createNodeFetch(options);
  const fetch: FetchLike = (url, init) => {
    if (count) count.attempts++;
    return inner(url, init);
  };
  // No real waiting between retries.
  return new Chirp({ appKey: APP_KEY, baseUrl, fetch, sleep: async () => {}, maxRetries: 2 });
}

/** Everything a log line or an error report could print of `error`. */
function everythingPrinted(error: unknown): string {
  const e = error as Error;
  return [
    e.message,
    e.stack,
    String(e.cause),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
  ].join("\n");
}

describe("createNodeFetch through a forward proxy", () => {
  it("tunnels an https call with CONNECT; TLS runs end to end and the API never sees proxy headers", async () => {
    clearProxyEnv();
    const target = await api("https");
    const proxy = await forwardProxy();
    const chirp = client(target.baseUrl, { proxy: proxy.url, ca: testCaCert });
    await expect(chirp.getWhatsAppBusinessProfile(PROFILE)).resolves.toMatchObject({ ok: true });
    await expect(chirp.sendSms({ body: SMS })).resolves.toMatchObject({ ok: true });
    // One tunnel, kept alive for the second call.
    expect(proxy.log.connects).toEqual([`127.0.0.1:${target.port}`]);
    expect(proxy.log.forwards).toEqual([]);
    expect(target.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /v1/whatsapp/phone-numbers/wapn_1/business-profile",
      "POST /v1/sms",
    ]);
    expect(target.seen[1]?.headers.authorization).toBe(`Bearer ${APP_KEY}`);
    expect(target.seen.every((r) => r.headers["proxy-authorization"] === undefined)).toBe(true);
  });

  it("sends an http call to the proxy in absolute form", async () => {
    clearProxyEnv();
    const target = await api("http");
    const proxy = await forwardProxy();
    const chirp = client(target.baseUrl, { proxy: proxy.url });
    await expect(chirp.sendSms({ body: SMS })).resolves.toMatchObject({ ok: true, path: "/v1/sms" });
    expect(proxy.log.forwards).toEqual([`http://127.0.0.1:${target.port}/v1/sms`]);
    expect(proxy.log.connects).toEqual([]);
    expect(target.seen).toHaveLength(1);
  });

  it("reads HTTPS_PROXY and HTTP_PROXY with proxy: 'env', lower-case forms first", async () => {
    clearProxyEnv();
    const secure = await api("https");
    const plain = await api("http");
    const proxy = await forwardProxy();
    const dead = `http://127.0.0.1:${await closedPort()}`;
    vi.stubEnv("HTTPS_PROXY", dead);
    vi.stubEnv("https_proxy", proxy.url);
    vi.stubEnv("HTTP_PROXY", proxy.url);
    await expect(
      client(secure.baseUrl, { proxy: "env", ca: testCaCert }).getWhatsAppBusinessProfile(PROFILE),
    ).resolves.toMatchObject({ ok: true });
    await expect(client(plain.baseUrl, { proxy: "env" }).getWhatsAppBusinessProfile(PROFILE)).resolves.toMatchObject({
      ok: true,
    });
    expect(proxy.log.connects).toEqual([`127.0.0.1:${secure.port}`]);
    expect(proxy.log.forwards).toEqual([
      `http://127.0.0.1:${plain.port}/v1/whatsapp/phone-numbers/wapn_1/business-profile`,
    ]);
  });

  it("goes straight to a host NO_PROXY lists, and through the proxy for the others", async () => {
    clearProxyEnv();
    const target = await api("https");
    const proxy = await forwardProxy();
    vi.stubEnv("HTTPS_PROXY", proxy.url);
    const call = () => client(target.baseUrl, { proxy: "env", ca: testCaCert }).getWhatsAppBusinessProfile(PROFILE);

    vi.stubEnv("NO_PROXY", `example.com, 127.0.0.1:${target.port}`);
    await expect(call()).resolves.toMatchObject({ ok: true });
    vi.stubEnv("NO_PROXY", "10.0.0.0/8,.example.com");
    await expect(call()).resolves.toMatchObject({ ok: true });
    vi.stubEnv("no_proxy", "*");
    await expect(call()).resolves.toMatchObject({ ok: true });

    // Only the middle call (NO_PROXY naming other hosts) went through the proxy.
    expect(proxy.log.connects).toEqual([`127.0.0.1:${target.port}`]);
    expect(target.seen).toHaveLength(3);
  });

  it("does not read the environment unless asked, or unless NODE_USE_ENV_PROXY=1 asked Node to", async () => {
    clearProxyEnv();
    const target = await api("https");
    const proxy = await forwardProxy();
    vi.stubEnv("HTTPS_PROXY", proxy.url);
    await expect(client(target.baseUrl, { ca: testCaCert }).getWhatsAppBusinessProfile(PROFILE)).resolves.toBeTruthy();
    expect(proxy.log.connects).toEqual([]);
    vi.stubEnv("NODE_USE_ENV_PROXY", "1");
    await expect(client(target.baseUrl, { ca: testCaCert }).getWhatsAppBusinessProfile(PROFILE)).resolves.toBeTruthy();
    await expect(
      client(target.baseUrl, { ca: testCaCert, proxy: false }).getWhatsAppBusinessProfile(PROFILE),
    ).resolves.toBeTruthy();
    expect(proxy.log.connects).toEqual([`127.0.0.1:${target.port}`]);
    expect(target.seen).toHaveLength(3);
  });
});

describe("an https:// proxy (TLS to the proxy itself)", () => {
  it.each(["https", "http"] as const)(
    "%s target: through the proxy, trusting its certificate by `ca`",
    async (kind) => {
      clearProxyEnv();
      const target = await api(kind);
      const proxy = await forwardProxy(undefined, { tls: true });
      await expect(
        client(target.baseUrl, { proxy: proxy.url, ca: testCaCert }).sendSms({ body: SMS }),
      ).resolves.toMatchObject({ ok: true });
      expect(kind === "https" ? proxy.log.connects : proxy.log.forwards).toHaveLength(1);
      expect(target.seen).toHaveLength(1);
    },
  );

  it.each(["https", "http"] as const)(
    "%s target: a proxy certificate from an unknown CA is a final ChirpConnectionError naming the proxy",
    async (kind) => {
      clearProxyEnv();
      const target = await api(kind);
      const proxy = await forwardProxy(undefined, { tls: true });
      const count = { attempts: 0 };
      const error = await client(target.baseUrl, { proxy: proxy.url }, count)
        .getWhatsAppBusinessProfile(PROFILE)
        .catch((e) => e);
      expect(error).toBeInstanceOf(ChirpConnectionError);
      expect(error.sent).toBe("not-sent");
      expect(error.message).toContain(`the TLS certificate of proxy 127.0.0.1:${proxy.port} is not trusted`);
      expect(count.attempts).toBe(1);
      expect(target.seen).toHaveLength(0);
    },
  );
});

describe("proxy authentication", () => {
  const credentials = { user: "corp\\jane", password: "p@ss:w rd/1" };
  const withCredentials = (url: string) =>
    url.replace(
      "http://",
      `http://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@`,
    );
  const secrets = [
    credentials.password,
    encodeURIComponent(credentials.password),
    Buffer.from(`${credentials.user}:${credentials.password}`).toString("base64"),
  ];

  it.each(["https", "http"] as const)(
    "%s: without credentials the proxy's 407 is a final, not-sent ChirpConnectionError naming the proxy",
    async (kind) => {
      clearProxyEnv();
      const target = await api(kind);
      const proxy = await forwardProxy(credentials);
      const count = { attempts: 0 };
      const error = await client(target.baseUrl, { proxy: proxy.url, ca: testCaCert }, count)
        .sendSms({ body: SMS })
        .catch((e) => e);
      expect(error).toBeInstanceOf(ChirpConnectionError);
      expect(error).toMatchObject({ sent: "not-sent", family: "connection", host: `127.0.0.1:${target.port}` });
      expect(error.message).toContain(`proxy 127.0.0.1:${proxy.port} requires credentials`);
      expect(error.message).toContain("407");
      // Not retried: the same request would get the same 407.
      expect(count.attempts).toBe(1);
      expect(target.seen).toHaveLength(0);
    },
  );

  it.each(["https", "http"] as const)(
    "%s: with the credentials in the proxy URL, the call goes through",
    async (kind) => {
      clearProxyEnv();
      const target = await api(kind);
      const proxy = await forwardProxy(credentials);
      await expect(
        client(target.baseUrl, { proxy: withCredentials(proxy.url), ca: testCaCert }).sendSms({ body: SMS }),
      ).resolves.toMatchObject({ ok: true });
      expect(proxy.log.authorizations).toEqual([`Basic ${secrets[2]}`]);
      expect(target.seen).toHaveLength(1);
      // Whatever a proxy forwards, it is never the client that hands the credentials to the API.
      if (kind === "https") expect(target.seen[0]?.headers["proxy-authorization"]).toBeUndefined();
    },
  );

  it.each(["https", "http"] as const)("%s: refused credentials never appear in the error", async (kind) => {
    clearProxyEnv();
    const target = await api(kind);
    const proxy = await forwardProxy({ user: credentials.user, password: "another" });
    const error = await client(target.baseUrl, { proxy: withCredentials(proxy.url), ca: testCaCert })
      .sendSms({ body: SMS })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect(error.message).toContain(`proxy 127.0.0.1:${proxy.port} refused the credentials in the proxy URL (407`);
    const printed = everythingPrinted(error);
    for (const secret of secrets) expect(printed).not.toContain(secret);
    expect(printed).not.toContain("jane");
  });

  it("credentials stay out of the error when the proxy cannot be reached, and out of a bad-URL config error", async () => {
    clearProxyEnv();
    const target = await api("https");
    const dead = withCredentials(`http://127.0.0.1:${await closedPort()}`);
    const error = await client(target.baseUrl, { proxy: dead })
      .sendSms({ body: SMS })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpConnectionError);
    let configError: unknown;
    try {
      createNodeFetch({ proxy: `http://jane:${credentials.password}@[bad` });
    } catch (e) {
      configError = e;
    }
    expect(configError).toMatchObject({ name: "ChirpConfigError" });
    for (const printed of [everythingPrinted(error), everythingPrinted(configError)]) {
      for (const secret of secrets) expect(printed).not.toContain(secret);
      expect(printed).not.toContain("jane");
    }
  });
});

describe("a proxy that refuses or fails", () => {
  it.each(["https", "http"] as const)(
    "%s: a proxy refusing the connection is a not-sent ChirpConnectionError, retried even for a POST",
    async (kind) => {
      clearProxyEnv();
      const target = await api(kind);
      const port = await closedPort();
      const count = { attempts: 0 };
      const error = await client(target.baseUrl, { proxy: `http://127.0.0.1:${port}` }, count)
        .sendSms({ body: SMS })
        .catch((e) => e);
      expect(error).toBeInstanceOf(ChirpConnectionError);
      expect(error.sent).toBe("not-sent");
      expect(error.message).toContain(`proxy 127.0.0.1:${port} refused the connection`);
      expect(error.message).toContain("ECONNREFUSED");
      // Nothing reached anyone: the SDK's rule for a refused connection applies (maxRetries: 2).
      expect(count.attempts).toBe(3);
      expect(error.attempts).toBe(3);
      expect(target.seen).toHaveLength(0);
    },
  );

  it("a CONNECT the proxy cannot complete (5xx) is not-sent and retried, even for a POST", async () => {
    clearProxyEnv();
    const proxy = await forwardProxy();
    // The proxy's own connection to this port is refused: it answers CONNECT with 500.
    const baseUrl = `https://127.0.0.1:${await closedPort()}`;
    const count = { attempts: 0 };
    const error = await client(baseUrl, { proxy: proxy.url, ca: testCaCert }, count)
      .sendSms({ body: SMS })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChirpConnectionError);
    expect(error.sent).toBe("not-sent");
    expect(error.message).toContain(`proxy 127.0.0.1:${proxy.port} did not open a tunnel (500`);
    expect(error.message).toContain("ERR_PROXY_TUNNEL");
    expect(proxy.log.connects).toHaveLength(3);
    expect(count.attempts).toBe(3);
  });

  it("a CONNECT answered 502 is retried; one answered 403 is final", async () => {
    clearProxyEnv();
    const target = await api("https");
    const badGateway = await refusingTunnelProxy(502);
    const forbidden = await refusingTunnelProxy(403);
    const e502 = await client(target.baseUrl, { proxy: badGateway.url, ca: testCaCert })
      .sendSms({ body: SMS })
      .catch((e) => e);
    const e403 = await client(target.baseUrl, { proxy: forbidden.url, ca: testCaCert })
      .sendSms({ body: SMS })
      .catch((e) => e);
    expect(e502).toMatchObject({ name: "ChirpConnectionError", sent: "not-sent", attempts: 3 });
    expect(e502.message).toContain(`proxy 127.0.0.1:${badGateway.port} did not open a tunnel (502 Refused by test)`);
    expect(badGateway.connects()).toBe(3);
    expect(e403).toMatchObject({ name: "ChirpConnectionError", sent: "not-sent", attempts: 1 });
    expect(e403.message).toContain(`proxy 127.0.0.1:${forbidden.port} did not open a tunnel (403 Refused by test)`);
    expect(forbidden.connects()).toBe(1);
    expect(target.seen).toHaveLength(0);
  });

  it("http in absolute form: a 502 from the proxy is an answer, not retried for a POST (it may have been forwarded)", async () => {
    clearProxyEnv();
    const proxy = await forwardProxy();
    // The proxy forwards to a closed port and answers the failure itself.
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const count = { attempts: 0 };
    const error = await client(baseUrl, { proxy: proxy.url }, count)
      .sendSms({ body: SMS })
      .catch((e) => e);
    expect(error).toMatchObject({ status: expect.any(Number) });
    expect(error.status).toBeGreaterThanOrEqual(500);
    expect(count.attempts).toBe(1);
    expect(proxy.log.forwards).toHaveLength(1);
  });

  it("a call aborted while the proxy sits on its CONNECT closes the half-open tunnel", async () => {
    clearProxyEnv();
    const proxy = await silentProxy();
    const controller = new AbortController();
    const call = client("https://127.0.0.1:9", { proxy: proxy.url })
      .getWhatsAppBusinessProfile({ ...PROFILE, signal: controller.signal })
      .catch((e) => e);
    await proxy.connected;
    controller.abort(new Error("user gave up"));
    await expect(call).resolves.toBeInstanceOf(ChirpAbortError);
    // Without the signal reaching the tunnel, this socket would stay open until the proxy answered.
    await proxy.closed;
  });
});
