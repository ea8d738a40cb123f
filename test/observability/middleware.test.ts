// Middleware (src/call/3-middleware.ts) against a real loopback server: what a middleware
// sees and may change, and what it can never do — see the key, or have a send re-sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AttemptContext,
  type CallContext,
  Chirp,
  ChirpConfigError,
  ChirpError,
  createPathClient,
  type Middleware,
  type MiddlewareInput,
} from "../../src/index.js";
import { APP_KEY } from "../client/helpers.js";
import { type Loopback, PROFILE_ROUTE, SEND_BODY, SEND_ROUTE, scriptScenario, startLoopback } from "./loopback.js";

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

const noSleep = async () => {};
const client = (middleware: MiddlewareInput[], extra: Record<string, unknown> = {}) =>
  new Chirp({ appKey: APP_KEY, baseUrl: server.baseUrl, sleep: noSleep, logLevel: "off", middleware, ...extra });

function sends(route: string): number {
  return server.received.filter((r) => `${r.method} ${r.url.split("?")[0]}` === route).length;
}

describe("what a middleware sees", () => {
  it("each attempt with its call, number, retry cause and decision; the headers it sets are sent; never the key", async () => {
    scriptScenario(server);
    server.received.length = 0;
    const seen: AttemptContext[] = [];
    const calls: string[] = [];
    const observer: Middleware = {
      call: async (call, next) => {
        calls.push(`${call.id} ${call.operationId} ${call.pathTemplate}`);
        return next();
      },
      attempt: async (a, next) => {
        expect(a.headers.authorization).toBeUndefined();
        a.headers["x-tenant"] = `acme-${a.attempt}`;
        a.headers.authorization = "Bearer stolen";
        // Header names are case-insensitive: no spelling of it replaces the key or is sent beside it.
        a.headers.Authorization = "Bearer stolen-too";
        // Each attempt starts from the request's own headers: what one attempt set is not carried to the next.
        if (a.attempt === 1) a.headers["x-first-only"] = "1";
        return next();
      },
      settled: (a) => {
        seen.push(a);
      },
    };
    const chirp = client([observer]);
    await chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } });
    expect(calls).toEqual([
      expect.stringMatching(
        /^c\d+ getWhatsAppBusinessProfile \/v1\/whatsapp\/phone-numbers\/\{phoneNumberId\}\/business-profile$/,
      ),
    ]);
    expect(seen.map((a) => [a.attempt, a.status, a.requestId, a.decision?.retry, a.retryOf?.failure])).toEqual([
      [1, 503, "req_503", true, undefined],
      [2, 200, "req_200", undefined, { kind: "status", status: 503, retryAfterMs: undefined }],
    ]);
    expect(seen[0]?.call).toBe(seen[1]?.call);
    expect(seen[1]?.call.attempts).toBe(2);
    // What reached the server: the middleware's header on each attempt, and the SDK's key, not the middleware's.
    expect(
      server.received.map((r) => [r.headers["x-tenant"], r.headers.authorization, r.headers["x-first-only"]]),
    ).toEqual([
      ["acme-1", `Bearer ${APP_KEY}`, "1"],
      ["acme-2", `Bearer ${APP_KEY}`, undefined],
    ]);
  });

  it("per-call middleware runs inside the client's; a bare function is an attempt hook", async () => {
    scriptScenario(server);
    const order: string[] = [];
    const chirp = client([
      async (a, next) => {
        order.push(`client ${a.attempt}`);
        return next();
      },
    ]);
    await chirp.getWhatsAppBusinessProfile({
      path: { phoneNumberId: "wapn_1" },
      middleware: [
        async (a, next) => {
          order.push(`call ${a.attempt}`);
          return next();
        },
      ],
    });
    expect(order).toEqual(["client 1", "call 1", "client 2", "call 2"]);
  });

  it("the path-style client goes through the same middleware", async () => {
    scriptScenario(server);
    const seen: string[] = [];
    const api = createPathClient(
      client([{ settled: (a) => seen.push(`${a.call.operationId} ${a.attempt} ${a.status}`) }]),
    );
    const { data } = await api.GET("/v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile", {
      params: { path: { phoneNumberId: "wapn_1" } },
    });
    expect(data).toEqual({ about: "Acme" });
    expect(seen).toEqual(["getWhatsAppBusinessProfile 1 503", "getWhatsAppBusinessProfile 2 200"]);
  });
});

describe("hooks in order, and the client's clock", () => {
  it("each kind of hook runs in list order, the client's middleware then the call's, whichever hooks each has", async () => {
    scriptScenario(server);
    const events: string[] = [];
    const callHook =
      (name: string): Middleware["call"] =>
      (_call, next) => {
        events.push(`${name}.call`);
        return next();
      };
    const attemptHook =
      (name: string): Middleware["attempt"] =>
      (a, next) => {
        events.push(`${name}.attempt ${a.attempt}`);
        return next();
      };
    const chirp = client([
      { call: callHook("A"), settled: (a) => events.push(`A.settled ${a.attempt}`) },
      { attempt: attemptHook("B") },
      { settled: (a) => events.push(`C.settled ${a.attempt}`) },
    ]);
    await chirp.getWhatsAppBusinessProfile({
      path: { phoneNumberId: "wapn_1" },
      middleware: [{ call: callHook("D"), attempt: attemptHook("D") }],
    });
    expect(events).toEqual([
      "A.call",
      "D.call",
      "B.attempt 1",
      "D.attempt 1",
      "A.settled 1",
      "C.settled 1",
      "B.attempt 2",
      "D.attempt 2",
      "A.settled 2",
      "C.settled 2",
    ]);
  });

  it("an attempt's start and duration are read off the client's `now`, the retry's afresh", async () => {
    // A clock that moves 10 ms at every reading: each reading the SDK takes shows.
    let t = 1_000;
    scriptScenario(server);
    const seen: AttemptContext[] = [];
    await client([{ settled: (a) => seen.push(a) }], { now: () => (t += 10) }).getWhatsAppBusinessProfile({
      path: { phoneNumberId: "wapn_1" },
    });
    const [first, retry] = seen;
    // Nothing runs between the call's start and its first attempt's (no call hook, no limiter): one reading.
    expect(first?.call.startedAt).toBe(1_010);
    expect(first?.startedAt).toBe(1_010);
    // The 503's duration runs to its body read; the retry (after a wait) reads the clock afresh, and
    // its 200's duration is the very next reading.
    expect(first?.durationMs).toBeGreaterThan(0);
    expect(retry?.startedAt).toBeGreaterThan((first?.startedAt ?? 0) + (first?.durationMs ?? 0));
    expect(retry?.durationMs).toBe(10);
  });

  it("with a call hook, the first attempt reads the clock afresh: the hook's time is the call's, not the attempt's", async () => {
    let t = 1_000;
    scriptScenario(server);
    const seen: AttemptContext[] = [];
    const callHook = { call: (_c: CallContext, next: () => Promise<unknown>) => next() };
    await client([callHook, { settled: (a) => seen.push(a) }], { now: () => (t += 10) }).getWhatsAppBusinessProfile({
      path: { phoneNumberId: "wapn_1" },
    });
    const [first] = seen;
    expect(first?.call.startedAt).toBe(1_010);
    expect(first?.startedAt).toBe(1_020);
  });

  it("a middleware's own failure before next() ends the attempt with a duration and no status; nothing is sent", async () => {
    scriptScenario(server);
    server.received.length = 0;
    const seen: AttemptContext[] = [];
    const chirp = client([
      { settled: (a) => seen.push(a) },
      async () => {
        throw new Error("refused by policy");
      },
    ]);
    await expect(chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } })).rejects.toThrow(
      /refused by policy/,
    );
    expect(server.received).toHaveLength(0);
    expect(seen.map((a) => [a.attempt, a.status, a.decision?.retry, typeof a.durationMs])).toEqual([
      [1, undefined, false, "number"],
    ]);
  });
});

describe("at most once for sends", () => {
  it("next() a second time rejects and sends nothing", async () => {
    scriptScenario(server);
    server.received.length = 0;
    const chirp = client([
      async (_a, next) => {
        await next().catch(() => {});
        return next();
      },
    ]);
    const error = await chirp.sendSms({ body: SEND_BODY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChirpConfigError);
    expect((error as Error).message).toMatch(/next\(\) twice/);
    expect(sends(SEND_ROUTE)).toBe(1);
  });

  it("a middleware that turns a failed send into a 429 (always retryable) gets no second send", async () => {
    scriptScenario(server);
    server.received.length = 0;
    const chirp = client([
      async (_a, next) => next().catch(() => new Response(JSON.stringify({ error: "slow down" }), { status: 429 })),
    ]);
    const error = await chirp.sendSms({ body: SEND_BODY }).catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(429);
    expect(sends(SEND_ROUTE)).toBe(1);
  });

  it("a middleware's own answer whose body fails like a refused connection does not get the send re-sent", async () => {
    scriptScenario(server);
    server.received.length = 0;
    const refused = () =>
      new Response(
        new ReadableStream({
          start: (c) => c.error(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
        }),
        { status: 200 },
      );
    const chirp = client([
      async (_a, next) => {
        await next().catch(() => {});
        return refused();
      },
    ]);
    await expect(chirp.sendSms({ body: SEND_BODY })).rejects.toBeInstanceOf(ChirpError);
    expect(sends(SEND_ROUTE)).toBe(1);
  });

  it("a middleware's own error ends the call as a ChirpError, even for a retryable GET", async () => {
    scriptScenario(server);
    server.received.length = 0;
    const chirp = client([
      async (_a, next) => {
        await next().catch(() => {});
        throw new TypeError("oops");
      },
    ]);
    const error = await chirp
      .getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChirpError);
    expect((error as Error).message).toContain("oops");
    expect(sends(PROFILE_ROUTE)).toBe(1);
  });

  it("a middleware's own error is named by the middleware and shown without a key it quotes", async () => {
    scriptScenario(server);
    const leaked = `${APP_KEY}_leaked`;
    const chirp = client([
      {
        name: "tenant-headers",
        attempt: () => {
          throw new Error(`could not sign with ${leaked}`);
        },
      },
    ]);
    const error = (await chirp
      .getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } })
      .catch((e: unknown) => e)) as ChirpError;
    expect(error).toBeInstanceOf(ChirpError);
    expect(error.message).toMatch(/^A middleware \(tenant-headers\) failed: could not sign with sk_\w+_\[redacted\]$/);
    expect(
      JSON.stringify({ message: error.message, stack: error.stack, cause: (error.cause as Error).message }),
    ).not.toContain(leaked.slice(12));
  });

  it("a throwing settled hook does not fail a call; a malformed middleware list is a ChirpConfigError", async () => {
    scriptScenario(server);
    const chirp = client([
      {
        settled: () => {
          throw new Error("observer bug");
        },
      },
    ]);
    await expect(chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } })).resolves.toEqual({
      about: "Acme",
    });
    expect(() => client([{ attempt: "no" } as never])).toThrow(ChirpConfigError);
    expect(() => client("no" as never)).toThrow(ChirpConfigError);
    expect(() => client([null] as never)).toThrow(
      /middleware must be an array of functions or \{ call, attempt, settled \}/,
    );
    // A call's own list is checked by the same rule, and rejects (sends nothing); an empty one adds nothing.
    const before = sends(PROFILE_ROUTE);
    await expect(
      chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" }, middleware: [42] as never }),
    ).rejects.toThrow(ChirpConfigError);
    expect(sends(PROFILE_ROUTE)).toBe(before);
    await expect(
      chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" }, middleware: [] }),
    ).resolves.toEqual({ about: "Acme" });
  });
});
