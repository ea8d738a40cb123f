// Logging (logLevel / CHIRP_LOG / logger / logBodies) against a real loopback server:
// a GET answered 503 then 200, a send answered 500. What each level prints, and what
// never appears in any line: the key, a full phone number, the message text.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiServerError, Chirp, ChirpConfigError, type LogLevel, SDK_VERSION } from "../../src/index.js";
import { APP_KEY } from "../client/helpers.js";
import { captureLogger, type Loopback, SEND_BODY, scriptScenario, startLoopback } from "./loopback.js";

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.CHIRP_LOG;
});

const noSleep = async () => {};

/** Runs the scenario (retried GET, failed send) at `logLevel`; returns the lines. */
async function scenario(logLevel: LogLevel | undefined, extra: Record<string, unknown> = {}) {
  scriptScenario(server);
  const { lines, logger } = captureLogger();
  const chirp = new Chirp({
    appKey: APP_KEY,
    baseUrl: server.baseUrl,
    sleep: noSleep,
    logger,
    ...(logLevel ? { logLevel } : {}),
    ...extra,
  });
  const profile = await chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } });
  const sendError = await chirp.sendSms({ body: SEND_BODY }).catch((e: unknown) => e);
  return { lines, profile, sendError };
}

/** `fields` as the message writes them: `chirp key=value …`, undefined left out, spaced values JSON-quoted. */
function asLogfmt(fields: Record<string, unknown>): string {
  const pairs = Object.entries(fields).filter(([, v]) => v !== undefined);
  return ["chirp", ...pairs.map(([k, v]) => `${k}=${/[\s"=]/.test(String(v)) ? JSON.stringify(v) : v}`)].join(" ");
}

function expectNothingPersonal(text: string): void {
  expect(text).not.toContain(APP_KEY.slice("sk_test_app_".length));
  expect(text).not.toContain("15559876543");
  expect(text).not.toContain("15551234567");
  expect(text).not.toContain("Your code is");
}

describe("log levels", () => {
  it("debug: one line per attempt (why it was or was not retried) and one per call", async () => {
    const { lines, sendError } = await scenario("debug");
    expect(sendError).toBeInstanceOf(ApiServerError);
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      [
        "warn",
        expect.stringMatching(
          /^chirp callId=c\d+ operationId=getWhatsAppBusinessProfile method=GET path=\/v1\/whatsapp\/phone-numbers\/wapn_1\/business-profile attempt=1 status=503 error=ApiServerError errorCode=service_unavailable durationMs=\d+ requestId=req_503 retryInMs=\d+$/,
        ),
      ],
      ["debug", expect.stringMatching(/ attempt=2 status=200 durationMs=\d+ requestId=req_200$/)],
      ["info", expect.stringMatching(/business-profile attempts=2 status=200 durationMs=\d+ requestId=req_200$/)],
      [
        "debug",
        expect.stringMatching(
          /^chirp callId=c\d+ operationId=sendSms method=POST path=\/v1\/sms attempt=1 status=500 error=ApiServerError errorCode=internal_error durationMs=\d+ requestId=req_500 notRetried=unsafe$/,
        ),
      ],
      [
        "error",
        expect.stringMatching(
          /operationId=sendSms method=POST path=\/v1\/sms attempts=1 status=500 error=ApiServerError errorCode=internal_error durationMs=\d+ requestId=req_500$/,
        ),
      ],
    ]);
    // The structured fields say the same as the message, fact for fact and in its order.
    expect(lines[0]?.fields).toMatchObject({
      operationId: "getWhatsAppBusinessProfile",
      method: "GET",
      attempt: 1,
      status: 503,
      errorCode: "service_unavailable",
      requestId: "req_503",
      retryInMs: expect.any(Number),
    });
    expect(lines[3]?.fields).toMatchObject({ status: 500, notRetried: "unsafe", requestId: "req_500" });
    for (const l of lines) expect(l.message).toBe(asLogfmt(l.fields));
    for (const l of lines) expectNothingPersonal(l.message + JSON.stringify(l.fields));
  });

  it("info: one line per call", async () => {
    const { lines } = await scenario("info");
    expect(lines.map((l) => l.level)).toEqual(["warn", "info", "error"]);
  });

  it("warn (the default): the retry and the failed call, nothing for a success", async () => {
    const { lines } = await scenario(undefined);
    expect(lines.map((l) => [l.level, l.message.includes(" retryInMs=")])).toEqual([
      ["warn", true],
      ["error", false],
    ]);
    const quiet = captureLogger();
    server.script("GET /v1/webhooks", [{ status: 200, body: { webhooks: [] } }]);
    await new Chirp({ appKey: APP_KEY, baseUrl: server.baseUrl, logger: quiet.logger }).listWebhooks();
    expect(quiet.lines).toEqual([]);
  });

  it("error: only the failed call; off: nothing", async () => {
    expect((await scenario("error")).lines.map((l) => l.level)).toEqual(["error"]);
    expect((await scenario("off")).lines).toEqual([]);
  });

  it("a 429 and a rate-limiter wait over a second are warnings", async () => {
    server.script("GET /v1/webhooks", [
      { status: 429, body: { error: "Rate limit exceeded." }, headers: { "retry-after": "1" } },
      { status: 200, body: { webhooks: [] } },
    ]);
    let t = 1_000_000;
    // A limiter that holds every attempt 1.5 s by the client's clock (no real time passes).
    const rateLimit = {
      createLimiter: () => ({
        acquire: async () => {
          t += 1500;
          return undefined;
        },
        stats: () => [],
      }),
    };
    const { lines, logger } = captureLogger();
    const chirp = new Chirp({
      appKey: APP_KEY,
      baseUrl: server.baseUrl,
      sleep: noSleep,
      now: () => t,
      logger,
      rateLimit: rateLimit as never,
    });
    await chirp.listWebhooks();
    expect(lines.map((l) => [l.level, l.fields.status, l.fields.limiterWaitMs])).toEqual([
      ["warn", 429, 1500],
      ["warn", 200, 1500],
    ]);
    expect(lines[0]?.message).toContain(" limiterWaitMs=1500 status=429 ");
  });

  it("logBodies adds request and answer bodies (keys still redacted)", async () => {
    const { lines } = await scenario("debug", { logBodies: true });
    const send = lines.find((l) => l.fields.operationId === "sendSms" && l.level === "debug");
    expect(send?.fields.requestBody).toBe(JSON.stringify(SEND_BODY));
    expect(String(send?.fields.responseBody)).toContain("could not send");
    const ok = lines.find((l) => l.fields.status === 200 && l.fields.attempt === 2);
    expect(ok?.fields.responseBody).toBe(JSON.stringify({ about: "Acme" }));
    // In the message a body is one JSON-quoted value (escaped, so a line stays one line).
    expect(send?.message).toContain(` requestBody=${JSON.stringify(JSON.stringify(SEND_BODY))}`);
    for (const l of lines) {
      expect(l.message).toBe(asLogfmt(l.fields));
      expect(l.message).not.toContain(APP_KEY.slice(12));
    }
  });

  it("masks a phone number in a path to its country code and last two digits", async () => {
    server.script("GET /v1/whatsapp/phone-numbers/%2B447700900123/business-profile", [{ status: 200, body: {} }]);
    const { lines, logger } = captureLogger();
    await new Chirp({ appKey: APP_KEY, baseUrl: server.baseUrl, logger, logLevel: "debug" }).getWhatsAppBusinessProfile(
      {
        path: { phoneNumberId: "+447700900123" },
      },
    );
    expect(lines[0]?.message).toContain("/v1/whatsapp/phone-numbers/+44********23/business-profile");
    for (const l of lines) expect(l.message + JSON.stringify(l.fields)).not.toContain("7700900123");
  });
});

describe("CHIRP_LOG and the default logger", () => {
  it("CHIRP_LOG=debug prints through console, the message alone", async () => {
    scriptScenario(server);
    process.env.CHIRP_LOG = "debug";
    const printed: string[] = [];
    for (const level of ["debug", "info", "warn", "error"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        printed.push(`${level}: ${args.join(" ")}`);
      });
    }
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: server.baseUrl, sleep: noSleep });
    await chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } });
    await chirp.sendSms({ body: SEND_BODY }).catch(() => {});
    expect(printed).toHaveLength(5);
    expect(printed[0]).toMatch(
      /^warn: chirp callId=c\d+ operationId=getWhatsAppBusinessProfile method=GET .* attempt=1 status=503 /,
    );
    for (const line of printed) expectNothingPersonal(line);
  });

  it("the option wins over CHIRP_LOG; a bad value of either is a ChirpConfigError naming it", () => {
    process.env.CHIRP_LOG = "loud";
    expect(() => new Chirp({ appKey: APP_KEY })).toThrow(/CHIRP_LOG must be one of debug, info, warn, error, off/);
    expect(() => new Chirp({ appKey: APP_KEY, logLevel: "off" })).not.toThrow();
    expect(() => new Chirp({ appKey: APP_KEY, logLevel: "verbose" as LogLevel })).toThrow(ChirpConfigError);
    delete process.env.CHIRP_LOG;
    expect(() => new Chirp({ appKey: APP_KEY, logger: {} as never })).toThrow(/logger must have debug, info/);
  });
});

describe("request ids and User-Agent", () => {
  it("an answer's request id is on the error, in its message, and on withResponse", async () => {
    const { sendError } = await scenario("off");
    expect((sendError as ApiServerError).requestId).toBe("req_500");
    expect((sendError as Error).message).toContain("[request id req_500]");
    scriptScenario(server);
    const chirp = new Chirp({ appKey: APP_KEY, baseUrl: server.baseUrl, sleep: noSleep, logLevel: "off" });
    const { requestId } = await chirp.withResponse("getWhatsAppBusinessProfile", { path: { phoneNumberId: "wapn_1" } });
    expect(requestId).toBe("req_200");
  });

  it("every request says chirp-sdk/<package.json version> node/<version>", async () => {
    const version = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
    expect(SDK_VERSION).toBe(version);
    server.received.length = 0;
    await scenario("off");
    expect(server.received.length).toBe(3);
    for (const r of server.received) {
      expect(r.headers["user-agent"]).toBe(`chirp-sdk/${version} node/${process.versions.node}`);
    }
  });
});
