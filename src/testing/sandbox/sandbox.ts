// createSandbox(): an in-process Chirp API for an app's tests. A request goes
// route → record → forced answer → key check → validation → behaviour, and every answer
// is Chirp's: the documented status, the ApiError envelope naming the field, a success
// body built from the spec's examples or from what the sandbox remembers. It runs
// wherever `fetch` exists; only listen() touches node:http, loaded when it is called.
import { ChirpConfigError } from "../../errors/chirp-error.js";
import type { MockOperationId, MockStatus } from "../mock-answer.js";
import {
  type AnswerChoice,
  type AnswerTimes,
  apiErrorBody,
  checkForced,
  DEFAULT_RETRY_AFTER_SECONDS,
  type ForcedAnswer,
  forcedErrorBody,
  operationEntry,
} from "./answers.js";
import { VirtualClock } from "./clock.js";
import {
  Deliveries,
  type ResolvedTarget,
  resolveOptionTarget,
  type SandboxWebhookDelivery,
  type SandboxWebhookTarget,
} from "./deliveries.js";
import { bearerKey, type KeyKind, keyKind, redactAuthorization } from "./keys.js";
import { serveSandbox } from "./listen.js";
import { MessageStore } from "./messages.js";
import { sandboxHandlers } from "./msw.js";
import { type CallContext, Resources, type Result } from "./resources.js";
import { matchRoute } from "./router.js";
import { E164, firstViolation, phoneViolation } from "./validate.js";

/** Options of createSandbox(). */
export interface SandboxOptions {
  /** Where webhook events go: a loopback URL or a fetch-style handler, with the secret header Chirp echoes. */
  readonly webhooks?: SandboxWebhookTarget | undefined;
  /** The app the sandbox plays (in webhook payloads and records). @default "app_test_2SBX…" */
  readonly appId?: string | undefined;
  /** Where the virtual clock starts. @default the real time at creation */
  readonly startTime?: Date | number | undefined;
  /** Only these keys are accepted (others get 401). @default any well-formed Chirp key */
  readonly keys?: readonly string[] | undefined;
}

/** An answer as recorded. */
export interface RecordedAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/** A request the app made, as the sandbox recorded it. */
export interface SandboxRequest {
  /** The operation it called, or null for a route the spec does not have. */
  readonly operationId: string | null;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The parsed JSON body (undefined when there was none; the text when it was not JSON). */
  readonly body: unknown;
  /** Request headers, lower-case; `authorization` shows only the key's kind (`Bearer sk_test_app_…`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Virtual time the request arrived (ISO-8601). */
  readonly at: string;
  /** The answer given, or `"dropped"` when the connection was dropped (a forced fault). */
  readonly answer: RecordedAnswer | "dropped" | "pending";
}

/** A customer writing in (what the Playground endpoints simulate). */
export interface InboundMessage {
  readonly channel: "sms" | "whatsapp";
  /** The customer's number (E.164). */
  readonly from: string;
  /** The app's number (E.164). */
  readonly to: string;
  readonly text: string;
}

/** The sandbox: a Chirp API in the test's process. */
export interface Sandbox {
  /** A fetch function that answers as Chirp: `new Chirp({ appKey, fetch: sandbox.fetch })`. Any origin; the path decides. */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** `http://127.0.0.1:<port>` once listen() resolved, else undefined. */
  readonly url: string | undefined;
  /** Serves the sandbox on a loopback port (node:http, loaded now); resolves to its URL. */
  listen(options?: { readonly port?: number }): Promise<string>;
  /** Stops serving (if listening). The sandbox's state and pending tasks stay (settle() still runs them). */
  close(): Promise<void>;
  /** MSW handlers answering `baseUrl` (default Chirp's) from the sandbox: `setupServer(...(await sandbox.handlers()))`. Needs `msw` ≥ 2. */
  handlers(options?: { readonly baseUrl?: string }): Promise<unknown[]>;
  /**
   * Makes the next call (or the next `times`, or every call) of `operationId` get a
   * documented answer — `{ status, example? }`, typed from the spec — or a fault:
   * `{ drop: true }` (processed, then the connection drops) or `{ delayMs }` (virtual).
   */
  answer<Op extends MockOperationId, S extends MockStatus<Op>>(
    operationId: Op,
    choice: AnswerChoice<Op, S>,
    times?: AnswerTimes,
  ): void;
  /** Runs everything pending (lifecycle steps, webhook deliveries and their retries, delayed answers), jumping the clock; resolves when quiet. */
  settle(): Promise<void>;
  /** Moves the virtual clock `ms` forward, running what falls due on the way. */
  advance(ms: number): Promise<void>;
  /** The virtual time. */
  now(): Date;
  /** A customer writes in: stores the message and fires `messages.<channel>.received` (delivered at the next settle/advance). */
  inbound(message: InboundMessage): { readonly id: string };
  /** Every request so far, in order (of `operationId` only, when given). */
  requests(operationId?: string): SandboxRequest[];
  /** Every webhook delivery so far, with each attempt and the app's answer. */
  webhooks(): SandboxWebhookDelivery[];
}

const JSON_HEADERS = { "content-type": "application/json" };

function jsonResponse(result: Result): Response {
  const body = result.body === undefined ? null : JSON.stringify(result.body);
  return new Response(body, {
    status: result.status,
    headers: { ...(body !== null && JSON_HEADERS), ...result.headers },
  });
}

/** What handling one request produced: an answer, or a dropped connection. */
type Outcome = { readonly response: Response } | { readonly dropped: true };

/** A recorded request whose answer is filled in when it is known. */
type LoggedRequest = { -readonly [K in keyof SandboxRequest]: SandboxRequest[K] };

/** A sandbox's internals; the public face is the {@link Sandbox} interface. */
class SandboxImpl implements Sandbox {
  readonly #clock: VirtualClock;
  readonly #deliveries: Deliveries;
  readonly #resources: Resources;
  readonly #target: ResolvedTarget | undefined;
  readonly #keys: ReadonlySet<string> | undefined;
  readonly #forced = new Map<string, ForcedAnswer[]>();
  readonly #log: LoggedRequest[] = [];
  #server: { url: string; close: () => Promise<void> } | undefined;

  constructor(options: SandboxOptions) {
    const start = options.startTime === undefined ? Date.now() : new Date(options.startTime).getTime();
    if (!Number.isFinite(start)) throw new ChirpConfigError("createSandbox: startTime is not a valid date");
    const appId = options.appId ?? "app_test_2SBX00000000000000000000001";
    if (!/^app_(?:test_)?[a-zA-Z0-9]{27}$/.test(appId)) {
      throw new ChirpConfigError(
        `createSandbox: appId must look like app_[test_]<27 letters or digits>, got "${appId}"`,
      );
    }
    this.#clock = new VirtualClock(start);
    this.#deliveries = new Deliveries(this.#clock);
    this.#target = options.webhooks ? resolveOptionTarget(options.webhooks) : undefined;
    this.#keys = options.keys ? new Set(options.keys) : undefined;
    const messages = new MessageStore(this.#clock, (event, data) => this.#fire(event, data), appId);
    this.#resources = new Resources(() => this.#clock.now(), messages, appId);
    this.fetch = this.fetch.bind(this);
  }

  #fire(event: string, data: Record<string, unknown>): void {
    const targets = [...(this.#target ? [this.#target] : []), ...this.#resources.targets()];
    const payload = { event, timestamp: new Date(this.#clock.now()).toISOString(), data };
    this.#deliveries.enqueue(targets, payload);
  }

  get url(): string | undefined {
    return this.#server?.url;
  }

  async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const outcome = await this.handle(request);
    if ("dropped" in outcome) {
      // What fetch does when the server closes the socket after reading the request.
      throw new TypeError("fetch failed", {
        cause: new Error("other side closed: the sandbox dropped the connection after the request arrived"),
      });
    }
    return outcome.response;
  }

  /** Handles one request (from fetch, listen() or MSW). */
  async handle(request: Request): Promise<Outcome> {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const text = method === "GET" || method === "HEAD" ? "" : await request.text();
    let body: unknown;
    let badJson = false;
    if (text !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
        badJson = true;
      }
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = k === "authorization" ? redactAuthorization(v) : v;
    });
    const route = matchRoute(method, url.pathname);
    const entry: LoggedRequest = {
      operationId: route?.operationId ?? null,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      headers,
      at: new Date(this.#clock.now()).toISOString(),
      answer: "pending",
    };
    this.#log.push(entry);
    let forced: ForcedAnswer | undefined;
    let result: Result;
    if (!route) {
      result = {
        status: 404,
        body: { error: { type: "invalid_request_error", message: `No route ${method} ${url.pathname}.` } },
      };
    } else {
      forced = this.#takeForced(route.operationId);
      if (forced?.status !== undefined && !(forced.status >= 200 && forced.status < 300)) {
        result = this.#forcedResult(route.operationId, forced);
      } else {
        result = this.#answer(route.operationId, route.pathParams, entry.query, body, badJson, request.headers);
      }
    }
    if (forced?.delayMs !== undefined) await this.#wait(forced.delayMs, request.signal);
    if (forced?.drop) {
      entry.answer = "dropped";
      return { dropped: true };
    }
    const response = jsonResponse(result);
    entry.answer = {
      status: result.status,
      body: result.body === undefined ? undefined : structuredClone(result.body),
      headers: { ...(result.body !== undefined && JSON_HEADERS), ...result.headers },
    };
    return { response };
  }

  #wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      this.#clock.schedule(ms, () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      });
    });
  }

  #takeForced(operationId: string): ForcedAnswer | undefined {
    const queue = this.#forced.get(operationId);
    const next = queue?.[0];
    if (!next) return undefined;
    next.remaining--;
    if (next.remaining <= 0) queue.shift();
    return next;
  }

  #forcedResult(operationId: string, forced: ForcedAnswer): Result {
    const status = forced.status!;
    const documented = operationEntry(operationId).responses[String(status)]?.headers ?? {};
    const headers: Record<string, string> = {};
    const retryAfter = forced.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS;
    for (const [name, example] of Object.entries(documented)) {
      if (name === "Retry-After") headers[name] = String(retryAfter);
      else if (name === "X-RateLimit-Reset") headers[name] = String(Math.ceil(this.#clock.now() / 1000) + retryAfter);
      else if (name === "X-RateLimit-Remaining") headers[name] = "0";
      else if (example !== null) headers[name] = String(example);
    }
    return { status, body: forcedErrorBody(operationId, status, forced.example), headers };
  }

  /** The ordinary answer: key check, validation, behaviour. */
  #answer(
    operationId: string,
    pathParams: Record<string, string>,
    query: Record<string, string>,
    body: unknown,
    badJson: boolean,
    headers: Headers,
  ): Result {
    const op = operationEntry(operationId);
    const key = bearerKey(headers.get("authorization"));
    const kind = key === undefined ? undefined : keyKind(key);
    const unauthorized = (message: string): Result => ({
      status: 401,
      body: apiErrorBody(operationId, 401, undefined, { message }),
    });
    let kindSeen: KeyKind = "test_app";
    if (op.key !== null) {
      if (key === undefined) return unauthorized("No API key given: send Authorization: Bearer <key>.");
      if (kind === undefined || (this.#keys && !this.#keys.has(key))) return unauthorized("Invalid API key.");
      if (op.key === "admin" && kind !== "admin") {
        return unauthorized("This endpoint needs an admin key (sk_admin_…); an app key was given.");
      }
      if (op.key === "app" && kind === "admin") {
        return unauthorized("This endpoint needs an app key (sk_test_app_… or sk_live_app_…); an admin key was given.");
      }
      kindSeen = kind;
      if (op.testKeyOnly && kind === "live_app") {
        const status = Number(
          Object.entries(op.responses).find(([, r]) => r.codes.some((c) => c.code === "test_app_required"))?.[0] ?? 400,
        );
        return {
          status,
          body: apiErrorBody(operationId, status, "test_app_required", {
            message: "This endpoint works only with a test app key (sk_test_app_…).",
          }),
        };
      }
    }
    const invalid = (param: string | undefined, message: string, code?: string): Result => ({
      status: 400,
      body: apiErrorBody(operationId, 400, code ?? null, { message, ...(param !== undefined && { param }) }),
    });
    for (const p of op.params) {
      const value = p.in === "path" ? pathParams[p.name] : query[p.name];
      if (value === undefined) {
        if (p.required) return invalid(p.name, `"${p.name}" is required.`);
        continue;
      }
      const numeric = p.schema.type === "integer" || p.schema.type === "number";
      if (numeric && (value.trim() === "" || !Number.isFinite(Number(value)))) {
        return invalid(p.name, `"${p.name}" must be a number.`);
      }
      const bad = firstViolation(p.schema, numeric ? Number(value) : value, p.name);
      if (bad) return invalid(bad.param, bad.message);
    }
    if (badJson) return invalid(undefined, "The request body is not valid JSON.");
    if (op.body) {
      if (body === undefined) {
        if (op.bodyRequired) return invalid(undefined, "A JSON request body is required.");
      } else {
        const bad = firstViolation(op.body, body, "");
        if (bad) return invalid(bad.param, bad.message);
        const phone = phoneViolation(op.phoneFields, body);
        if (phone) return invalid(phone.param, phone.message, "invalid_phone_number");
      }
    }
    const ctx: CallContext = { operationId, pathParams, query, body, keyKind: kindSeen };
    const handled = this.#resources.handle(ctx);
    if (handled) return handled;
    return { status: op.status, ...(op.success !== null && { body: structuredClone(op.success) }) };
  }

  async listen(options: { readonly port?: number } = {}): Promise<string> {
    if (this.#server) return this.#server.url;
    // listen.ts loads node:http only now, so that sandbox.fetch runs where node:http does not exist.
    this.#server = await serveSandbox((request) => this.handle(request), options.port ?? 0);
    return this.#server.url;
  }

  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    await server?.close();
  }

  async handlers(options: { readonly baseUrl?: string } = {}): Promise<unknown[]> {
    return sandboxHandlers((request) => this.handle(request), options.baseUrl ?? "https://api.buildwithchirp.com");
  }

  answer<Op extends MockOperationId, S extends MockStatus<Op>>(
    operationId: Op,
    choice: AnswerChoice<Op, S>,
    times?: AnswerTimes,
  ): void {
    const forced = checkForced(operationId, choice, times);
    const queue = this.#forced.get(operationId) ?? [];
    queue.push(forced);
    this.#forced.set(operationId, queue);
  }

  settle(): Promise<void> {
    return this.#clock.settle();
  }

  advance(ms: number): Promise<void> {
    return this.#clock.advance(ms);
  }

  now(): Date {
    return new Date(this.#clock.now());
  }

  inbound(message: InboundMessage): { readonly id: string } {
    const { channel, from, to, text } = message ?? ({} as InboundMessage);
    if (channel !== "sms" && channel !== "whatsapp") {
      throw new ChirpConfigError(
        `sandbox.inbound: channel must be "sms" or "whatsapp", got ${JSON.stringify(channel)}`,
      );
    }
    for (const [name, n] of [
      ["from", from],
      ["to", to],
    ] as const) {
      if (typeof n !== "string" || !E164.test(n)) {
        throw new ChirpConfigError(`sandbox.inbound: ${name} must be an E.164 number (+15551234567)`);
      }
    }
    if (typeof text !== "string" || text === "")
      throw new ChirpConfigError("sandbox.inbound: text must be a non-empty string");
    return { id: this.#resources.inbound(channel, from, to, text, true).id };
  }

  requests(operationId?: string): SandboxRequest[] {
    return this.#log
      .filter((r) => operationId === undefined || r.operationId === operationId)
      .map((r) => ({
        ...r,
        query: { ...r.query },
        headers: { ...r.headers },
        body: structuredClone(r.body),
        answer: typeof r.answer === "string" ? r.answer : structuredClone(r.answer),
      }));
  }

  webhooks(): SandboxWebhookDelivery[] {
    return this.#deliveries.list();
  }
}

/**
 * An in-process Chirp API for an app's tests, built from the spec at build time: plug
 * it in with `fetch: sandbox.fetch` (or `await sandbox.listen()` and its `url`), force
 * documented answers with `answer()`, play the message lifecycle and its webhooks with
 * `settle()` / `advance()`, and read what the app did with `requests()` / `webhooks()`.
 * No port, no child process, no network unless `listen()` is called.
 * @example
 * const sandbox = createSandbox({ webhooks: { handler: app.webhookHandler, secret: "s3cret" } });
 * const chirp = new Chirp({ appKey: "sk_test_app_123", fetch: sandbox.fetch });
 * sandbox.answer("sendSms", { status: 402, example: "message_undeliverable" });
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  return new SandboxImpl(options);
}
