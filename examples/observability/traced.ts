// Logging and OpenTelemetry for chirp-sdk in one runnable app: a retried GET and a send
// that fails, inside a span of the app's own, then the span tree as the SDK recorded it.
//
//   CHIRP_LOG=debug CHIRP_APP_KEY=sk_test_app_… CHIRP_BASE_URL=… node --import tsx examples/observability/traced.ts
//
// A real app registers the OpenTelemetry Node SDK instead of the in-memory exporter used
// here (see the README's "Observability"); chirp-sdk/otel uses whatever is registered.
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { Chirp, ChirpApiError } from "chirp-sdk";
import { openTelemetry } from "chirp-sdk/otel";

const spans = new InMemorySpanExporter();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));

// Keys and base URL from CHIRP_APP_KEY / CHIRP_BASE_URL, the log level from CHIRP_LOG.
const chirp = new Chirp({ middleware: [openTelemetry()] });

await trace.getTracer("example-app").startActiveSpan("POST /signup", async (span) => {
  const profile = await chirp.getWhatsAppBusinessProfile({ path: { phoneNumberId: "wapn_1" } });
  console.log("profile:", JSON.stringify(profile));
  try {
    await chirp.sendSms({ body: { from: "+15551234567", to: ["+15559876543"], text: "Your code is 4711" } });
  } catch (error) {
    if (!(error instanceof ChirpApiError)) throw error;
    console.log(`send failed: ${error.status} ${error.code}, request id ${error.requestId}`);
  }
  span.end();
});

// The span tree, children under their parent, with the attributes an APM would show.
function print(all: readonly ReadableSpan[], parent: string | undefined, depth: number): void {
  const start = (x: ReadableSpan) => x.startTime[0] * 1e9 + x.startTime[1];
  const children = all.filter((x) => x.parentSpanContext?.spanId === parent).sort((x, y) => start(x) - start(y));
  for (const s of children) {
    const a = s.attributes;
    const status = a["http.response.status_code"] ?? "";
    const extra = [
      a["http.request.resend_count"] === undefined ? "" : `resend_count=${a["http.request.resend_count"]}`,
      a["error.type"] === undefined ? "" : `error.type=${a["error.type"]}`,
      a["chirp.request_id"] === undefined ? "" : `request_id=${a["chirp.request_id"]}`,
    ]
      .filter(Boolean)
      .join(" ");
    console.log(`${"  ".repeat(depth)}${s.name}${status ? ` → ${status}` : ""}${extra ? ` (${extra})` : ""}`);
    print(all, s.spanContext().spanId, depth + 1);
  }
}
console.log("spans:");
print(spans.getFinishedSpans(), undefined, 1);
