// What the vendored spec says today, read from openapi/openapi.json at test time, so
// that tests follow the spec instead of pinning it: a routine upstream update (a new
// error code, a new status on an operation, a new operation) changes these values and
// the tests that use them follow, with no test edited (issue 22). The pipeline's own
// readers (scripts/lib/spec.mjs) do the reading, so a test and the generator cannot
// disagree on what "the codes" or "the operations" are.
import { readFileSync } from "node:fs";
import { join } from "node:path";
// @ts-expect-error -- plain .mjs script library, no type declarations
import { deref, eachOperation, errorCodes, webhookEventTypes } from "../scripts/lib/spec.mjs";

/** An OpenAPI document, loosely typed: tests only read it. */
export type Spec = Record<string, unknown>;

/** Reads a spec: the vendored one by default. */
export function loadSpec(file = join(import.meta.dirname, "../openapi/openapi.json")): Spec {
  return JSON.parse(readFileSync(file, "utf8")) as Spec;
}

interface OperationEntry {
  readonly path: string;
  readonly method: string;
  readonly op: { operationId: string; responses?: Record<string, unknown>; [key: string]: unknown };
}

/** The facts of one spec that tests count and list. */
export interface SpecFacts {
  /** operationIds in document order. */
  readonly operationIds: readonly string[];
  /** The ApiError `error.code` enum, in spec order. */
  readonly errorCodes: readonly string[];
  /** The ApiError `error.type` enum. */
  readonly errorTypes: readonly string[];
  /** The WebhookEventType enum, in spec order. */
  readonly webhookEvents: readonly string[];
  /** The documented statuses of an operation (numbers, ascending); throws for an unknown id. */
  statuses(operationId: string): number[];
  /** The documented 4xx/5xx statuses of an operation, ascending. */
  errorStatuses(operationId: string): number[];
  /** The operation object (refs not followed). */
  operation(operationId: string): OperationEntry;
}

/** Facts of `spec` (the vendored spec by default). */
export function specFacts(spec: Spec = loadSpec()): SpecFacts {
  const entries = [...(eachOperation(spec) as Iterable<OperationEntry>)];
  const byId = new Map(entries.map((e) => [e.op.operationId, e]));
  const operation = (id: string): OperationEntry => {
    const e = byId.get(id);
    if (!e) throw new Error(`the spec has no operation ${id}`);
    return e;
  };
  const statuses = (id: string) =>
    Object.keys(operation(id).op.responses ?? {})
      .filter((s) => /^\d{3}$/.test(s))
      .map(Number)
      .sort((a, b) => a - b);
  const { codes, types } = errorCodes(spec) as { codes: string[]; types: string[] };
  return {
    operationIds: entries.map((e) => e.op.operationId),
    errorCodes: codes,
    errorTypes: types,
    webhookEvents: webhookEventTypes(spec) as string[],
    statuses,
    errorStatuses: (id) => statuses(id).filter((s) => s >= 400),
    operation,
  };
}

/** Follows a local `$ref` of `spec`. */
export function resolveRef<T = unknown>(spec: Spec, node: unknown): T {
  return deref(spec, node) as T;
}
