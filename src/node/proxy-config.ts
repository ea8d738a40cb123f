/// <reference types="node" />
// Which proxy, if any, a request of createNodeFetch goes through: its `proxy` option, or
// the HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables read the way curl and
// Node's own `NODE_USE_ENV_PROXY=1` read them (lower case first; https calls use the
// https variable only, http calls the http one; NO_PROXY as below).
//
// A proxy URL may carry credentials. They leave this file only as the
// Proxy-Authorization value; everything that can reach a message (`label`) is host:port.
import { BlockList, isIP } from "node:net";
import { ChirpConfigError } from "../errors/chirp-error.js";

/**
 * Where createNodeFetch sends its requests:
 * - `"env"`: the proxy named by `HTTPS_PROXY` (https calls) or `HTTP_PROXY` (http calls),
 *   lower-case forms first, skipped for hosts listed in `NO_PROXY`;
 * - a URL (`"http://user:pass@proxy.corp:3128"`): every request goes through that proxy;
 * - `false`: never a proxy, whatever the environment says.
 */
export type ProxyOption = "env" | string | URL | false;

/** A proxy a request goes through. */
export interface ProxyEndpoint {
  /** `http:` (plain TCP to the proxy) or `https:` (TLS to the proxy). */
  readonly protocol: "http:" | "https:";
  /** Host name or IP, IPv6 without brackets. */
  readonly hostname: string;
  /** The proxy's port (80 or 443 when its URL names none). */
  readonly port: number;
  /** `host:port`, the only form of the proxy that goes into messages: never its credentials. */
  readonly label: string;
  /** The `Proxy-Authorization` value (`Basic …`) when the URL had credentials. */
  readonly authorization: string | undefined;
}

/** The proxy for one request URL, or undefined to connect directly. */
export type ProxyRoute = (target: URL) => ProxyEndpoint | undefined;

/** The environment variables read for `proxy: "env"`. */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

/**
 * Node's own switch for proxies from the environment (Node 22.21+/24.5+): `NODE_USE_ENV_PROXY=1`
 * or `--use-env-proxy`. When the process asked Node to honour HTTPS_PROXY, createNodeFetch does too.
 */
export function nodeUsesEnvProxy(env: ProxyEnv = process.env, execArgv: readonly string[] = process.execArgv): boolean {
  return (
    env.NODE_USE_ENV_PROXY === "1" ||
    execArgv.includes("--use-env-proxy") ||
    /(?:^|\s)--use-env-proxy(?:\s|$)/.test(env.NODE_OPTIONS ?? "")
  );
}

/**
 * The route for `option`; undefined when no request goes through a proxy. `option`
 * undefined means "env" when Node itself was told to use the environment's proxies
 * (`nodeUsesEnvProxy`), else no proxy. Throws `ChirpConfigError` for a proxy URL that
 * cannot work — naming where it came from, never repeating it (it may hold a password).
 */
export function proxyRoute(option: ProxyOption | undefined, env: ProxyEnv = process.env): ProxyRoute | undefined {
  const mode = option === undefined ? (nodeUsesEnvProxy(env) ? "env" : false) : option;
  if (mode === false) return undefined;
  if (mode !== "env") {
    const proxy = parseProxyUrl(mode, "the proxy option");
    return proxy && (() => proxy);
  }
  // Lower case first, as curl and Node do; an empty value counts as unset.
  const https = parseProxyUrl(env.https_proxy || env.HTTPS_PROXY, "HTTPS_PROXY");
  const http = parseProxyUrl(env.http_proxy || env.HTTP_PROXY, "HTTP_PROXY");
  if (!https && !http) return undefined;
  const bypass = noProxyMatcher(env.no_proxy ?? env.NO_PROXY ?? "");
  return (target) => {
    const proxy = target.protocol === "https:" ? https : http;
    if (!proxy) return undefined;
    const port = Number(target.port) || (target.protocol === "https:" ? 443 : 80);
    return bypass(target.hostname, port) ? undefined : proxy;
  };
}

/** The proxy at `value` (undefined for an empty one); `source` names the option or variable in errors. */
export function parseProxyUrl(value: string | URL | undefined, source: string): ProxyEndpoint | undefined {
  if (value === undefined) return undefined;
  let text = String(value).trim();
  if (text === "") return undefined;
  // "proxy.corp:3128" is common in the environment; URL would read "proxy.corp:" as a scheme.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // URL's own error quotes its input: a password would go into the message.
    throw new ChirpConfigError(
      `${source} is not a valid proxy URL (its text is not repeated here: it may hold a password).`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ChirpConfigError(
      `${source} names a ${url.protocol}// proxy; createNodeFetch speaks to http:// and https:// proxies only.`,
    );
  }
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  let authorization: string | undefined;
  if (url.username !== "" || url.password !== "") {
    const user = decode(url.username);
    const password = decode(url.password);
    authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  }
  return { protocol: url.protocol, hostname, port, label: `${url.hostname}:${port}`, authorization };
}

// Credentials in a URL are percent-encoded ("p%40ss" for "p@ss"); the proxy wants them decoded.
function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * Whether `NO_PROXY` sends a host straight past the proxy. Entries are separated by commas
 * (or spaces), case-insensitive:
 * - `*` matches every host;
 * - `example.com`, `.example.com` and `*.example.com` match example.com and every name under it
 *   (curl's rule; not `notexample.com`);
 * - `example.com:8443` also requires that port;
 * - an IP (`10.1.2.3`, `::1`, `[::1]:8443`) matches that address, `10.0.0.0/8` a CIDR block,
 *   `10.0.0.1-10.0.0.9` a range. Names are not resolved: an IP entry matches only a URL
 *   written with that IP.
 */
export function noProxyMatcher(list: string): (hostname: string, port: number) => boolean {
  const names: { name: string; port: number | undefined }[] = [];
  const addresses = new BlockList();
  const addressPorts: { block: BlockList; port: number }[] = [];
  let everything = false;
  for (const raw of list.toLowerCase().split(/[\s,]+/)) {
    if (raw === "") continue;
    if (raw === "*") {
      everything = true;
      continue;
    }
    const { host, port } = splitPort(raw);
    const block = port === undefined ? addresses : new BlockList();
    if (addAddress(block, host)) {
      if (port !== undefined) addressPorts.push({ block, port });
      continue;
    }
    const name = host.replace(/^\*?\./, "").replace(/\.$/, "");
    if (name !== "") names.push({ name, port });
  }
  return (hostname, port) => {
    if (everything) return true;
    const host = (hostname.startsWith("[") ? hostname.slice(1, -1) : hostname).toLowerCase().replace(/\.$/, "");
    const family = isIP(host);
    if (family !== 0) {
      const type = family === 6 ? "ipv6" : "ipv4";
      return addresses.check(host, type) || addressPorts.some((a) => a.port === port && a.block.check(host, type));
    }
    return names.some(
      (entry) =>
        (entry.port === undefined || entry.port === port) && (host === entry.name || host.endsWith(`.${entry.name}`)),
    );
  };
}

// "host:port", "[v6]:port", a bare IPv6 (several colons, no port) or a bare name.
function splitPort(entry: string): { host: string; port: number | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] as string, port: bracketed[2] ? Number(bracketed[2]) : undefined };
  const single = /^([^:]+):(\d+)$/.exec(entry);
  if (single) return { host: single[1] as string, port: Number(single[2]) };
  return { host: entry, port: undefined };
}

// An IP, a CIDR block or an a-b range, added to `block`; false when `entry` is a name.
// An address entry BlockList refuses (`10.0.0.0/99`) matches nothing, as curl ignores it.
function addAddress(block: BlockList, entry: string): boolean {
  try {
    return addAddressOrThrow(block, entry);
  } catch {
    return true;
  }
}

function addAddressOrThrow(block: BlockList, entry: string): boolean {
  const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
  if (cidr) {
    const family = isIP(cidr[1] as string);
    if (family === 0) return false;
    block.addSubnet(cidr[1] as string, Number(cidr[2]), family === 6 ? "ipv6" : "ipv4");
    return true;
  }
  const range = /^([^-]+)-([^-]+)$/.exec(entry);
  if (range) {
    const family = isIP(range[1] as string);
    if (family === 0 || family !== isIP(range[2] as string)) return false;
    block.addRange(range[1] as string, range[2] as string, family === 6 ? "ipv6" : "ipv4");
    return true;
  }
  const family = isIP(entry);
  if (family === 0) return false;
  block.addAddress(entry, family === 6 ? "ipv6" : "ipv4");
  return true;
}
