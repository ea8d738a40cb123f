// The request the suite sends for an operation: path, query and body from the
// spec's examples, or samples of their schemas where the spec gives none.
import { sample } from "./sample.js";
import type { SpecOperation } from "./spec.js";

/** Parameters in the shape the SDK's operation methods take. */
export interface OperationParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A valid request for `op`: every required parameter, and optional ones the spec shows an example for. */
export function buildRequest(op: SpecOperation): OperationParams {
  const params: OperationParams = {};
  for (const where of ["path", "query"] as const) {
    const chosen = op.parameters.filter(
      (p) => p.in === where && (p.required || p.example !== undefined || p.schema.example !== undefined),
    );
    if (chosen.length === 0) continue;
    params[where] = Object.fromEntries(chosen.map((p) => [p.name, p.example ?? sample(p.schema)]));
  }
  if (op.requestBody) params.body = op.requestBody.example ?? sample(op.requestBody.schema);
  return params;
}

/** The path the request should have reached: the template with its path parameters filled in. */
export function expectedPath(op: SpecOperation, params: OperationParams): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params.path?.[name])));
}
