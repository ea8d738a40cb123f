// The client: options → keys, defaults and transport, then one call path for every
// operation (`request`), which the generated methods (src/generated/methods.ts) and
// `withResponse` / `paginate` / `sendSmsBatch` share. Nothing optional is built here:
// the rate limiter comes in as an object the app imports (`rateLimiter()`), the
// path-style client is made from a client by `createPathClient`, and webhooks need
// no client at all — so an app bundles only what it uses.
import { KeyRing, keyKind } from "./auth.js";
import { operationInfo } from "./call/1-operation.js";
import { type AnyParams, buildRequest, type RequestDefaults } from "./call/2-request.js";
import { addMiddleware, middlewareList } from "./call/3-middleware.js";
import { type OutgoingRequest, send, type TransportSettings } from "./call/4-transport.js";
import { readJson, readWithResponse } from "./call/5-read.js";
import { env, resolveConfig } from "./config.js";
import { ChirpConfigError } from "./errors/chirp-error.js";
import { ChirpOperations } from "./generated/methods.js";
import { type OperationId, type OperationInfo, operations } from "./generated/operations.js";
import { loggingMiddleware } from "./logging.js";
import { type ChirpOptions, positive, resolveRateLimit, resolveRetry, resolveTransport } from "./options.js";
import { paginate } from "./pagination.js";
import { type BatchOptions, type BatchResult, runBatch } from "./rate-limit/batch.js";
import type { RateLimiter } from "./rate-limit/limiter.js";
import type {
  ListItem,
  ListOperationId,
  OperationArgs,
  OperationParams,
  OperationResult,
  WithResponse,
} from "./types.js";
import { userAgent } from "./user-agent.js";

/** What the path-style client (src/path-style.ts) needs of a client: its key ring, defaults and transport. */
export interface ClientInternals {
  readonly defaults: RequestDefaults;
  readonly settings: TransportSettings;
}

// Held outside the instance so that nothing of it shows on the client (no key in
// `console.log(chirp)`), and read only by createPathClient.
const internals = /* @__PURE__ */ new WeakMap<Chirp, ClientInternals>();

let methodsInstalled = false;

/**
 * Installs the operation methods that src/generated/methods.ts declares: for each
 * operation, a function named after it that calls `request`. Done when the first
 * client is built — never at import, so an app that builds no client (a webhook
 * receiver) bundles none of it, and one that does gets 76 methods for one loop.
 */
function installOperationMethods(): void {
  if (methodsInstalled) return;
  methodsInstalled = true;
  for (const id in operations) {
    // The method's name: the operationId, or the naming rule's camelCase of it (`name`)
    // when the spec's id is no identifier (`send-sms-v2` → `sendSmsV2`).
    const name = (operations as unknown as Record<string, OperationInfo>)[id]?.name ?? id;
    // A computed method key names the function after the operation (stack traces show `sendSms`).
    const method = {
      [name](this: Chirp, params?: AnyParams) {
        return (this.request as (id: string, p?: AnyParams) => Promise<unknown>)(id, params);
      },
    }[name];
    Object.defineProperty(ChirpOperations.prototype, name, { value: method, writable: true, configurable: true });
  }
}

/** The internals of `client` (for `createPathClient`); throws for anything that is not a `Chirp`. */
export function internalsOf(client: Chirp): ClientInternals {
  const found = internals.get(client);
  if (!found) throw new ChirpConfigError("Expected a Chirp client (new Chirp(…)).");
  return found;
}

/**
 * The Chirp API client: one documented method per operation of the spec (named by
 * its operationId), `paginate` over list operations, `withResponse` for headers and
 * rate-limit info, and `sendSmsBatch` for bulk sends — all with the same keys,
 * retries, timeouts and error classes.
 *
 * @example
 * ```ts
 * import { Chirp } from "chirp-sdk";
 *
 * const chirp = new Chirp({ appKey: process.env.CHIRP_APP_KEY });
 * const sms = await chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "Hi" } });
 * ```
 */
export class Chirp extends ChirpOperations {
  // Public fields are `declare`d and set in the constructor (no class field definitions): the
  // same shape at a smaller bundle.
  /** The base URL requests go to. */
  declare readonly baseUrl: string;
  /** True when the app key is a test key (`sk_test_app_…`): nothing reaches carriers, nothing is billed. */
  declare readonly isTestMode: boolean;
  /** The rate limiter (`rateLimit` option) — `stats()` gives queue lengths and expected waits; undefined when off. */
  declare readonly rateLimiter: RateLimiter | undefined;

  /** Its defaults and transport: the same object `internals` holds for createPathClient. */
  readonly #internals: ClientInternals;

  /** Builds a client. Throws `ChirpConfigError` for a malformed key, base URL or option; `new Chirp({})` never throws. */
  constructor(options: ChirpOptions = {}) {
    super();
    installOperationMethods();
    const config = resolveConfig(options);
    // CHIRP_LOG is read only when logLevel is not given (the Deno permission rule of config.ts holds).
    const logger = loggingMiddleware(options, options.logLevel === undefined ? env("CHIRP_LOG") : undefined);
    this.baseUrl = config.baseUrl;
    this.isTestMode = keyKind(config.appKey ?? "") === "app-test";
    const defaults: RequestDefaults = {
      baseUrl: config.baseUrl,
      keys: new KeyRing(config.appKey, config.adminKey),
      timeout: positive("timeout", options.timeout ?? 30_000),
      retry: resolveRetry(options),
      validatePhoneNumbers: options.validatePhoneNumbers ?? true,
      userAgent: userAgent(),
      // The logger is the outermost middleware: it sees what the app's own middleware did.
      middleware: addMiddleware(logger && middlewareList([logger]), options.middleware),
    };
    const transport = resolveTransport(options);
    this.rateLimiter = resolveRateLimit(options.rateLimit, config, transport.now);
    this.#internals = {
      defaults,
      settings: this.rateLimiter ? { ...transport, limiter: this.rateLimiter } : transport,
    };
    internals.set(this, this.#internals);
  }

  /**
   * Calls operation `operationId` and resolves to its success body — the same as
   * calling the method of that name (`chirp.request("sendSms", p)` is `chirp.sendSms(p)`).
   */
  request<K extends OperationId>(operationId: K, ...[params]: OperationArgs<K>): Promise<OperationResult<K>> {
    return this.#call(operationId, params as AnyParams | undefined, readJson) as Promise<OperationResult<K>>;
  }

  /**
   * Like `request`, but also gives the raw `Response` and its rate-limit headers.
   * @example
   * ```ts
   * const { data, rateLimit } = await chirp.withResponse("sendSms", { body });
   * console.log(rateLimit?.remaining);
   * ```
   */
  withResponse<K extends OperationId>(
    operationId: K,
    ...[params]: OperationArgs<K>
  ): Promise<WithResponse<OperationResult<K>>> {
    return this.#call(operationId, params as AnyParams | undefined, readWithResponse) as Promise<
      WithResponse<OperationResult<K>>
    >;
  }

  /**
   * Every item of a list operation, fetched page by page as you iterate (cursor or
   * offset paging, as the spec defines for that operation). Break out any time.
   * @example
   * ```ts
   * for await (const m of chirp.paginate("listOrganizationSmsMessages", { query: { limit: "50" } })) console.log(m.id);
   * ```
   */
  paginate<K extends ListOperationId>(operationId: K, ...[params]: OperationArgs<K>): AsyncIterable<ListItem<K>> {
    const info = operationInfo(operationId);
    if (!info?.list)
      throw new ChirpConfigError(`${JSON.stringify(operationId)} is not a list operation of the Chirp API.`);
    const base = (params ?? {}) as AnyParams;
    const fetchPage = (query: Record<string, unknown>) => this.#call(operationId, { ...base, query }, readJson);
    return paginate(operationId, info.list, { ...base.query }, fetchPage) as AsyncIterable<ListItem<K>>;
  }

  /**
   * Sends many different SMS, each at most once (a send that may have reached Chirp
   * is never repeated) and through the rate limiter when the client has one, and
   * resolves in input order to one `{ status: "fulfilled", value }` or
   * `{ status: "rejected", reason }` per message. Never rejects as a whole.
   * @example
   * ```ts
   * const results = await chirp.sendSmsBatch(bodies, { onProgress: (p) => bar.update(p.done / p.total) });
   * const failed = results.filter((r) => r.status === "rejected");
   * ```
   */
  sendSmsBatch(
    messages: readonly OperationParams<"sendSms">["body"][],
    options: BatchOptions = {},
  ): Promise<BatchResult<OperationResult<"sendSms">>[]> {
    return runBatch(messages, (body, signal) => this.sendSms({ body, signal }), options);
  }

  #call<T>(
    operationId: OperationId,
    params: AnyParams | undefined,
    read: (response: Response, req: OutgoingRequest) => Promise<T>,
  ): Promise<T> {
    try {
      const { defaults, settings } = this.#internals;
      return send(settings, buildRequest(defaults, operationId, params), read);
    } catch (error) {
      // A request that must not be sent rejects like any other failure, never throws synchronously.
      return Promise.reject(error);
    }
  }
}
