// Webhook deliveries out of the sandbox, as Chirp makes them (API-BEHAVIOUR.md §5.2–5.4):
// a JSON POST of `{ event, timestamp, data }` carrying the webhook's own headers (the
// shared secret among them, exactly as registered), answered 2xx or retried with
// backoff, 5 attempts at most. Each attempt runs on the virtual clock and is recorded
// with the app's answer.
import { ChirpConfigError } from "../../errors/chirp-error.js";
import { type WebhookEventType, webhookEventTypes } from "../../generated/webhook-events.js";
import type { VirtualClock } from "./clock.js";

/** Attempts per delivery, as Chirp documents ("5 attempts max"). */
export const MAX_ATTEMPTS = 5;
/** Wait before retry n (1-based), virtual ms: 1 s, 2 s, 4 s, 8 s. Chirp says "exponential backoff" without figures. */
export const retryDelayMs = (retry: number) => 1000 * 2 ** (retry - 1);
/** Chirp's delivery timeout (5 s), in real ms: the app's endpoint runs in real time. */
export const DELIVERY_TIMEOUT_MS = 5_000;
/** The part of an app's answer that is recorded. */
const ANSWER_CHARS = 2_000;

/** A fetch-style handler that receives deliveries in-process (e.g. createWebhookHandler's). */
export type WebhookFetchHandler = (request: Request) => Response | Promise<Response>;

/** Where the sandbox delivers webhook events, set with `createSandbox({ webhooks })`. */
export type SandboxWebhookTarget = (
  | {
      /** A loopback URL the app listens on (http://127.0.0.1:…/webhooks). */
      readonly url: string;
      readonly handler?: undefined;
    }
  | {
      /** A fetch-style handler called in-process (no port). */
      readonly handler: WebhookFetchHandler;
      readonly url?: undefined;
    }
) & {
  /** The shared secret Chirp echoes on every delivery. */
  readonly secret?: string | undefined;
  /** The header that carries it. @default "X-Webhook-Secret" (the docs' example) */
  readonly secretHeader?: string | undefined;
  /** Events to deliver (names the spec documents). @default every event */
  readonly events?: readonly WebhookEventType[] | undefined;
  /** Further headers sent with each delivery, as a webhook's `headers` are. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** How long an attempt waits for your endpoint's answer, in real ms. @default 5000 (Chirp's delivery timeout) */
  readonly timeoutMs?: number | undefined;
};

/** One attempt of a delivery and the app's answer. */
export interface DeliveryAttempt {
  /** Virtual time of the attempt (ISO-8601). */
  readonly at: string;
  /** The app's status, or undefined when it did not answer. */
  readonly status?: number;
  /** The start of the app's answer body. */
  readonly body?: string;
  /** Why the attempt failed without an answer (connection refused, timeout, the handler threw). */
  readonly error?: string;
}

/** One webhook event delivered (or being delivered) to one target. */
export interface SandboxWebhookDelivery {
  readonly event: string;
  /** The event as sent. */
  readonly payload: { readonly event: string; readonly timestamp: string; readonly data: Record<string, unknown> };
  /** `"handler"` or the URL it was posted to. */
  readonly target: string;
  /** The registered webhook (`whk_…`), for webhooks created through the API. */
  readonly webhookId?: string;
  /** Headers sent; secret values are shown as `[secret]`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly attempts: readonly DeliveryAttempt[];
  /** `delivered` (2xx), `retrying`, `failed` (5 attempts without 2xx), or `skipped` (not a loopback URL). */
  readonly state: "pending" | "delivered" | "retrying" | "failed" | "skipped";
}

/**
 * `answer`, or a rejection after Chirp's delivery timeout (real time: the handler runs
 * in real time), so that a handler that never answers fails its attempt instead of
 * hanging settle().
 */
function withTimeout(answer: Promise<Response>, ms: number): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms (the delivery timeout)`)), ms);
  });
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}

/** A target, resolved: where, which headers, which events. */
export interface ResolvedTarget {
  readonly name: string;
  readonly webhookId?: string;
  readonly url?: string;
  readonly handler?: WebhookFetchHandler;
  readonly headers: Readonly<Record<string, string>>;
  readonly secretHeaders: readonly string[];
  readonly events?: readonly string[];
  readonly skip?: string;
  /** Real ms an attempt waits for an answer. */
  readonly timeoutMs: number;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True for http(s) URLs on this machine: the only place a sandbox posts to (tests never touch the internet). */
export function isLoopback(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "http:" || u.protocol === "https:") && LOOPBACK.has(u.hostname);
  } catch {
    return false;
  }
}

/** The `webhooks` option, checked: a loopback URL or a handler. */
export function resolveOptionTarget(target: SandboxWebhookTarget): ResolvedTarget {
  if (typeof target.handler !== "function" && typeof target.url !== "string") {
    throw new ChirpConfigError("createSandbox: webhooks needs a url (loopback) or a handler");
  }
  for (const event of target.events ?? []) {
    if (!(webhookEventTypes as readonly string[]).includes(event)) {
      throw new ChirpConfigError(
        `createSandbox: webhooks.events names "${event}", which is not a webhook event of the spec (${webhookEventTypes.join(", ")})`,
      );
    }
  }
  if (typeof target.url === "string" && !isLoopback(target.url)) {
    throw new ChirpConfigError(
      `createSandbox: webhooks.url must be a loopback URL (http://127.0.0.1:…), got "${target.url}": the sandbox never posts off this machine`,
    );
  }
  const timeoutMs = target.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new ChirpConfigError(
      `createSandbox: webhooks.timeoutMs must be a number of ms > 0, got ${String(timeoutMs)}`,
    );
  }
  const headers: Record<string, string> = { ...(target.headers ?? {}) };
  const secretHeaders: string[] = [];
  if (target.secret !== undefined) {
    const name = target.secretHeader ?? "X-Webhook-Secret";
    headers[name] = target.secret;
    secretHeaders.push(name);
  }
  return {
    name: target.url ?? "handler",
    ...(target.url !== undefined && { url: target.url }),
    ...(target.handler !== undefined && { handler: target.handler }),
    headers,
    secretHeaders,
    timeoutMs,
    ...(target.events && { events: [...target.events] }),
  };
}

/** A delivery as the sandbox tracks it. */
interface DeliveryRecord {
  readonly event: string;
  readonly payload: SandboxWebhookDelivery["payload"];
  readonly target: ResolvedTarget;
  readonly attempts: DeliveryAttempt[];
  state: SandboxWebhookDelivery["state"];
}

/** Delivers events to targets on the virtual clock and records every attempt. */
export class Deliveries {
  readonly #clock: VirtualClock;
  readonly #log: DeliveryRecord[] = [];

  constructor(clock: VirtualClock) {
    this.#clock = clock;
  }

  /** Queues `payload` for every target subscribed to its event; the first attempt runs at the next advance/settle. */
  enqueue(targets: readonly ResolvedTarget[], payload: SandboxWebhookDelivery["payload"]): void {
    for (const target of targets) {
      if (target.events && !target.events.includes(payload.event)) continue;
      const entry: DeliveryRecord = { event: payload.event, payload, target, attempts: [], state: "pending" };
      this.#log.push(entry);
      if (target.skip) {
        entry.state = "skipped";
        continue;
      }
      this.#clock.schedule(0, () => this.#attempt(entry));
    }
  }

  async #attempt(entry: DeliveryRecord): Promise<void> {
    const at = new Date(this.#clock.now()).toISOString();
    const body = JSON.stringify(entry.payload);
    const headers = { "content-type": "application/json", ...entry.target.headers };
    let attempt: DeliveryAttempt;
    try {
      const response = entry.target.handler
        ? await withTimeout(
            Promise.resolve(
              entry.target.handler(new Request("http://sandbox.invalid/webhooks", { method: "POST", headers, body })),
            ),
            entry.target.timeoutMs,
          )
        : await fetch(entry.target.url!, {
            method: "POST",
            headers,
            body,
            signal: AbortSignal.timeout(entry.target.timeoutMs),
          });
      const text = await response.text().catch(() => "");
      attempt = { at, status: response.status, body: text.slice(0, ANSWER_CHARS) };
    } catch (e) {
      attempt = { at, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    entry.attempts.push(attempt);
    const ok = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
    if (ok) entry.state = "delivered";
    else if (entry.attempts.length >= MAX_ATTEMPTS) entry.state = "failed";
    else {
      entry.state = "retrying";
      this.#clock.schedule(retryDelayMs(entry.attempts.length), () => this.#attempt(entry));
    }
  }

  /** Every delivery so far, in the order the events happened; secrets shown as `[secret]`. */
  list(): SandboxWebhookDelivery[] {
    return this.#log.map((e) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      for (const [k, v] of Object.entries(e.target.headers)) {
        headers[k] = e.target.secretHeaders.includes(k) ? "[secret]" : v;
      }
      return {
        event: e.event,
        payload: structuredClone(e.payload),
        target: e.target.name,
        ...(e.target.webhookId !== undefined && { webhookId: e.target.webhookId }),
        headers,
        attempts: [...e.attempts],
        state: e.state,
      };
    });
  }
}
