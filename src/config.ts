// Resolving client options: explicit options first, then CHIRP_* environment
// variables where the runtime has them (Node, Bun, Deno with --allow-env; never in
// browsers) and only for options not given, then defaults. Everything malformed fails here, before any request.
import { checkKey, KEY_ENV } from "./auth.js";
import { ChirpConfigError } from "./errors/chirp-error.js";

/** The production API. */
export const DEFAULT_BASE_URL = "https://api.buildwithchirp.com";

/** The permission API of Deno, the one runtime that guards the environment. */
interface DenoPermissions {
  querySync?(descriptor: { name: "env"; variable: string }): { state: string };
}

/**
 * `process.env[name]`, read only where that cannot prompt or throw: Deno asks the
 * user in a terminal (or throws without --allow-env) on the first read of a variable
 * it was not granted, so its permission is checked first and anything short of
 * "granted" reads as unset.
 */
export function env(name: string): string | undefined {
  try {
    const permissions = (globalThis as { Deno?: { permissions?: DenoPermissions } }).Deno?.permissions;
    if (permissions?.querySync && permissions.querySync({ name: "env", variable: name }).state !== "granted") {
      return undefined;
    }
    const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
    return value === "" ? undefined : value;
  } catch {
    // A runtime that throws on access anyway: treat as unset.
    return undefined;
  }
}

// A loopback host as the URL API spells it (lower case): localhost and any name under it,
// [::1] (and ::1), 127.0.0.0/8.
const LOOPBACK = /^(?:(?:.*\.)?localhost|\[::1\]|::1|127(?:\.\d{1,3}){3})$/;

/**
 * Validates a base URL: https anywhere, http only on loopback (the mock server,
 * local tests). Returns it without a trailing slash.
 */
export function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ChirpConfigError(`baseUrl is not a valid URL: ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.test(url.hostname))) {
    throw new ChirpConfigError(
      `baseUrl must be https (http only on loopback: localhost, 127.0.0.0/8, [::1]); got ${url.protocol}//${url.host}.`,
    );
  }
  if (url.username || url.password) throw new ChirpConfigError("baseUrl must not contain credentials.");
  if (url.search || url.hash) throw new ChirpConfigError("baseUrl must not contain a query or fragment.");
  return url.href.replace(/\/+$/, "");
}

/** Keys and base URL after options, environment and defaults. */
export interface ResolvedConfig {
  readonly appKey: string | undefined;
  readonly adminKey: string | undefined;
  readonly baseUrl: string;
}

/** Resolves and validates keys and base URL; throws `ChirpConfigError` for anything malformed. */
export function resolveConfig(options: {
  readonly appKey?: string | undefined;
  readonly adminKey?: string | undefined;
  readonly baseUrl?: string | undefined;
}): ResolvedConfig {
  const key = (option: "appKey" | "adminKey") => checkKey(option, options[option] ?? env(KEY_ENV[option]));
  return {
    appKey: key("appKey"),
    adminKey: key("adminKey"),
    baseUrl: checkBaseUrl(options.baseUrl ?? env("CHIRP_BASE_URL") ?? DEFAULT_BASE_URL),
  };
}
