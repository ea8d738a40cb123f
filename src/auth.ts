// Chirp keys (API-BEHAVIOUR §2): app keys `sk_live_app_…` / `sk_test_app_…` for
// app-level operations (spec scheme `appAuth`), admin keys `sk_admin_…` for
// `/v1/organization/…` (scheme `adminAuth`). The server answers a key of the wrong
// kind with a bare 401, so the client picks and checks the key itself.
import { ChirpConfigError } from "./errors/chirp-error.js";

/** The kind of a Chirp key, read from its prefix. */
export type KeyKind = "app-live" | "app-test" | "admin";

const PREFIXES: ReadonlyArray<readonly [string, KeyKind]> = [
  ["sk_live_app_", "app-live"],
  ["sk_test_app_", "app-test"],
  ["sk_admin_", "admin"],
];

/** The kind of `key`, or undefined when it has none of the known prefixes. */
export function keyKind(key: string): KeyKind | undefined {
  for (const [prefix, kind] of PREFIXES) if (key.startsWith(prefix) && key.length > prefix.length) return kind;
  return undefined;
}

// What each key option takes, as every message names it (one string each: every client bundles them).
const WANT = {
  appKey: "an app key (sk_live_app_… or sk_test_app_…)",
  adminKey: "an admin key (sk_admin_…)",
} as const;

/** The environment variable each key option falls back to (config.ts reads it, the missing-key message names it). */
export const KEY_ENV = { appKey: "CHIRP_APP_KEY", adminKey: "CHIRP_ADMIN_KEY" } as const;

/**
 * Checks a key given for `option` (`appKey` or `adminKey`) and returns it (undefined when
 * none was given). Throws `ChirpConfigError` for a key of the other kind or of no known
 * kind; the message never contains the key.
 */
export function checkKey(option: "appKey" | "adminKey", key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const kind = keyKind(key);
  // adminKey takes the admin kind, appKey either app kind.
  const ok = kind !== undefined && (kind === "admin") === (option === "adminKey");
  const space = /\s/.test(key);
  if (!ok || space) {
    // What was given, by kind: never any part of a malformed key beyond what identifies nothing.
    const got = space
      ? "a key containing white space"
      : kind
        ? WANT[kind === "admin" ? "adminKey" : "appKey"]
        : `a value that is not a Chirp key (${key.length} characters)`;
    throw new ChirpConfigError(`${option} must be ${WANT[option]}; got ${got}.`);
  }
  return key;
}

/** Which client option holds the key for a security scheme named in the spec. */
export const keyOptionForScheme: Readonly<Record<string, "appKey" | "adminKey">> = {
  appAuth: "appKey",
  adminAuth: "adminKey",
};

/**
 * The keys a client holds, in private fields (no enumeration, JSON.stringify or
 * util.inspect shows them), and the choice of key for each operation.
 */
export class KeyRing {
  // By the option that holds each.
  readonly #keys: Readonly<Record<"appKey" | "adminKey", string | undefined>>;

  constructor(appKey: string | undefined, adminKey: string | undefined) {
    this.#keys = { appKey, adminKey };
  }

  /**
   * The key `operationId` must be sent with, by the security scheme the spec names
   * for it; undefined for an operation with none. Throws `ChirpConfigError` when the
   * client does not hold that kind of key — before anything is sent.
   */
  forOperation(operationId: string, scheme: string | null): string | undefined {
    if (scheme === null) return undefined;
    const option = keyOptionForScheme[scheme];
    if (!option) {
      throw new ChirpConfigError(`${operationId}: security scheme "${scheme}" is not supported yet; nothing was sent.`);
    }
    const key = this.#keys[option];
    if (key === undefined) {
      throw new ChirpConfigError(
        `${operationId} needs ${WANT[option]}: pass { ${option} } to new Chirp() or set ${KEY_ENV[option]}.`,
      );
    }
    return key;
  }
}

/**
 * Throws `ChirpConfigError` for a per-call `Authorization` header: the call would go
 * out with another key than the client's, while the rate limiter counts it against the
 * client key's bucket and the key checks speak of the client's key. The message never
 * quotes the value. A client per key is the way to use another key.
 */
export function refuseAuthorizationHeader(operationId: string, name: string): void {
  if (/^authorization$/i.test(name)) {
    throw new ChirpConfigError(
      `${operationId}: a per-call Authorization header is not allowed; make a client with that key.`,
    );
  }
}
