// The privacy rule as a property: whatever the bodies, headers, keys and phone numbers
// of a call — and whatever a server answers, quoting them back in its body, its
// headers or its request id — no key, no full phone number and no message text reaches a
// log line (message or fields, at debug), a span (name, attribute, event, status) or a
// metric attribute. Over a real loopback server, with the real OpenTelemetry SDK.
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Chirp } from "../../src/index.js";
import { openTelemetry } from "../../src/otel/index.js";
import { maskPhone } from "../../src/privacy.js";
import { captureLogger, type Loopback, startLoopback } from "./loopback.js";
import { inMemoryOtel } from "./otel-sdk.js";

let server: Loopback;
const { spans, metricExporter, reader, tracerProvider, meterProvider } = inMemoryOtel();

beforeAll(async () => {
  server = await startLoopback();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(async () => {
  await server.close();
  await meterProvider.shutdown();
  context.disable();
});

const countryCodes = fc.constantFrom("1", "7", "44", "49", "33", "91", "86", "353", "234", "972");
const phone = fc
  .tuple(countryCodes, fc.stringMatching(/^[2-9][0-9]{7,10}$/))
  .map(([cc, rest]) => `+${cc}${rest}`.slice(0, 16));
const secret = fc.stringMatching(/^[A-Za-z0-9]{24,40}$/);
const key = fc.tuple(fc.constantFrom("sk_live_app_", "sk_test_app_"), secret).map(([p, s]) => p + s);
// A distinctive word: the message text, template variables, a name.
const text = fc.stringMatching(/^[a-z]{10,18}$/).map((s) => `Txt${s}`);
const headerValue = fc.oneof(phone, text, fc.stringMatching(/^[\x21-\x7e]{1,30}$/));
const status = fc.constantFrom(200, 400, 422, 429, 500, 503);

describe("nothing secret or personal in logs, spans or metrics", () => {
  it("holds for random bodies, headers, keys, phone numbers and answers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          appKey: key,
          from: phone,
          to: fc.array(phone, { minLength: 1, maxLength: 3 }),
          text,
          pathPhone: phone,
          headers: fc.dictionary(fc.stringMatching(/^x-[a-z]{1,8}$/), headerValue, { maxKeys: 3 }),
          statuses: fc.array(status, { minLength: 1, maxLength: 3 }),
          echoInRequestId: fc.boolean(),
        }),
        async (run) => {
          spans.reset();
          const personal = [run.from, ...run.to, run.pathPhone];
          const quoted = `could not deliver '${run.text}' from ${run.from} to ${run.to.join(",")} (key ${run.appKey})`;
          const answers = run.statuses.map((s) => ({
            status: s,
            body:
              s === 200
                ? { id: "msg_1", text: run.text, to: run.to }
                : { error: { type: "api_error", code: "x", message: quoted } },
            headers: {
              "x-request-id": run.echoInRequestId ? `req-${run.to[0]}` : "req_1",
              "x-echo": `${run.text} ${run.from}`,
              "retry-after": "0",
            },
          }));
          server.script("POST /v1/sms", answers);
          server.script(
            `GET /v1/whatsapp/phone-numbers/${encodeURIComponent(run.pathPhone)}/business-profile`,
            answers,
          );
          const { lines, logger } = captureLogger();
          const chirp = new Chirp({
            appKey: run.appKey,
            baseUrl: server.baseUrl,
            sleep: async () => {},
            logLevel: "debug",
            logger,
            middleware: [openTelemetry({ tracerProvider, meterProvider })],
          });
          await chirp
            .sendSms({ body: { from: run.from, to: run.to, text: run.text }, headers: run.headers })
            .catch(() => {});
          await chirp
            .getWhatsAppBusinessProfile({ path: { phoneNumberId: run.pathPhone }, headers: run.headers })
            .catch(() => {});
          await reader.forceFlush();
          const seen = [
            ...lines.map((l) => `${l.message} ${JSON.stringify(l.fields)}`),
            ...spans
              .getFinishedSpans()
              .map((s) =>
                JSON.stringify([s.name, s.attributes, s.events.map((e) => [e.name, e.attributes]), s.status]),
              ),
            JSON.stringify(
              metricExporter
                .getMetrics()
                .flatMap((r) =>
                  r.scopeMetrics.flatMap((m) => m.metrics.map((x) => x.dataPoints.map((p) => p.attributes))),
                ),
            ),
          ].join("\n");
          expect(lines.length).toBeGreaterThan(0);
          expect(seen).not.toContain(run.appKey.slice(12));
          expect(seen).not.toContain(run.text);
          for (const p of personal) expect(seen).not.toContain(p.slice(1));
          // Masked, a number still tells recipients apart in the path: country code and last two digits.
          expect(lines.some((l) => l.message.includes(maskPhone(run.pathPhone)))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
