import createClient, { type Client, createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { keyKind, keyOptionForScheme } from "./auth.js";
import { resolveConfig } from "./config.js";
import { ChirpConfigError } from "./errors/chirp-error.js";
import { ChirpResponseError } from "./errors/network-errors.js";
import type { paths } from "./generated/openapi.js";
import { type OperationId, type OperationInfo, operations } from "./generated/operations.js";
import { paginate } from "./pagination.js";
import { type BatchOptions, type BatchResult, runBatch } from "./rate-limit/batch.js";
import { RateLimiter } from "./rate-limit/limiter.js";
import type { RateLimitOptions } from "./rate-limit/options.js";
import { readRateLimit } from "./rate-limit-info.js";
import { type RetryOptions, sleep } from "./retry.js";
import { type FetchLike, type OutgoingRequest, send, type TransportSettings } from "./transport.js";
import type {
  CallOptions,
  ListItem,
  ListOperationId,
  OperationArgs,
  OperationMethods,
  OperationParams,
  OperationResult,
  WithResponse,
} from "./types.js";
import { checkPathFilled, checkPathValues, checkPhoneFields, serializeBody } from "./validation.js";
import { Webhooks } from "./webhooks/webhooks.js";

/** Options of `new Chirp()`. Every one is optional. */
export interface ChirpOptions extends RetryOptions {
  /** App key (`sk_live_app_…` or `sk_test_app_…`), for app operations. @default process.env.CHIRP_APP_KEY */
  readonly appKey?: string;
  /** Admin key (`sk_admin_…`), for `/v1/organization/…` operations. @default process.env.CHIRP_ADMIN_KEY */
  readonly adminKey?: string;
  /** API base URL; https, or http on loopback only. @default process.env.CHIRP_BASE_URL ?? "https://api.buildwithchirp.com" */
  readonly baseUrl?: string;
  /** Per-attempt timeout in ms. @default 30000 */
  readonly timeout?: number;
  /** The fetch to use (undici's, a test double, a Node transport). @default globalThis.fetch */
  readonly fetch?: FetchLike;
  /** Check E.164 phone numbers in send operations before sending. @default true */
  readonly validatePhoneNumbers?: boolean;
  /** How retries wait; inject a no-op in tests. @default setTimeout-based sleep that honours the signal */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** The clock, in epoch ms, for `Retry-After` dates and `X-RateLimit-Reset`. @default Date.now */
  readonly now?: () => number;
  /**
   * Client-side rate limiting: `true` for the documented budgets, or options to tune
   * them. Calls then queue per key and bucket instead of drawing 429s.
   * @default false
   */
  readonly rateLimit?: boolean | RateLimitOptions;
}

type AnyParams = {
  readonly path?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly body?: unknown;
} & CallOptions;

const RETRY_KEYS = ["maxRetries", "maxRetryAfter", "retryNonIdempotent"] as const;

function readJson(response: Response, req: OutgoingRequest): Promise<unknown> {
  return response.text().then((text) => {
    if (text === "") return undefined;
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new ChirpResponseError(req.method, req.path, response.status, text, cause);
    }
  });
}

function readWithResponse(response: Response, req: OutgoingRequest): Promise<WithResponse<unknown>> {
  return readJson(response, req).then((data) => ({ data, response, rateLimit: readRateLimit(response.headers) }));
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>, into: Record<string, string>): void {
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) into[name.toLowerCase()] = value;
  }
}

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

  // Keys live in private fields: no enumeration, JSON.stringify or util.inspect shows them.
  readonly #appKey: string | undefined;
  readonly #adminKey: string | undefined;
  readonly #settings: TransportSettings;
  /** The rate limiter (`rateLimit` option) — `stats()` gives queue lengths and expected waits; undefined when off. */
  readonly rateLimiter: RateLimiter | undefined;
  readonly #timeout: number;
  readonly #retry: Required<RetryOptions>;
  readonly #validatePhones: boolean;
  readonly #serializeQuery = createQuerySerializer();
  #routes: Map<string, OperationId> | undefined;
  readonly #pathStyleOps = new WeakMap<Request, OperationId>();

  /** Builds a client. Throws `ChirpConfigError` for a malformed key or base URL; `new Chirp({})` never throws. */
  constructor(options: ChirpOptions = {}) {
    const config = resolveConfig(options);
    this.#appKey = config.appKey;
    this.#adminKey = config.adminKey;
    this.baseUrl = config.baseUrl;
    this.isTestMode = config.appKey !== undefined && keyKind(config.appKey) === "app-test";
    this.#timeout = positive("timeout", options.timeout ?? 30_000);
    this.#retry = {
      maxRetries: nonNegativeInt("maxRetries", options.maxRetries ?? 2),
      maxRetryAfter: positive("maxRetryAfter", options.maxRetryAfter ?? 60_000),
      retryNonIdempotent: options.retryNonIdempotent ?? false,
    };
    this.#validatePhones = options.validatePhoneNumbers ?? true;
    const userFetch = options.fetch;
    this.#settings = {
      // Looked up per call so that a fetch patched after construction is used, and
      // called unbound-safe (browsers throw "Illegal invocation" on a detached fetch).
      fetch: userFetch ?? ((url, init) => globalThis.fetch(url, init)),
      sleep: options.sleep ?? sleep,
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
    };
    const rateLimit = options.rateLimit;
    this.rateLimiter = rateLimit
      ? new RateLimiter(
          rateLimit === true ? {} : rateLimit,
          { ...(config.appKey ? { app: config.appKey } : {}), ...(config.adminKey ? { admin: config.adminKey } : {}) },
          this.#settings.now,
        )
      : undefined;
    if (this.rateLimiter) this.#settings = { ...this.#settings, limiter: this.rateLimiter };
    this.api = createClient<paths>({ baseUrl: this.baseUrl, fetch: (request) => this.#sendRequest(request) });
    this.api.use({
      onRequest: ({ request, schemaPath }) => {
        const operationId = this.#routeOf(request.method, schemaPath);
        const key = this.#keyFor(operationId);
        if (key) request.headers.set("authorization", `Bearer ${key}`);
        // The rate limiter buckets by operation; the Request is what reaches #sendRequest.
        if (this.rateLimiter) this.#pathStyleOps.set(request, operationId);
        return request;
      },
    });
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

  #keyFor(operationId: OperationId): string | undefined {
    const scheme = (operations[operationId] as OperationInfo).security;
    if (scheme === null) return undefined;
    const option = keyOptionForScheme[scheme];
    if (!option)
      throw new ChirpConfigError(`${operationId} uses security scheme "${scheme}", which this SDK cannot satisfy.`);
    const key = option === "appKey" ? this.#appKey : this.#adminKey;
    if (key === undefined) {
      const what = option === "appKey" ? "an app key (sk_live_app_… / sk_test_app_…)" : "an admin key (sk_admin_…)";
      const env = option === "appKey" ? "CHIRP_APP_KEY" : "CHIRP_ADMIN_KEY";
      throw new ChirpConfigError(`${operationId} needs ${what}: pass { ${option} } to new Chirp() or set ${env}.`);
    }
    return key;
  }

  #routeOf(method: string, schemaPath: string): OperationId {
    if (!this.#routes) {
      this.#routes = new Map();
      for (const id of Object.keys(operations) as OperationId[]) {
        const op: OperationInfo = operations[id];
        this.#routes.set(`${op.method} ${op.path}`, id);
      }
    }
    const id = this.#routes.get(`${method} ${schemaPath}`);
    if (!id) throw new ChirpConfigError(`${method} ${schemaPath} is not an operation of the Chirp API.`);
    return id;
  }

  #retryFor(params: CallOptions | undefined): Required<RetryOptions> {
    if (!params || RETRY_KEYS.every((k) => params[k] === undefined)) return this.#retry;
    return {
      maxRetries:
        params.maxRetries === undefined ? this.#retry.maxRetries : nonNegativeInt("maxRetries", params.maxRetries),
      maxRetryAfter: params.maxRetryAfter ?? this.#retry.maxRetryAfter,
      retryNonIdempotent: params.retryNonIdempotent ?? this.#retry.retryNonIdempotent,
    };
  }

  #call<T>(
    operationId: OperationId,
    params: AnyParams | undefined,
    read: (response: Response, req: OutgoingRequest) => Promise<T>,
  ): Promise<T> {
    try {
      const op: OperationInfo = operations[operationId];
      if (!op) throw new ChirpConfigError(`Unknown operation ${JSON.stringify(operationId)}.`);
      const key = this.#keyFor(operationId);
      let url = this.baseUrl + op.path;
      if (params?.path) {
        checkPathValues(operationId, params.path);
        url = defaultPathSerializer(url, params.path);
      }
      const pathEnd = url.length;
      checkPathFilled(operationId, url);
      if (params?.query) {
        const search = this.#serializeQuery(params.query);
        if (search) url += search.startsWith("?") ? search : `?${search}`;
      }
      const headers: Record<string, string> = { accept: "application/json" };
      if (key) headers.authorization = `Bearer ${key}`;
      let body: string | undefined;
      if (params?.body !== undefined) {
        if (op.phoneFields && this.#validatePhones) checkPhoneFields(operationId, op.phoneFields, params.body);
        body = serializeBody(operationId, params.body);
        headers["content-type"] = "application/json";
      }
      if (params?.headers) lowerCaseKeys(params.headers, headers);
      return send(
        this.#settings,
        {
          method: op.method,
          url,
          path: url.slice(this.baseUrl.length, pathEnd),
          headers,
          body,
          signal: params?.signal,
          timeout: params?.timeout === undefined ? this.#timeout : positive("timeout", params.timeout),
          retry: this.#retryFor(params),
          operationId,
        },
        read,
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async #sendRequest(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = request.body === null ? undefined : await request.text();
    return send(
      this.#settings,
      {
        method: request.method,
        url: request.url,
        path: url.pathname,
        headers,
        body,
        signal: request.signal,
        timeout: this.#timeout,
        retry: this.#retry,
        operationId: this.#pathStyleOps.get(request),
      },
      async (response) => response,
    );
  }
}

function positive(name: string, value: number): number {
  if (!(typeof value === "number" && value > 0 && Number.isFinite(value))) {
    throw new ChirpConfigError(`${name} must be a positive number of milliseconds; got ${String(value)}.`);
  }
  return value;
}

function nonNegativeInt(name: string, value: number): number {
  if (!(Number.isInteger(value) && value >= 0)) {
    throw new ChirpConfigError(`${name} must be a whole number ≥ 0; got ${String(value)}.`);
  }
  return value;
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
