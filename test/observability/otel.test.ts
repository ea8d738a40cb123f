// chirp-sdk/otel against a real loopback server, recorded by the real OpenTelemetry SDK:
// sdk-trace-base's InMemorySpanExporter and an sdk-metrics reader, registered as the
// global providers (the middleware's default), with the async-hooks context manager.
import { context, metrics, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Chirp } from "../../src/index.js";
import { openTelemetry } from "../../src/otel/index.js";
import { APP_KEY } from "../client/helpers.js";
import { type Loopback, SEND_BODY, scriptScenario, startLoopback } from "./loopback.js";
import { inMemoryOtel } from "./otel-sdk.js";

let server: Loopback;
const { spans, metricExporter, reader, tracerProvider, meterProvider } = inMemoryOtel();

beforeAll(async () => {
  server = await startLoopback();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});
afterAll(async () => {
  await server.close();
  await meterProvider.shutdown();
  trace.disable();
  metrics.disable();
  context.disable();
  propagation.disable();
});
beforeEach(() => {
  spans.reset();
  scriptScenario(server);
  server.received.length = 0;
});

const noSleep = async () => {};
const chirp = () =>
  new Chirp({
    appKey: APP_KEY,
    baseUrl: server.baseUrl,
    sleep: noSleep,
    logLevel: "off",
    middleware: [openTelemetry()],
  });

/** The finished spans as a tree of names, children under parents, in start order. */
function tree(all: readonly ReadableSpan[], parentId?: string, depth = 0): string[] {
  return all
    .filter((s) => s.parentSpanContext?.spanId === parentId)
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])
    .flatMap((s) => [`${"  ".repeat(depth)}${s.name}`, ...tree(all, s.spanContext().spanId, depth + 1)]);
}

const GET_NAME = "GET /v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile";

describe("spans", () => {
  it("a retried GET inside the app's span: app → call span → one CLIENT span per attempt, semconv attributes", async () => {
    const app = trace.getTracer("app");
    await app.startActiveSpan("handle request", async (root) => {
      await chirp().getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } });
      root.end();
    });
    const done = spans.getFinishedSpans();
    expect(tree(done)).toEqual([
      "handle request",
      "  chirp.getWhatsAppBusinessProfile",
      `    ${GET_NAME}`,
      `    ${GET_NAME}`,
    ]);
    const call = done.find((s) => s.name === "chirp.getWhatsAppBusinessProfile") as ReadableSpan;
    const [first, second] = done
      .filter((s) => s.name === GET_NAME)
      .sort((a, b) => a.startTime[1] - b.startTime[1] + (a.startTime[0] - b.startTime[0]) * 1e9);
    const port = Number(new URL(server.baseUrl).port);
    expect(call.kind).toBe(SpanKind.INTERNAL);
    expect(call.attributes).toMatchObject({ "chirp.operation_id": "getWhatsAppBusinessProfile", "chirp.attempts": 2 });
    expect(first?.kind).toBe(SpanKind.CLIENT);
    expect(first?.attributes).toEqual({
      "http.request.method": "GET",
      "server.address": "127.0.0.1",
      "server.port": port,
      "url.template": "/v1/whatsapp/phone-numbers/{phoneNumberId}/business-profile",
      "chirp.operation_id": "getWhatsAppBusinessProfile",
      "http.response.status_code": 503,
      "error.type": "503",
      "chirp.error.code": "service_unavailable",
      "chirp.request_id": "req_503",
    });
    expect(first?.status.code).toBe(SpanStatusCode.ERROR);
    expect(second?.attributes).toMatchObject({
      "http.request.resend_count": 1,
      "http.response.status_code": 200,
      "chirp.request_id": "req_200",
    });
    expect(second?.attributes["error.type"]).toBeUndefined();
    // The attempt's trace context went out with each request (W3C traceparent).
    expect(server.received.map((r) => r.headers.traceparent)).toEqual([
      expect.stringContaining(first?.spanContext().spanId as string),
      expect.stringContaining(second?.spanContext().spanId as string),
    ]);
  });

  it("a failed send: the call span is an error with the Chirp code; no message text or number anywhere", async () => {
    await chirp()
      .sendSms({ body: SEND_BODY })
      .catch(() => {});
    const done = spans.getFinishedSpans();
    expect(tree(done)).toEqual(["chirp.sendSms", "  POST /v1/sms"]);
    const call = done.find((s) => s.name === "chirp.sendSms") as ReadableSpan;
    expect(call.status).toEqual({ code: SpanStatusCode.ERROR, message: "500 internal_error" });
    expect(call.attributes).toMatchObject({ "error.type": "500", "chirp.error.code": "internal_error" });
    const everything = JSON.stringify(done.map((s) => [s.name, s.attributes, s.events, s.status]));
    expect(everything).not.toContain("15559876543");
    expect(everything).not.toContain("Your code");
    expect(everything).not.toContain(APP_KEY.slice(12));
  });

  it("a rate-limiter wait is an event on the call span, with its duration", async () => {
    let t = 0;
    const rateLimit = {
      createLimiter: () => ({
        acquire: async () => {
          t += 1200;
          return undefined;
        },
        stats: () => [{ bucket: "general", queued: 3, inFlight: 1 }],
      }),
    };
    const client = new Chirp({
      appKey: APP_KEY,
      baseUrl: server.baseUrl,
      sleep: noSleep,
      now: () => t,
      logLevel: "off",
      rateLimit: rateLimit as never,
      middleware: [openTelemetry()],
    });
    await client.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } });
    const call = spans.getFinishedSpans().find((s) => s.name.startsWith("chirp.")) as ReadableSpan;
    expect(call.events.map((e) => [e.name, e.attributes])).toEqual([
      ["chirp.rate_limiter.wait", { "chirp.rate_limiter.wait_ms": 1200, "chirp.attempt": 1 }],
      ["chirp.rate_limiter.wait", { "chirp.rate_limiter.wait_ms": 1200, "chirp.attempt": 2 }],
    ]);
    await reader.forceFlush();
    const depth = metricExporter
      .getMetrics()
      .at(-1)
      ?.scopeMetrics.flatMap((s) => s.metrics)
      .find((m) => m.descriptor.name === "chirp.rate_limiter.queue_depth");
    expect(depth?.dataPoints.map((p) => [p.attributes, p.value])).toEqual([
      [{ "chirp.rate_limiter.bucket": "general" }, 3],
    ]);
  });
});

describe("metrics", () => {
  it("records the request duration per attempt, retries, 429s and the limiter's queue depth", async () => {
    server.script("GET /v1/webhooks", [
      { status: 429, body: { error: "slow down" }, headers: { "retry-after": "0" } },
      { status: 200, body: { webhooks: [] } },
    ]);
    const client = chirp();
    await client.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } });
    await client.listWebhooks();
    await client.sendSms({ body: SEND_BODY }).catch(() => {});
    await reader.forceFlush();
    const exported = metricExporter.getMetrics().at(-1);
    const all = exported?.scopeMetrics.find((s) => s.scope.name === "chirp-sdk")?.metrics ?? [];
    const byName = Object.fromEntries(all.map((m) => [m.descriptor.name, m]));
    const duration = byName["http.client.request.duration"];
    expect(duration?.descriptor.unit).toBe("s");
    const points = (duration?.dataPoints ?? []).map((p) => p.attributes);
    expect(points).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          "http.request.method": "GET",
          "http.response.status_code": 503,
          "error.type": "503",
        }),
        expect.objectContaining({ "http.request.method": "GET", "http.response.status_code": 200 }),
        expect.objectContaining({ "http.request.method": "POST", "http.response.status_code": 500 }),
        expect.objectContaining({ "url.template": "/v1/webhooks", "http.response.status_code": 429 }),
      ]),
    );
    const sum = (name: string) => (byName[name]?.dataPoints ?? []).reduce((n, p) => n + (p.value as number), 0);
    expect(sum("chirp.client.retries")).toBeGreaterThanOrEqual(2);
    expect(sum("chirp.client.rate_limited")).toBeGreaterThanOrEqual(1);
    const attrs = JSON.stringify(all.map((m) => m.dataPoints.map((p) => p.attributes)));
    expect(attrs).not.toContain("15559876543");
    expect(attrs).not.toContain("wapn_1");
  });
});
