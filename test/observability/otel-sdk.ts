// The real OpenTelemetry SDK, recording in memory: sdk-trace-base's InMemorySpanExporter
// and an sdk-metrics reader whose metrics are read by forceFlush (its interval is an hour,
// so no timer ever exports). Shared by the otel and privacy tests.
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";

/** A tracer and a meter provider whose spans and metrics stay in memory for the test to read. */
export function inMemoryOtel() {
  const spans = new InMemorySpanExporter();
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return { spans, metricExporter, reader, tracerProvider, meterProvider };
}
