// chirp-sdk/otel: OpenTelemetry traces and metrics, as a middleware (src/call/3-middleware.ts).
// Opt-in and in an entry of its own, so that `@opentelemetry/api` (an optional peer
// dependency) is loaded only by apps that import this file, and nothing of it reaches
// the main bundle.
//
// Spans follow OpenTelemetry's HTTP client semantic conventions: one span per call
// (`chirp.sendSms`), and under it one CLIENT span per attempt named `{method} {url.template}`
// with http.request.method, server.address, server.port, url.template,
// http.response.status_code, http.request.resend_count (retries) and error.type.
// Nothing personal goes into any attribute or event: no URL (a query may hold a phone
// number), no path with ids (the template instead), no header, no body, no server message
// (it may quote the request) — only the operation, status, Chirp's error code and request id.
import {
  type Attributes,
  type Context,
  type Counter,
  context,
  type Gauge,
  type Histogram,
  type Meter,
  type MeterProvider,
  metrics,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import type { AttemptContext, CallContext, Middleware } from "../call/3-middleware.js";
import { scrub } from "../privacy.js";
import { SDK_VERSION } from "../user-agent.js";

/** Options of `openTelemetry()`. */
export interface OpenTelemetryOptions {
  /** Where spans go. @default the global tracer provider (`trace.setGlobalTracerProvider`, or the Node SDK's) */
  readonly tracerProvider?: TracerProvider | undefined;
  /** Where metrics go. @default the global meter provider */
  readonly meterProvider?: MeterProvider | undefined;
  /**
   * Put the attempt's trace context on the request (`traceparent`, by the globally
   * registered propagator), so that a trace continues at Chirp if it reads one.
   * @default true
   */
  readonly propagate?: boolean | undefined;
}

/** The instrumentation scope's name: the tracer and the meter are named after the package. */
export const INSTRUMENTATION_NAME = "chirp-sdk";

// Semconv's advised buckets for http.client.request.duration, in seconds.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

interface Instruments {
  readonly duration: Histogram;
  readonly retries: Counter;
  readonly rateLimited: Counter;
  readonly queueDepth: Gauge;
}

function instruments(meter: Meter): Instruments {
  return {
    duration: meter.createHistogram("http.client.request.duration", {
      description: "Duration of HTTP client requests (each attempt).",
      unit: "s",
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    retries: meter.createCounter("chirp.client.retries", {
      description: "Attempts the SDK retried (after a 429, a 5xx, a timeout or a connection failure).",
      unit: "{retry}",
    }),
    rateLimited: meter.createCounter("chirp.client.rate_limited", {
      description: "Answers with status 429 (rate limited).",
      unit: "{response}",
    }),
    queueDepth: meter.createGauge("chirp.rate_limiter.queue_depth", {
      description: "Calls waiting in the client-side rate limiter, per bucket, as seen at each attempt.",
      unit: "{call}",
    }),
  };
}

/** What the spans and metrics say of where a call goes: method, host, port, template. Low cardinality. */
function serverAttributes(call: CallContext): Attributes {
  const attrs: Attributes = { "http.request.method": call.method };
  try {
    const url = new URL(call.origin);
    attrs["server.address"] = url.hostname;
    attrs["server.port"] = url.port ? Number(url.port) : url.protocol === "http:" ? 80 : 443;
  } catch {
    // An origin that does not parse cannot happen for a built client; left out if it does.
  }
  if (call.pathTemplate) attrs["url.template"] = call.pathTemplate;
  if (call.operationId) attrs["chirp.operation_id"] = call.operationId;
  return attrs;
}

/**
 * `error.type` of a failure: the HTTP status for an answer (semconv's rule), else the
 * error's class name (`ChirpTimeoutError`, `ChirpConnectionError`) — never its message.
 * Duck-typed, so that this entry bundles none of the main entry's classes.
 */
function errorType(error: unknown): string {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number") return String(status);
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" && /^[A-Za-z]{1,64}$/.test(name) ? name : "_OTHER";
}

/** Chirp's error code of a failure (`template_not_found`), a short token, if it has one. */
function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : undefined;
}

/** Sets a failed span's attributes and status: class and code only, never a message. */
function fail(span: Span, error: unknown): void {
  span.setAttribute("error.type", errorType(error));
  const code = errorCode(error);
  if (code) span.setAttribute("chirp.error.code", code);
  const requestId = (error as { requestId?: unknown } | null)?.requestId;
  if (typeof requestId === "string") span.setAttribute("chirp.request_id", scrub(requestId));
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorType(error) + (code ? ` ${code}` : "") });
}

/**
 * OpenTelemetry tracing and metrics for every call of a client, as a middleware.
 * Uses the global tracer and meter providers unless given others; a call made inside an
 * active span of the app is that span's child.
 * - Spans: `chirp.<operationId>` per call (INTERNAL), and one CLIENT span per attempt,
 *   `{method} {url.template}`, following the HTTP client semantic conventions; the
 *   operation id (`chirp.operation_id`), Chirp's error code (`chirp.error.code`) and the
 *   request id (`chirp.request_id`) as attributes; a rate-limiter wait as the event
 *   `chirp.rate_limiter.wait` with `chirp.rate_limiter.wait_ms` on the call span.
 * - Metrics: `http.client.request.duration` (s, per attempt, semconv attributes),
 *   `chirp.client.retries`, `chirp.client.rate_limited` (429s), and the gauge
 *   `chirp.rate_limiter.queue_depth` (per bucket).
 * - Privacy: no key, no phone number, no message text, no URL or query, no header and no
 *   body in any attribute or event; paths appear only as the spec's templates.
 * @example
 * ```ts
 * import { Chirp } from "chirp-sdk";
 * import { openTelemetry } from "chirp-sdk/otel";
 *
 * const chirp = new Chirp({ middleware: [openTelemetry()] });
 * ```
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): Middleware {
  const tracer: Tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
    INSTRUMENTATION_NAME,
    SDK_VERSION,
  );
  // Instruments from the global meter provider are made on first use: one an app
  // registers after building its client is still the one recorded to.
  let made: Instruments | undefined;
  const meter = (): Instruments => {
    made ??= instruments((options.meterProvider ?? metrics).getMeter(INSTRUMENTATION_NAME, SDK_VERSION));
    return made;
  };
  const propagate = options.propagate !== false;
  // The call span of each call, for its attempts: the parent also without a context manager.
  const calls = new WeakMap<CallContext, { readonly span: Span; readonly context: Context }>();

  return {
    name: "chirp-sdk/otel",
    call: async (call, next) => {
      const parent = context.active();
      const span = tracer.startSpan(
        `chirp.${call.operationId ?? call.method}`,
        { kind: SpanKind.INTERNAL, attributes: { ...serverAttributes(call), "chirp.call_id": call.id } },
        parent,
      );
      const active = trace.setSpan(parent, span);
      calls.set(call, { span, context: active });
      try {
        return await context.with(active, next);
      } catch (error) {
        fail(span, error);
        throw error;
      } finally {
        span.setAttribute("chirp.attempts", call.attempts);
        span.end();
      }
    },
    attempt: async (a, next) => {
      const own = calls.get(a.call);
      const parent = own?.context ?? context.active();
      if (own && a.limiterWaitMs !== undefined && a.limiterWaitMs > 0) {
        own.span.addEvent("chirp.rate_limiter.wait", {
          "chirp.rate_limiter.wait_ms": a.limiterWaitMs,
          "chirp.attempt": a.attempt,
        });
      }
      const attrs = serverAttributes(a.call);
      const template = a.call.pathTemplate;
      const spanAttrs: Attributes = { ...attrs };
      if (a.attempt > 1) spanAttrs["http.request.resend_count"] = a.attempt - 1;
      const span = tracer.startSpan(
        template ? `${a.call.method} ${template}` : a.call.method,
        { kind: SpanKind.CLIENT, attributes: spanAttrs },
        parent,
      );
      const active = trace.setSpan(parent, span);
      if (propagate) propagation.inject(active, a.headers);
      const started = performance.now();
      try {
        const response = await context.with(active, next);
        span.setAttribute("http.response.status_code", response.status);
        attrs["http.response.status_code"] = response.status;
        // The server's text: a request id quoting a phone number is masked.
        if (a.requestId) span.setAttribute("chirp.request_id", scrub(a.requestId));
        return response;
      } catch (error) {
        if (a.status !== undefined) {
          span.setAttribute("http.response.status_code", a.status);
          attrs["http.response.status_code"] = a.status;
        }
        attrs["error.type"] = errorType(error);
        fail(span, error);
        throw error;
      } finally {
        meter().duration.record((performance.now() - started) / 1000, attrs);
        span.end();
      }
    },
    settled: (a: AttemptContext) => {
      const m = meter();
      const attrs = serverAttributes(a.call);
      if (a.status === 429) m.rateLimited.add(1, attrs);
      if (a.decision?.retry) m.retries.add(1, { ...attrs, "error.type": errorType(a.error) });
      const limiter = a.call.rateLimiter;
      if (limiter) {
        for (const bucket of limiter.stats()) {
          m.queueDepth.record(bucket.queued, { "chirp.rate_limiter.bucket": bucket.bucket });
        }
      }
    },
  };
}
