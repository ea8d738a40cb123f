import type { Client } from "openapi-fetch";
import { KeyRing, keyKind } from "./auth.js";
import { resolveConfig } from "./config.js";
import { ChirpConfigError } from "./errors/chirp-error.js";
import type { paths } from "./generated/openapi.js";
import { type OperationId, type OperationInfo, operations } from "./generated/operations.js";
import { type ChirpOptions, positive, resolveRetry, resolveTransport } from "./options.js";
import { paginate } from "./pagination.js";
import { createPathStyleClient } from "./path-style.js";
import { type BatchOptions, type BatchResult, runBatch } from "./rate-limit/batch.js";
import { RateLimiter } from "./rate-limit/limiter.js";
import { readJson, readWithResponse } from "./read-response.js";
import { type AnyParams, buildRequest, type RequestDefaults } from "./request.js";
import { type OutgoingRequest, send, type TransportSettings } from "./transport.js";
import type {
  ListItem,
  ListOperationId,
  OperationArgs,
  OperationMethods,
  OperationParams,
  OperationResult,
  WithResponse,
} from "./types.js";
import { Webhooks } from "./webhooks/webhooks.js";

/** The per-operation methods of `Chirp`, installed on its prototype from the generated operation table. */
export interface Chirp extends OperationMethods {}

/**
 * The Chirp API client: one method per operation of the spec (named by its
 * operationId), `paginate` over list operations, `withResponse` for headers and
 * rate-limit info, and the typed openapi-fetch client as `GET` / `POST` / … for
 * path-style calls — all with the same keys, retries, timeouts and errors.
 *
 * @example
 * const chirp = new Chirp({ appKey: process.env.CHIRP_APP_KEY });
 * const sms = await chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "Hi" } });
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface above declares the methods installed on the prototype at the end of this file.
export class Chirp {
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** True when the app key is a test key (`sk_test_app_…`): nothing reaches carriers, nothing is billed. */
  readonly isTestMode: boolean;
  /** The typed openapi-fetch client, for path-style calls; same keys, retries and errors as the methods. */
  readonly api: Client<paths>;
  /** Path-style GET through `api`. */
  readonly GET: Client<paths>["GET"];
  /** Path-style POST through `api`. */
  readonly POST: Client<paths>["POST"];
  /** Path-style PUT through `api`. */
  readonly PUT: Client<paths>["PUT"];
  /** Path-style PATCH through `api`. */
  readonly PATCH: Client<paths>["PATCH"];
  /** Path-style DELETE through `api`. */
  readonly DELETE: Client<paths>["DELETE"];
  /** Verifying and parsing webhook deliveries (`chirp.webhooks.unwrap`); works on a client with no keys. */
  readonly webhooks = new Webhooks();
  /** The rate limiter (`rateLimit` option) — `stats()` gives queue lengths and expected waits; undefined when off. */
  readonly rateLimiter: RateLimiter | undefined;

  readonly #defaults: RequestDefaults;
  readonly #settings: TransportSettings;

  /** Builds a client. Throws `ChirpConfigError` for a malformed key or base URL; `new Chirp({})` never throws. */
  constructor(options: ChirpOptions = {}) {
    const config = resolveConfig(options);
    this.baseUrl = config.baseUrl;
    this.isTestMode = config.appKey !== undefined && keyKind(config.appKey) === "app-test";
    const keys = new KeyRing(config.appKey, config.adminKey);
    this.#defaults = {
      baseUrl: config.baseUrl,
      keys,
      timeout: positive("timeout", options.timeout ?? 30_000),
      retry: resolveRetry(options),
      validatePhoneNumbers: options.validatePhoneNumbers ?? true,
    };
    const transport = resolveTransport(options);
    const { rateLimit } = options;
    this.rateLimiter = rateLimit
      ? new RateLimiter(
          rateLimit === true ? {} : rateLimit,
          { ...(config.appKey ? { app: config.appKey } : {}), ...(config.adminKey ? { admin: config.adminKey } : {}) },
          transport.now,
        )
      : undefined;
    this.#settings = this.rateLimiter ? { ...transport, limiter: this.rateLimiter } : transport;
    this.api = createPathStyleClient(
      config.baseUrl,
      keys,
      this.#settings,
      this.#defaults.timeout,
      this.#defaults.retry,
    );
    this.GET = this.api.GET;
    this.POST = this.api.POST;
    this.PUT = this.api.PUT;
    this.PATCH = this.api.PATCH;
    this.DELETE = this.api.DELETE;
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
   * const { data, rateLimit } = await chirp.withResponse("sendSms", { body });
   * console.log(rateLimit?.remaining);
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
   * for await (const m of chirp.paginate("listOrganizationSmsMessages", { query: { limit: "50" } })) console.log(m.id);
   */
  paginate<K extends ListOperationId>(operationId: K, ...[params]: OperationArgs<K>): AsyncIterable<ListItem<K>> {
    const info: OperationInfo = operations[operationId];
    if (!info.list) throw new ChirpConfigError(`${operationId} is not a list operation.`);
    const base = (params ?? {}) as AnyParams;
    const fetchPage = (query: Record<string, unknown>) => this.#call(operationId, { ...base, query }, readJson);
    return paginate(operationId, info.list, { ...base.query }, fetchPage) as AsyncIterable<ListItem<K>>;
  }

  /**
   * Sends many different SMS through the rate limiter, each at most once (a send that
   * may have reached Chirp is never repeated), and resolves in input order to one
   * `{ status: "fulfilled", value }` or `{ status: "rejected", reason }` per message.
   * Never rejects as a whole.
   * @example
   * const results = await chirp.sendSmsBatch(bodies, { onProgress: (p) => bar.update(p.done / p.total) });
   * const failed = results.filter((r) => r.status === "rejected");
   */
  sendSmsBatch(
    messages: readonly OperationParams<"sendSms">["body"][],
    options: BatchOptions = {},
  ): Promise<BatchResult<OperationResult<"sendSms">>[]> {
    return runBatch(messages, (body, signal) => this.sendSms(signal ? { body, signal } : { body }), options);
  }

  #call<T>(
    operationId: OperationId,
    params: AnyParams | undefined,
    read: (response: Response, req: OutgoingRequest) => Promise<T>,
  ): Promise<T> {
    try {
      return send(this.#settings, buildRequest(this.#defaults, operationId, params), read);
    } catch (error) {
      // A request that must not be sent rejects like any other failure, never throws synchronously.
      return Promise.reject(error);
    }
  }
}

// One method per operation, from the generated table: a new operation in the spec
// becomes a method by regeneration alone.
for (const operationId of Object.keys(operations) as OperationId[]) {
  if (operationId in Chirp.prototype) throw new Error(`operationId ${operationId} clashes with a Chirp member`);
  Object.defineProperty(Chirp.prototype, operationId, {
    value: function (this: Chirp, params?: AnyParams) {
      return (this.request as (id: OperationId, p?: AnyParams) => Promise<unknown>)(operationId, params);
    },
    writable: true,
    configurable: true,
  });
}
