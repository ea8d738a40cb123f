// What the sandbox remembers, per operation: sent SMS and WhatsApp messages (read back
// through the organisation's list/get operations with the status they reached),
// webhooks, WhatsApp templates and app keys; the Playground's inbound messages.
// Operations not handled here answer the catalogue's success sample (built from the
// spec's own examples), after the same key and validation checks.

import type { ListShape } from "../../generated/operations.js";
import { apiErrorBody, namedExample, operationEntry } from "./answers.js";
import type { ResolvedTarget } from "./deliveries.js";
import { DELIVERY_TIMEOUT_MS, isLoopback } from "./deliveries.js";
import type { KeyKind } from "./keys.js";
import type { Fate, MessageStore, StoredMessage } from "./messages.js";
import { testNumbers } from "./test-numbers.js";

/** One call, parsed and checked: what an operation's behaviour needs. */
export interface CallContext {
  readonly operationId: string;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  // biome-ignore lint/suspicious/noExplicitAny: a validated JSON body, read field by field
  readonly body: any;
  readonly keyKind: KeyKind;
}

/** An answer: status, JSON body (undefined: none) and extra headers. */
export interface Result {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A webhook registered through the API. */
interface StoredWebhook {
  id: string;
  appId: string;
  url: string;
  events: string[];
  headers: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/** Base-62 digits, so ids look like Chirp's KSUIDs (27 characters of [a-zA-Z0-9]). */
const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** The Meta error a refused WhatsApp send carries for a code. */
const META = {
  conversation_window_expired: { source: "meta", code: 131047, message: "Re-engagement message" },
  recipient_not_on_whatsapp: { source: "meta", code: 131026, message: "Message undeliverable" },
} as const;

/** Header names whose values the record shows as `[secret]`. */
const SECRET_NAME = /secret|token|auth|key|signature/i;

/** The sandbox's memory and the behaviour of its stateful operations. */
export class Resources {
  readonly #now: () => number;
  readonly #messages: MessageStore;
  readonly appId: string;
  #serial = 0;
  readonly webhooks = new Map<string, StoredWebhook>();
  readonly templates = new Map<string, Record<string, unknown>>();
  readonly appKeys: Record<string, unknown>[] = [];

  constructor(now: () => number, messages: MessageStore, appId: string) {
    this.#now = now;
    this.#messages = messages;
    this.appId = appId;
  }

  /** A new id `<prefix>[test_]<27 chars>`, increasing, so that creation order is id order. */
  id(prefix: string, test: boolean): string {
    let n = ++this.#serial;
    let digits = "";
    while (n > 0) {
      digits = DIGITS[n % 62] + digits;
      n = Math.floor(n / 62);
    }
    return `${prefix}${test ? "test_" : ""}2SBX${digits.padStart(23, "0")}`;
  }

  #iso(): string {
    return new Date(this.#now()).toISOString();
  }

  /** The webhooks the API registered, as delivery targets (only loopback URLs are posted to). */
  targets(): ResolvedTarget[] {
    return [...this.webhooks.values()].map((w) => ({
      name: w.url,
      webhookId: w.id,
      url: w.url,
      headers: { ...w.headers },
      secretHeaders: Object.keys(w.headers).filter((h) => SECRET_NAME.test(h)),
      events: [...w.events],
      timeoutMs: DELIVERY_TIMEOUT_MS,
      ...(!isLoopback(w.url) && { skip: "the sandbox posts only to loopback URLs" }),
    }));
  }

  /** The behaviour of `ctx.operationId`, or undefined when the catalogue's sample answers it. */
  handle(ctx: CallContext): Result | undefined {
    switch (ctx.operationId) {
      case "sendSms":
        return this.#sendSms(ctx);
      case "sendWhatsAppMessage":
      case "sendWhatsAppTemplate":
        return this.#sendWhatsApp(ctx);
      case "simulateInboundSms":
      case "simulateInboundWhatsAppMessage": {
        const channel = ctx.operationId === "simulateInboundSms" ? "sms" : "whatsapp";
        this.inbound(channel, ctx.body.from, ctx.body.to, ctx.body.text, ctx.keyKind !== "live_app");
        return { status: 202, body: { id: this.id("evt_", true), status: "QUEUED" } };
      }
      case "listOrganizationSmsMessages":
        return this.#listSms(ctx);
      case "getOrganizationWhatsAppMessage":
        return this.#getWhatsApp(ctx);
      case "createWebhook":
        return this.#createWebhook(ctx);
      case "listWebhooks":
        return { status: 200, body: { webhooks: [...this.webhooks.values()].map((w) => structuredClone(w)) } };
      case "getWebhook":
      case "updateWebhook":
      case "deleteWebhook":
        return this.#webhook(ctx);
      case "createWhatsAppTemplate":
        return this.#createTemplate(ctx);
      case "getWhatsAppTemplate": {
        const t = this.templates.get(ctx.pathParams.templateId ?? "");
        return t ? { status: 200, body: structuredClone(t) } : notFound(ctx, "template");
      }
      case "deleteOrganizationWhatsAppTemplate":
        if (!this.templates.delete(ctx.pathParams.templateId ?? "")) return notFound(ctx, "template");
        return undefined;
      case "createAppKey":
        return this.#createAppKey(ctx);
      case "listAppKeys":
        return this.#listAppKeys(ctx);
      case "deleteAppKey": {
        const i = this.appKeys.findIndex((k) => k.id === ctx.pathParams.keyId);
        if (i < 0) return notFound(ctx, "app key");
        this.appKeys.splice(i, 1);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** A customer writing in (the Playground): stored, and `messages.<channel>.received` fired. */
  inbound(channel: "sms" | "whatsapp", from: string, to: string, text: string, test: boolean): StoredMessage {
    const now = this.#now();
    const m: StoredMessage = {
      id: this.id(channel === "sms" ? "msg_sms_" : "msg_wa_", test),
      channel,
      direction: "inbound",
      from,
      to,
      text,
      type: channel === "sms" ? "sms" : "text",
      recipientId: this.id("rcpt_", test),
      status: "RECEIVED",
      createdAt: now,
      receivedAt: now,
    };
    this.#messages.receive(m);
    return m;
  }

  #sendSms(ctx: CallContext): Result {
    const { from, to, text, subject, mediaUrls, transport } = ctx.body as {
      from: string;
      to: string[];
      text?: string;
      subject?: string;
      mediaUrls?: string[];
      transport?: string;
    };
    if (from === testNumbers.notAssigned) return this.#notAssigned(ctx);
    for (let i = 0; i < to.length; i++) {
      if (to[i] === testNumbers.invalid) {
        return {
          status: 400,
          body: apiErrorBody(ctx.operationId, 400, "invalid_phone_number", {
            param: `to[${i}]`,
            message: `The phone number "${to[i]}" is not a valid mobile number.`,
          }),
        };
      }
      if (to[i] === testNumbers.undeliverable) {
        return { status: 402, body: namedExample(ctx.operationId, 402, "message_undeliverable") };
      }
    }
    const test = ctx.keyKind !== "live_app";
    const mms = transport === "mms" || (transport !== "sms" && (mediaUrls?.length ?? 0) > 0);
    const id = this.id("msg_sms_", test);
    const now = this.#now();
    for (const number of to) {
      this.#messages.send(
        {
          id,
          channel: "sms",
          direction: "outbound",
          from,
          to: number,
          text: text ?? null,
          type: mms ? "mms" : "sms",
          ...(subject !== undefined && { subject }),
          recipientId: this.id("rcpt_", test),
          status: "QUEUED",
          createdAt: now,
        },
        this.#fate(ctx.operationId, number, "telnyx"),
      );
    }
    return {
      status: 200,
      body: {
        id,
        from,
        to: [...to],
        ...(text !== undefined && { text }),
        type: mms ? "MMS" : "SMS",
        transport: mms ? "mms" : "sms",
        direction: "OUTBOUND",
        status: "QUEUED",
        createdAt: new Date(now).toISOString(),
      },
    };
  }

  /** What an accepted message to `to` will do: fail after being sent for the magic number, else deliver. */
  #fate(operationId: string, to: string, provider: "telnyx" | "meta"): Fate {
    if (to !== testNumbers.failsAfterSent) return { kind: "deliver" };
    const example = namedExample(operationId, 402, "message_undeliverable") as
      | { error: Record<string, unknown> }
      | undefined;
    const error = example?.error ?? {
      type: "provider_error",
      code: "message_undeliverable",
      message: "The message could not be delivered.",
    };
    if (!example) error.provider = { source: provider, code: "undeliverable", message: "Delivery failed" };
    return { kind: "fail", error };
  }

  #notAssigned(ctx: CallContext): Result {
    return {
      status: 400,
      body: apiErrorBody(ctx.operationId, 400, "phone_number_not_assigned", {
        param: "from",
        message: "The sending number is not assigned to this app.",
      }),
    };
  }

  #sendWhatsApp(ctx: CallContext): Result {
    const body = ctx.body as {
      from: string;
      to: string;
      type?: string;
      text?: { body?: string };
      templateName?: string;
    };
    if (body.from === testNumbers.notAssigned) return this.#notAssigned(ctx);
    if (body.to === testNumbers.invalid) {
      return {
        status: 400,
        body: apiErrorBody(ctx.operationId, 400, "invalid_phone_number", {
          param: "to",
          message: `The phone number "${body.to}" is not a valid WhatsApp number.`,
        }),
      };
    }
    if (body.to === testNumbers.undeliverable) {
      return { status: 402, body: namedExample(ctx.operationId, 402, "message_undeliverable") };
    }
    for (const code of ["conversation_window_expired", "recipient_not_on_whatsapp"] as const) {
      const number =
        code === "conversation_window_expired" ? testNumbers.whatsappWindowExpired : testNumbers.notOnWhatsApp;
      if (body.to === number) {
        return {
          status: 402,
          body: apiErrorBody(ctx.operationId, 402, code, {
            message:
              code === "conversation_window_expired"
                ? "More than 24 hours have passed since the recipient last replied. Send a template message instead."
                : "The recipient is not registered on WhatsApp.",
            provider: { ...META[code] },
          }),
        };
      }
    }
    const test = ctx.keyKind !== "live_app";
    const template = ctx.operationId === "sendWhatsAppTemplate";
    const type = template ? "template" : (body.type ?? "text");
    const id = this.id("msg_wa_", test);
    const now = this.#now();
    this.#messages.send(
      {
        id,
        channel: "whatsapp",
        direction: "outbound",
        from: body.from,
        to: body.to,
        text: template ? null : (body.text?.body ?? null),
        type,
        recipientId: this.id("rcpt_", test),
        status: "QUEUED",
        createdAt: now,
      },
      this.#fate(ctx.operationId, body.to, "meta"),
    );
    const meta = {
      messaging_product: "whatsapp",
      contacts: [{ input: body.to, wa_id: body.to.replace(/^\+/, "") }],
      messages: [{ id: `wamid.${id}`, message_status: "accepted" }],
    };
    if (template) return { status: 200, body: { id, ...meta } };
    return {
      status: 200,
      body: {
        id,
        from: body.from,
        to: body.to,
        type,
        status: "queued",
        timestamp: new Date(now).toISOString(),
        ...meta,
      },
    };
  }

  #orgSms(id: string): Record<string, unknown> | undefined {
    const copies = this.#messages.find("sms", id);
    const m = copies[0];
    if (!m) return undefined;
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    const last = Math.max(...copies.map((c) => c.failedAt ?? c.deliveredAt ?? c.sentAt ?? c.createdAt));
    return {
      id: m.id,
      systemPhoneNumberId: `ph_${m.id.includes("_test_") ? "test_" : ""}2SBX${"0".repeat(23)}`,
      systemPhoneNumber: m.direction === "outbound" ? m.from : m.to,
      fromPhoneNumber: m.from,
      ...(m.text !== null && { text: m.text }),
      ...(m.subject !== undefined && { subject: m.subject }),
      type: m.type === "mms" ? "MMS" : "SMS",
      transport: m.type === "mms" ? "mms" : "sms",
      direction: m.direction === "outbound" ? "OUTBOUND" : "INBOUND",
      ...(m.receivedAt !== undefined && { receivedAt: iso(m.receivedAt) }),
      ...(m.sentAt !== undefined && { sentAt: iso(m.sentAt) }),
      ...(copies.every((c) => c.deliveredAt !== undefined || c.failedAt !== undefined) &&
        m.direction === "outbound" && { completedAt: iso(last) }),
      createdAt: iso(m.createdAt),
      updatedAt: iso(last),
      recipients: copies.map((c) => ({
        id: c.recipientId,
        phoneNumber: c.direction === "outbound" ? c.to : c.from,
        status: c.status === "RECEIVED" || c.status === "READ" ? "DELIVERED" : c.status,
        createdAt: iso(c.createdAt),
        updatedAt: iso(c.failedAt ?? c.deliveredAt ?? c.sentAt ?? c.createdAt),
      })),
    };
  }

  #listSms(ctx: CallContext): Result {
    const list = listShape(ctx);
    const direction = ctx.query.direction;
    const appId = ctx.query.appId;
    const ids = [...new Set(this.#messages.messages.filter((m) => m.channel === "sms").map((m) => m.id))]
      .map((id) => this.#orgSms(id)!)
      .filter((m) => (direction ? m.direction === direction : true))
      .filter(() => (appId ? appId === this.appId : true))
      // Newest first, as a message log reads.
      .reverse();
    const limit = pageSize(ctx.query.limit, 20);
    let start = 0;
    if (ctx.query.cursor !== undefined) {
      const at = ids.findIndex((m) => m.id === ctx.query.cursor);
      if (at < 0) {
        return {
          status: 400,
          body: apiErrorBody(ctx.operationId, 400, null, { param: "cursor", message: "Unknown cursor." }),
        };
      }
      start = at + 1;
    } else {
      const offset = offsetOf(ctx.query.offset);
      if (offset === undefined) return badOffset(ctx);
      start = offset;
    }
    const page = ids.slice(start, start + limit);
    const more = start + limit < ids.length;
    const items = list?.items ?? "messages";
    return { status: 200, body: { [items]: page, nextCursor: more ? page.at(-1)!.id : null, totalCount: ids.length } };
  }

  #getWhatsApp(ctx: CallContext): Result {
    const m = this.#messages.find("whatsapp", ctx.pathParams.messageId ?? "")[0];
    if (!m) return notFound(ctx, "message");
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    const body: Record<string, unknown> = {
      id: m.id,
      whatsappPhoneNumberId: `wapn_2SBX${"0".repeat(23)}`,
      displayPhoneNumber: m.direction === "outbound" ? m.from : m.to,
      fromPhoneNumber: m.from,
      toPhoneNumber: m.to,
      type: m.type,
      direction: m.direction === "outbound" ? "OUTBOUND" : "INBOUND",
      ...(m.text !== null && { textBody: m.text }),
      queuedAt: iso(m.createdAt),
      ...(m.sentAt !== undefined && { sentAt: iso(m.sentAt) }),
      ...(m.deliveredAt !== undefined && { deliveredAt: iso(m.deliveredAt) }),
      ...(m.readAt !== undefined && { readAt: iso(m.readAt) }),
      ...(m.failedAt !== undefined && { failedAt: iso(m.failedAt) }),
      ...(m.error && { errorCode: String(m.error.code), errorMessage: String(m.error.message) }),
      createdAt: iso(m.createdAt),
      updatedAt: iso(m.failedAt ?? m.readAt ?? m.deliveredAt ?? m.sentAt ?? m.createdAt),
      recipients: [
        {
          id: m.recipientId,
          phoneNumber: m.direction === "outbound" ? m.to : m.from,
          status: m.status,
          queuedAt: iso(m.createdAt),
          ...(m.sentAt !== undefined && { sentAt: iso(m.sentAt) }),
          ...(m.deliveredAt !== undefined && { deliveredAt: iso(m.deliveredAt) }),
          ...(m.readAt !== undefined && { readAt: iso(m.readAt) }),
          ...(m.failedAt !== undefined && { failedAt: iso(m.failedAt) }),
        },
      ],
    };
    return { status: 200, body };
  }

  #createWebhook(ctx: CallContext): Result {
    const now = this.#iso();
    const w: StoredWebhook = {
      id: this.id("whk_", ctx.keyKind !== "live_app"),
      appId: this.appId,
      url: ctx.body.url,
      events: [...ctx.body.events],
      headers: { ...(ctx.body.headers ?? {}) },
      createdAt: now,
      updatedAt: now,
    };
    this.webhooks.set(w.id, w);
    return { status: 201, body: structuredClone(w) };
  }

  #webhook(ctx: CallContext): Result | undefined {
    const w = this.webhooks.get(ctx.pathParams.webhookId ?? "");
    if (!w) return notFound(ctx, "webhook");
    if (ctx.operationId === "deleteWebhook") {
      this.webhooks.delete(w.id);
      return undefined;
    }
    if (ctx.operationId === "updateWebhook") {
      if (ctx.body.url !== undefined) w.url = ctx.body.url;
      if (ctx.body.events !== undefined) w.events = [...ctx.body.events];
      if (ctx.body.headers !== undefined) w.headers = { ...ctx.body.headers };
      w.updatedAt = this.#iso();
    }
    return { status: 200, body: structuredClone(w) };
  }

  #createTemplate(ctx: CallContext): Result {
    const now = this.#iso();
    const t = {
      id: this.id("tmpl_wa_", ctx.keyKind !== "live_app"),
      organizationId: `org_2SBX${"0".repeat(23)}`,
      whatsappBusinessProfileId: ctx.body.whatsappBusinessProfileId,
      metaTemplateId: null,
      name: ctx.body.name,
      language: ctx.body.language,
      category: ctx.body.category,
      // Meta reviews a new template; the sandbox leaves it pending, as a fresh one is.
      status: "PENDING",
      components: structuredClone(ctx.body.components),
      variableMapping: {},
      rejectionReason: null,
      qualityScore: null,
      createdAt: now,
      updatedAt: now,
    };
    this.templates.set(t.id, t);
    return { status: 200, body: structuredClone(t) };
  }

  #createAppKey(ctx: CallContext): Result {
    const now = this.#iso();
    const test = /_test_/.test(ctx.body.appId);
    const id = this.id("key_app_", test);
    const secret = `sk_${test ? "test" : "live"}_app_${id.slice(-16)}`;
    const key = {
      id,
      name: ctx.body.name,
      keyPreview: `sk_${test ? "test" : "live"}_app_****`,
      appId: ctx.body.appId,
      createdAt: now,
      updatedAt: now,
    };
    this.appKeys.push(key);
    return { status: 201, body: { id, key: secret, name: key.name, appId: key.appId, createdAt: now, updatedAt: now } };
  }

  #listAppKeys(ctx: CallContext): Result {
    const keys = this.appKeys.filter((k) => (ctx.query.appId ? k.appId === ctx.query.appId : true));
    const offset = offsetOf(ctx.query.offset);
    if (offset === undefined) return badOffset(ctx);
    const limit = pageSize(ctx.query.limit, 20);
    return {
      status: 200,
      body: { keys: keys.slice(offset, offset + limit).map((k) => ({ ...k })), totalCount: keys.length },
    };
  }
}

/** The catalogue's list shape of the operation (which property holds the items). */
function listShape(ctx: CallContext): ListShape | undefined {
  return operationEntry(ctx.operationId).list ?? undefined;
}

/** An offset from a query string: a whole number ≥ 0, else undefined. */
function offsetOf(value: string | undefined): number | undefined {
  if (value === undefined) return 0;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function badOffset(ctx: CallContext): Result {
  return {
    status: 400,
    body: apiErrorBody(ctx.operationId, 400, null, { param: "offset", message: "offset must be a whole number ≥ 0." }),
  };
}

/** A page size from a query string: a whole number ≥ 1, else the default. */
function pageSize(value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

function notFound(ctx: CallContext, what: string): Result {
  return { status: 404, body: apiErrorBody(ctx.operationId, 404, null, { message: `No such ${what}.` }) };
}
