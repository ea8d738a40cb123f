// Which proxy a URL goes through: proxy URLs, the environment's variables and NO_PROXY,
// read like curl and Node's NODE_USE_ENV_PROXY (the routes are exercised against a real
// proxy in proxy.test.ts; this table covers the matching rules one by one).
import { describe, expect, it } from "vitest";
import { ChirpConfigError } from "../../src/index.js";
import { nodeUsesEnvProxy, noProxyMatcher, parseProxyUrl, proxyRoute } from "../../src/node/proxy-config.js";

describe("NO_PROXY", () => {
  const cases: [list: string, host: string, port: number, bypass: boolean][] = [
    ["", "api.example.com", 443, false],
    ["*", "api.example.com", 443, true],
    ["example.com", "example.com", 443, true],
    ["example.com", "api.example.com", 443, true],
    ["example.com", "notexample.com", 443, false],
    ["example.com", "example.com.evil.net", 443, false],
    [".example.com", "example.com", 443, true],
    [".example.com", "api.example.com", 443, true],
    ["*.example.com", "api.example.com", 443, true],
    ["*.example.com", "apiexample.com", 443, false],
    ["EXAMPLE.com", "Api.Example.COM", 443, true],
    ["example.com.", "api.example.com", 443, true],
    ["example.com", "api.example.com.", 443, true],
    ["example.com:8443", "example.com", 8443, true],
    ["example.com:8443", "example.com", 443, false],
    ["other.net, example.com", "example.com", 443, true],
    ["other.net example.com", "example.com", 443, true],
    ["other.net,,", "example.com", 443, false],
    ["10.1.2.3", "10.1.2.3", 443, true],
    ["10.1.2.3", "10.1.2.4", 443, false],
    ["10.0.0.0/8", "10.200.3.4", 443, true],
    ["10.0.0.0/8", "11.0.0.1", 443, false],
    ["10.0.0.1-10.0.0.9", "10.0.0.5", 443, true],
    ["10.0.0.1-10.0.0.9", "10.0.0.10", 443, false],
    ["127.0.0.1:8443", "127.0.0.1", 8443, true],
    ["127.0.0.1:8443", "127.0.0.1", 443, false],
    ["::1", "[::1]", 443, true],
    ["[::1]:8443", "[::1]", 8443, true],
    ["[::1]:8443", "[::1]", 443, false],
    ["fd00::/8", "[fd12::1]", 443, true],
    // An IP entry does not match a name, nor a name an IP: nothing is resolved.
    ["127.0.0.1", "localhost", 443, false],
    ["localhost", "127.0.0.1", 443, false],
    // An address entry BlockList cannot take is ignored, like curl ignores it.
    ["10.0.0.0/99", "10.0.0.1", 443, false],
  ];
  it.each(cases)("NO_PROXY=%j, %s:%i → bypass %s", (list, host, port, bypass) => {
    expect(noProxyMatcher(list)(host, port)).toBe(bypass);
  });
});

describe("proxy URLs", () => {
  it("reads host, port (80/443 by default), scheme-less values and percent-encoded credentials", () => {
    expect(parseProxyUrl("http://proxy.corp:3128", "x")).toEqual({
      protocol: "http:",
      hostname: "proxy.corp",
      port: 3128,
      label: "proxy.corp:3128",
      authorization: undefined,
    });
    expect(parseProxyUrl("proxy.corp", "x")).toMatchObject({ protocol: "http:", port: 80, label: "proxy.corp:80" });
    expect(parseProxyUrl("https://[::1]", "x")).toMatchObject({ hostname: "::1", port: 443, label: "[::1]:443" });
    expect(parseProxyUrl(new URL("http://corp%5Cjane:p%40ss%3Aw@proxy:8080"), "x")).toMatchObject({
      authorization: `Basic ${Buffer.from("corp\\jane:p@ss:w").toString("base64")}`,
      label: "proxy:8080",
    });
    expect(parseProxyUrl("  ", "x")).toBeUndefined();
    expect(parseProxyUrl(undefined, "x")).toBeUndefined();
  });

  it("refuses what cannot work with a ChirpConfigError that names the source, never the value", () => {
    const thrown = (value: string) => {
      try {
        parseProxyUrl(value, "HTTPS_PROXY");
      } catch (e) {
        return e as Error;
      }
      throw new Error("did not throw");
    };
    const invalid = thrown("http://jane:s3cret@[bad");
    expect(invalid).toBeInstanceOf(ChirpConfigError);
    expect(invalid.message).toContain("HTTPS_PROXY is not a valid proxy URL");
    expect(`${invalid.message}${invalid.stack}${String(invalid.cause)}`).not.toContain("s3cret");
    const socks = thrown("socks5://jane:s3cret@proxy:1080");
    expect(socks.message).toContain("socks5://");
    expect(socks.message).not.toContain("s3cret");
  });
});

describe("the route from the environment", () => {
  const target = (url: string) => new URL(url);

  it("https calls use HTTPS_PROXY, http calls HTTP_PROXY, lower case first, no fallback between them", () => {
    const env = { HTTPS_PROXY: "http://upper:1", https_proxy: "http://lower:2", HTTP_PROXY: "http://plain:3" };
    const route = proxyRoute("env", env)!;
    expect(route(target("https://api.example.com/v1"))?.label).toBe("lower:2");
    expect(route(target("http://api.example.com/v1"))?.label).toBe("plain:3");
    const onlyHttp = proxyRoute("env", { HTTP_PROXY: "http://plain:3" })!;
    expect(onlyHttp(target("https://api.example.com/v1"))).toBeUndefined();
    expect(proxyRoute("env", {})).toBeUndefined();
    expect(proxyRoute("env", { HTTPS_PROXY: "" })).toBeUndefined();
  });

  it("NO_PROXY (lower case first) applies with the target's port, 443 or 80 when the URL names none", () => {
    const route = proxyRoute("env", {
      HTTPS_PROXY: "http://proxy:3128",
      NO_PROXY: "*",
      no_proxy: "internal.example:443",
    })!;
    expect(route(target("https://internal.example/v1"))).toBeUndefined();
    expect(route(target("https://internal.example:8443/v1"))?.label).toBe("proxy:3128");
  });

  it("an explicit proxy URL takes every call, NO_PROXY or not; false takes none", () => {
    const route = proxyRoute("http://proxy:3128", { NO_PROXY: "*" })!;
    expect(route(target("https://api.example.com"))?.label).toBe("proxy:3128");
    expect(route(target("http://api.example.com"))?.label).toBe("proxy:3128");
    expect(proxyRoute(false, { HTTPS_PROXY: "http://proxy:3128", NODE_USE_ENV_PROXY: "1" })).toBeUndefined();
  });

  it("by default, reads the environment only when Node was told to (NODE_USE_ENV_PROXY=1, --use-env-proxy)", () => {
    expect(proxyRoute(undefined, { HTTPS_PROXY: "http://proxy:3128" })).toBeUndefined();
    expect(proxyRoute(undefined, { HTTPS_PROXY: "http://proxy:3128", NODE_USE_ENV_PROXY: "1" })).toBeDefined();
    expect(nodeUsesEnvProxy({}, [])).toBe(false);
    expect(nodeUsesEnvProxy({ NODE_USE_ENV_PROXY: "0" }, [])).toBe(false);
    expect(nodeUsesEnvProxy({}, ["--use-env-proxy"])).toBe(true);
    expect(nodeUsesEnvProxy({ NODE_OPTIONS: "--max-old-space-size=512 --use-env-proxy" }, [])).toBe(true);
  });
});
