// What intake accepts as a body (raw bytes, text, or what a JSON parser already made
// of it), what it says when there is no body at all, and how a bad secret fails.
import { Buffer } from "node:buffer";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { ChirpConfigError, createWebhookHandler, toNodeListener, Webhooks } from "../../src/index.js";
import { webhookEvent } from "../../src/testing/webhooks.js";

const options = { secretHeader: "X-Webhook-Secret", secret: "s3cret" };
const headers = new Headers({ "x-webhook-secret": "s3cret" });

describe("unwrap accepts the body in any form a framework leaves it", () => {
  const event = webhookEvent("messages.sms.received");
  const text = JSON.stringify(event);
  it.each([
    ["a string", text],
    ["a Uint8Array", new TextEncoder().encode(text)],
    ["a Buffer", Buffer.from(text)],
    ["an ArrayBuffer", new TextEncoder().encode(text).buffer],
    ["an already-parsed object", JSON.parse(text) as Record<string, unknown>],
  ])("%s", (_, body) => {
    const parsed = new Webhooks().unwrap(body, headers, options);
    expect(parsed).toEqual(event);
  });

  it("takes bytes from another realm (a vm context, a test environment) as bytes", () => {
    const foreign = runInNewContext("new Uint8Array(bytes)", { bytes: [...new TextEncoder().encode(text)] });
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(new Webhooks().unwrap(foreign, headers, options)).toEqual(event);
  });

  it("still checks the secret and the envelope of a parsed object", () => {
    expect(() => new Webhooks().unwrap(event, new Headers({ "x-webhook-secret": "nope" }), options)).toThrow(
      /does not match/,
    );
    expect(() => new Webhooks().unwrap({ event: "messages.sms.received" }, headers, options)).toThrow(/timestamp/);
  });

  it("names the cause and the fix when there is no body", () => {
    for (const body of ["", new Uint8Array(), undefined as unknown as string]) {
      expect(() => new Webhooks().unwrap(body, headers, options)).toThrow(
        /no body.*body parser.*express\.json\(\).*Fix: .*req\.body.*mount the webhook route before the parser/,
      );
    }
  });
});

describe("a missing, empty or non-string secret is a ChirpConfigError at construction", () => {
  const cases: [string, unknown, RegExp][] = [
    ["unset (undefined)", undefined, /secret \(header X-Webhook-Secret\) is missing \(undefined\)/],
    ["null", null, /is missing \(null\)/],
    ["empty", "", /is an empty string/],
    ["a number", 42, /is a number, not a string/],
    ["an empty list", [], /is an empty array/],
    ["a list with an empty one", ["ok", ""], /is an empty string/],
  ];
  it.each(cases)("%s", (_, secret, message) => {
    const build = () => createWebhookHandler({ secretHeader: "X-Webhook-Secret", secret: secret as string, on: {} });
    expect(build).toThrow(ChirpConfigError);
    expect(build).toThrow(message);
    expect(build).toThrow(/CHIRP_WEBHOOK_SECRET/);
  });

  it("names secretHeader when it is missing", () => {
    const build = () => createWebhookHandler({ secretHeader: undefined as unknown as string, secret: "s", on: {} });
    expect(build).toThrow(ChirpConfigError);
    expect(build).toThrow(/secretHeader is missing \(undefined\)/);
  });
});

describe("the handler and the Node adapter", () => {
  const post = (body?: string) =>
    new Request("http://localhost/hook", { method: "POST", headers, ...(body === undefined ? {} : { body }) });

  it("answers 400 naming the fix for an empty body, and logs it through `logger` once", async () => {
    const logged: string[] = [];
    const handler = createWebhookHandler({ ...options, on: {}, logger: { error: (m) => void logged.push(m) } });
    for (let i = 0; i < 3; i++) {
      const response = await handler(post());
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/no body.*Fix:/);
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^chirp-sdk: Webhook body rejected: the request has no body.*logged once/);
    // A malformed body is Chirp's problem, not a setup mistake: answered, not logged.
    expect((await handler(post("{"))).status).toBe(400);
    expect(logged).toHaveLength(1);
  });

  const listen = async (req: object, body?: unknown) => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      ...options,
      on: { "messages.sms.received": (e) => void seen.push(e.data.message.id) },
      logger: { error: () => {} },
    });
    const res = {
      statusCode: 0,
      body: "",
      setHeader: () => {},
      end(b?: Uint8Array | string) {
        res.body = typeof b === "string" ? b : new TextDecoder().decode(b);
      },
    };
    const drained = { method: "POST", url: "/", headers: { "x-webhook-secret": "s3cret" }, ...req };
    await toNodeListener(handler)({ ...drained, async *[Symbol.asyncIterator]() {} }, res, body);
    return { status: res.statusCode, body: res.body, seen };
  };

  it("uses req.body when a framework parsed it (express.json()) from a drained stream", async () => {
    const event = webhookEvent("messages.sms.received");
    const result = await listen({ body: JSON.parse(JSON.stringify(event)) });
    expect(result).toMatchObject({ status: 200, seen: [event.data.message.id] });
  });

  it("uses bytes a raw-body parser left in req.body, a Buffer view into a larger pool included", async () => {
    const event = webhookEvent("messages.sms.received");
    const pool = Buffer.from(`xxxx${JSON.stringify(event)}yyyy`);
    const result = await listen({ body: pool.subarray(4, pool.length - 4) });
    expect(result).toMatchObject({ status: 200, seen: [event.data.message.id] });
  });

  it("uses a body passed as the third argument (Fastify's request.body)", async () => {
    const event = webhookEvent("messages.sms.received");
    const result = await listen({}, JSON.parse(JSON.stringify(event)));
    expect(result).toMatchObject({ status: 200, seen: [event.data.message.id] });
  });

  it("answers 400 naming the fix when the stream was drained and nothing kept the body", async () => {
    const result = await listen({});
    expect(result.status).toBe(400);
    expect(result.body).toMatch(/no body/);
    expect(result.seen).toEqual([]);
  });
});
